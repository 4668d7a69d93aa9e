using BenchmarkDotNet.Attributes;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Demo;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// The national ranking table of one period (130,000 pages) through the storage format: the aggregate step building and writing it
/// (columns, seven component orders, MemoryPack, gzip), and a cold read by the HTTP side (RankingReader caches it after that).
/// </summary>
[MemoryDiagnoser]
[SecondsJob]
public class RankingTableBenchmarks
{
    private IReadOnlyList<RankingEntry> entries = [];
    private RankingTable table = null!;
    private byte[] gzipped = [];

    [GlobalSetup]
    public void Setup()
    {
        entries = NationalRanking.BuildEntries();
        table = NationalRanking.BuildTable(entries);
        gzipped = StorageFormat.Pack(table);
    }

    /// <summary>Aggregation: build the national table of one period and pack it; returns the compressed size.</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int WriteNationalTable() => StorageFormat.Pack(NationalRanking.BuildTable(entries)).Length;

    /// <summary>Serving, cold cache: gunzip and unpack the national table; returns the pages read.</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int ReadNationalTable() => StorageFormat.Unpack<RankingTable>(gzipped).Count;
}

/// <summary>
/// The per-request work of GET /api/rankings on the cached national table of one period (130,000 pages): RankingService walks the
/// sort's precomputed order, filters, and materialises one page of entries.
/// </summary>
[MemoryDiagnoser]
[ShortJob]
public class ServingBenchmarks
{
    private RankingTable table = null!;

    [GlobalSetup]
    public void Setup() => table = NationalRanking.BuildTable(NationalRanking.BuildEntries());

    /// <summary>GET /api/rankings?top=50 (national, sort=index).</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int QueryTop50ByIndex() => Query(RankingQuery.SortByIndex, null);

    /// <summary>GET /api/rankings?top=50&amp;sort=engagement (national).</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int QueryTop50ByEngagement() => Query(IndexComponents.Engagement, null);

    /// <summary>GET /api/rankings?top=50&amp;sort=engagement&amp;kind=youth (national, a filter that counts every match).</summary>
    [Benchmark]
    [Work(WorkUnit.National)]
    public int QueryTop50ByEngagementOfOneKind() => Query(IndexComponents.Engagement, OrganisationKind.Youth);

    private int Query(string sort, OrganisationKind? kind) =>
        RankingService.Select(table, new RankingQuery(null, null, kind, Period.Week, sort, 50, 0), table.Run).Items.Count;
}

/// <summary>The national ranking of the week period, built as the aggregate step builds it.</summary>
internal static class NationalRanking
{
    public static RankingTable BuildTable(IReadOnlyList<RankingEntry> entries)
    {
        var run = new RunStamp(
            DemoRegion.RunId, 1, DemoRegion.MetricDay, DemoPageSource.SourceName, IsDemo: true, GeneratedAt: new DateTimeOffset(2026, 3, 11, 0, 30, 0, TimeSpan.Zero));
        return RankingTable.Build(run, Period.Week, null, new IndexOptions().Weights, entries, [.. Enumerable.Range(1, entries.Count)], entries.Count, new int[entries.Count]);
    }

    public static IReadOnlyList<RankingEntry> BuildEntries()
    {
        var source = new DemoPageSource(new DemoSourceOptions());
        var snapshots = DemoRegion.CollectAll(source, DemoRegion.PlanRequests(source)).SelectMany(b => b.Pages);
        var national = NationalSet.Build(DemoRegion.ComputePageMetrics(snapshots, Period.Week), Workloads.NationalPages);
        return RankingOrder.ByIndex(new PageScorer(new IndexOptions()).Score(national).Select(RankingEntry.From)).ToArray();
    }
}

/// <summary>
/// GET /api/pages?search=… on the national table of the country with MAX channels (208,866 pages): a linear scan of the folded names,
/// screen names and ids (made once per table), and an address resolved by each platform's rules first.
/// </summary>
[MemoryDiagnoser]
[ShortJob]
public class PageSearchBenchmarks
{
    public const int Pages = 208_866;

    private RankingTable table = null!;
    private PageSearchService warm = null!;
    private string address = "";

    [GlobalSetup]
    public void Setup()
    {
        var source = new DemoPageSource(new DemoSourceOptions());
        var snapshots = DemoRegion.CollectAll(source, DemoRegion.PlanRequests(source)).SelectMany(b => b.Pages);
        var national = NationalSet.Build(DemoRegion.ComputePageMetrics(snapshots, Period.Week), Pages);
        table = NationalRanking.BuildTable(RankingOrder.ByIndex(new PageScorer(new IndexOptions()).Score(national).Select(RankingEntry.From)).ToArray());
        var vk = Enumerable.Range(0, table.Count).Last(i => table.Platforms[i] == Platform.Vk);
        address = $"https://vk.com/{table.ScreenNames[vk]}";
        warm = new PageSearchService(null!, null!);
        warm.Find(table, "школа", 20);
    }

    /// <summary>A word of a name («школа»: thousands of matches, the first 20 listed), names already folded.</summary>
    [Benchmark]
    public int SearchByName() => warm.Find(table, "школа", 20).Total;

    /// <summary>A page's full address: each platform's address rules, then the scan.</summary>
    [Benchmark]
    public int SearchByAddress() => warm.Find(table, address, 20).Total;

    /// <summary>The first search of a table: folding its 208,866 names, screen names and ids, then the scan.</summary>
    [Benchmark]
    public int FirstSearchOfATable() => new PageSearchService(null!, null!).Find(table, "школа", 20).Total;
}
