using BenchmarkDotNet.Attributes;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Demo;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// The aggregate step's scoring of one period for the whole country: peer groups, percentiles, components and the
/// index over 130,000 pages (the aggregator does this once per period, so three times per run).
/// </summary>
[MemoryDiagnoser]
[ShortJob]
public class RankingBenchmarks
{
    private PageScorer scorer = null!;
    private PageMetrics[] national = [];

    [GlobalSetup]
    public void Setup()
    {
        var source = new DemoPageSource(new DemoSourceOptions());
        var snapshots = DemoRegion.CollectAll(source, DemoRegion.PlanRequests(source)).SelectMany(b => b.Pages);
        national = NationalSet.Build(DemoRegion.ComputePageMetrics(snapshots, Period.Week), Workloads.NationalPages);
        scorer = new PageScorer(new IndexOptions());
    }

    /// <summary>Returns the number of pages scored.</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int ScoreNational() => scorer.Score(national).Count;
}

/// <summary>
/// A deterministic synthetic national set: the demo region's page metrics copied into many regions with new page ids and
/// perturbed audiences and ratios, so pages spread over every audience band and peer groups differ in size and values.
/// </summary>
internal static class NationalSet
{
    public static PageMetrics[] Build(IReadOnlyList<PageMetrics> region, int count)
    {
        var random = new Random(130_000);
        var result = new PageMetrics[count];
        for (var i = 0; i < count; i++)
        {
            var copy = i / region.Count;
            var template = region[i % region.Count];
            var regionCode = Regions.All[copy % Regions.All.Count].Code;
            var audience = Factor(random, 0.5);
            var subscribers = (long)Math.Round(template.Page.Subscribers * audience);
            var posts = Math.Max(0, template.Posts + random.Next(-2, 3));
            result[i] = template with
            {
                Page = template.Page with
                {
                    PageId = $"{template.Page.PageId}-{copy}",
                    ScreenName = $"{template.Page.ScreenName}_{copy}",
                    RegionCode = regionCode,
                    Subscribers = subscribers,
                },
                Posts = posts,
                PostsPerWeek = posts * 7.0 / template.Period.Days(),
                ErViewsMedian = template.ErViewsMedian * Factor(random, 0.3),
                ReachRateMedian = template.ReachRateMedian * Factor(random, 0.3) / audience,
                SubscriberGrowth = template.SubscriberGrowth + ((random.NextDouble() - 0.5) * 0.01),
                AnsweredShare = template.AnsweredShare is { } share ? Math.Clamp(share + ((random.NextDouble() - 0.5) * 0.2), 0, 1) : null,
                MedianAnswerHours = template.MedianAnswerHours * Factor(random, 0.5),
            };
        }

        return result;
    }

    /// <summary>A log-uniform factor in [e^−spread, e^spread].</summary>
    private static double Factor(Random random, double spread) => Math.Exp(((random.NextDouble() * 2) - 1) * spread);
}
