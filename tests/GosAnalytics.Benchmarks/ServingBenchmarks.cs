using BenchmarkDotNet.Attributes;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Demo;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// The national ranking snapshot of one period (130,000 pages) through the storage format: the aggregate step writing it,
/// and a cold read by the HTTP side (RankingReader caches it after that).
/// </summary>
[MemoryDiagnoser]
[SecondsJob]
public class RankingSnapshotBenchmarks
{
    private RankingSnapshot snapshot = null!;
    private byte[] gzipped = [];

    [GlobalSetup]
    public void Setup()
    {
        snapshot = NationalRanking.BuildSnapshot();
        gzipped = StorageFormat.Write(snapshot).Gzipped;
    }

    /// <summary>Aggregation: serialize, hash and gzip the national snapshot of one period; returns the compressed size.</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int WriteNationalSnapshot() => StorageFormat.Write(snapshot).Gzipped.Length;

    /// <summary>Serving, cold cache: gunzip and parse the national snapshot; returns the pages read.</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int ReadNationalSnapshot() => StorageFormat.Read<RankingSnapshot>(gzipped).Items.Count;
}

/// <summary>
/// The per-request work of GET /api/rankings on the cached national snapshot of one period (130,000 pages):
/// RankingService filters, sorts the whole scope on every request, then takes a page of items.
/// </summary>
[MemoryDiagnoser]
[ShortJob]
public class ServingBenchmarks
{
    private RankingSnapshot snapshot = null!;

    [GlobalSetup]
    public void Setup() => snapshot = NationalRanking.BuildSnapshot();

    /// <summary>GET /api/rankings?top=50 (national, sort=index), ordered as RankingService orders it.</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int QueryTop50ByIndex() => RankingOrder.ByIndex(snapshot.Items).ToList().Take(50).Count();

    /// <summary>GET /api/rankings?top=50&amp;sort=engagement (national).</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int QueryTop50ByEngagement() => RankingOrder.ByComponent(snapshot.Items, IndexComponents.Engagement).ToList().Take(50).Count();
}

/// <summary>The national ranking snapshot of the week period, built as the aggregate step builds it.</summary>
internal static class NationalRanking
{
    public static RankingSnapshot BuildSnapshot()
    {
        var source = new DemoPageSource(new DemoSourceOptions());
        var snapshots = DemoRegion.CollectAll(source, DemoRegion.PlanRequests(source)).SelectMany(b => b.Pages);
        var national = NationalSet.Build(DemoRegion.ComputePageMetrics(snapshots, Period.Week), Workloads.NationalPages);
        var options = new IndexOptions();
        var items = RankingOrder.ByIndex(new PageScorer(options).Score(national).Select(RankingEntry.From)).ToArray();
        var run = new RunStamp(
            DemoRegion.RunId, 1, DemoRegion.MetricDay, DemoPageSource.SourceName, IsDemo: true, GeneratedAt: new DateTimeOffset(2026, 3, 11, 0, 30, 0, TimeSpan.Zero));
        return new RankingSnapshot(run, Period.Week, null, options.Weights, items);
    }
}
