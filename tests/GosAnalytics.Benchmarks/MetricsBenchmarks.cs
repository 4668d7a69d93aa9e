using BenchmarkDotNet.Attributes;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Demo;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// The CPU part of the score step for the whole demo region: page metrics for day, week and month, and the metrics of
/// every post in the snapshot (what BatchScorer computes before it writes the tables), on one core, without storage.
/// </summary>
[MemoryDiagnoser]
[ShortJob]
public class MetricsBenchmarks
{
    private PageSnapshot[] snapshots = [];
    private IReadOnlyDictionary<DateOnly, long>[] histories = [];
    private PageMetrics[] pageResults = [];
    private PostMetrics[] postResults = [];

    [GlobalSetup]
    public void Setup()
    {
        var source = new DemoPageSource(new DemoSourceOptions());
        snapshots = DemoRegion.CollectAll(source, DemoRegion.PlanRequests(source)).SelectMany(b => b.Pages).ToArray();
        histories = snapshots.Select(s => DemoRegion.HistoryOf(s.Page)).ToArray();
        pageResults = new PageMetrics[snapshots.Length * EnumCodes.All<Period>().Count];
        postResults = new PostMetrics[snapshots.Sum(s => s.Posts.Count)];
    }

    /// <summary>Returns the number of post metrics computed.</summary>
    [Benchmark]
    [Work(WorkUnit.DemoRegion)]
    public int ComputeRegion()
    {
        var periods = EnumCodes.All<Period>();
        var p = 0;
        var q = 0;
        for (var i = 0; i < snapshots.Length; i++)
        {
            var snapshot = snapshots[i];
            for (var k = 0; k < periods.Count; k++)
            {
                pageResults[p++] = PageMetricsCalculator.Compute(snapshot, periods[k], DemoRegion.MetricDay, histories[i]);
            }

            var subscribers = snapshot.Page.Subscribers;
            var posts = snapshot.Posts;
            for (var j = 0; j < posts.Count; j++)
            {
                postResults[q++] = PostMetricsCalculator.Compute(posts[j], subscribers);
            }
        }

        return q;
    }
}
