using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>
/// History and changes over three served days written as aggregation and the run finisher write them: ranking tables of the region
/// and the country, region summaries, the served-day index and the pointer. Day two was run twice; its second attempt is served.
/// </summary>
public sealed class HistoryServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2026, 11, 18);
    private static readonly DateOnly Day2 = Day1.AddDays(1);
    private static readonly DateOnly Day3 = Day1.AddDays(2);

    /// <summary>Page → index on each day (absent: not ranked that day); all in region 28, plus one page of region 77 in the country's tables.</summary>
    private static readonly Dictionary<string, double?[]> Indexes = new()
    {
        ["a"] = [80, 75, 70],
        ["b"] = [70, 85, 65],
        ["c"] = [60, 60, 90],
        ["d"] = [null, 50, 55],
    };

    private RankingReader reader = null!;
    private ServedDays days = null!;

    public async Task InitializeAsync()
    {
        await azurite.EmptyContainerAsync(StorageNames.RankingsContainer);
        var storage = azurite.Storage;
        var blobs = new JsonBlobStore(storage);
        var tables = new PackedBlobStore(storage);
        var pointer = new ServedPointerStore(blobs);
        var index = new ServedDayStore(storage);
        await new PageRegistry(storage).UpsertAsync(
            [.. Indexes.Keys.Select(id => new RegisteredPage(Platform.Vk, id, "screen_" + id, 28, OrganisationKind.Culture)), new RegisteredPage(Platform.Vk, "z", "screen_z", 77, OrganisationKind.Culture)],
            CancellationToken.None);

        foreach (var (day, i) in new[] { (Day1, 0), (Day2, 1), (Day3, 2) })
        {
            foreach (var attempt in day == Day2 ? new[] { 1, 2 } : [1])
            {
                var run = new RunStamp(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), attempt, day, "demo", true, DateTimeOffset.UnixEpoch.AddDays(i));
                await WriteDayAsync(tables, blobs, run, i);
                await index.RecordAsync(run, CancellationToken.None);
                await pointer.ServeAsync(run, Outcome(run), CancellationToken.None);
            }
        }

        reader = new RankingReader(blobs, tables, pointer, Options.Create(new ServeOptions { LatestRunCacheSeconds = 0 }), TimeProvider.System);
        days = new ServedDays(index);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_page_history_has_one_day_per_served_run_with_the_ranks_and_index_of_that_days_tables()
    {
        var history = (await new HistoryService(reader, days, new PageRegistry(azurite.Storage)).GetPageAsync(new PageHistoryQuery(Platform.Vk, "a", Period.Week, 90), CancellationToken.None)).History!;

        Assert.Equal([Day1, Day2, Day3], history.Items.Select(d => d.MetricDay));
        Assert.Equal([80.0, 75, 70], history.Items.Select(d => d.Index));
        Assert.Equal([1, 2, 2], history.Items.Select(d => d.RegionRank));
        Assert.Equal([3, 4, 4], history.Items.Select(d => d.RegionTotal));
        Assert.Equal([2, 3, 3], history.Items.Select(d => d.NationalRank)); // region 77's page leads the country every day
        Assert.Equal([4, 5, 5], history.Items.Select(d => d.NationalTotal));
        Assert.Equal([1, 2, 1], history.Items.Select(d => d.Attempt)); // day two's second attempt is the one served
        Assert.Equal([8, 7.5, 7], history.Items.Select(d => d.Components[IndexComponents.Activity]));
        Assert.Equal([80, 75, 70], history.Items.Select(d => d.Metrics.Posts));
        Assert.Equal("Страница a", history.Name);
        Assert.Equal(Day3, history.Run.MetricDay);
    }

    [Fact]
    public async Task A_window_shorter_than_the_history_keeps_its_last_days_and_a_page_absent_on_a_day_skips_it()
    {
        var service = new HistoryService(reader, days, new PageRegistry(azurite.Storage));

        var lastTwo = (await service.GetPageAsync(new PageHistoryQuery(Platform.Vk, "a", Period.Week, 2), CancellationToken.None)).History!;
        var late = (await service.GetPageAsync(new PageHistoryQuery(Platform.Vk, "d", Period.Week, 90), CancellationToken.None)).History!;
        var unknown = await service.GetPageAsync(new PageHistoryQuery(Platform.Vk, "nobody", Period.Week, 90), CancellationToken.None);

        Assert.Equal([Day2, Day3], lastTwo.Items.Select(d => d.MetricDay));
        Assert.Equal([Day2, Day3], late.Items.Select(d => d.MetricDay));
        Assert.True(unknown.RunServed);
        Assert.Null(unknown.History);
    }

    [Fact]
    public async Task A_region_history_gives_its_median_and_place_among_the_regions_on_each_day()
    {
        var history = (await new HistoryService(reader, days, new PageRegistry(azurite.Storage)).GetRegionAsync(new RegionHistoryQuery(28, Period.Week, 90), CancellationToken.None)).History!;

        Assert.Equal([Day1, Day2, Day3], history.Items.Select(d => d.MetricDay));
        Assert.Equal([70.0, 67.5, 67.5], history.Items.Select(d => d.MedianIndex));
        Assert.Equal([2, 2, 2], history.Items.Select(d => d.Rank));
        Assert.Equal([2, 2, 2], history.Items.Select(d => d.RegionTotal));
        Assert.Equal([3, 4, 4], history.Items.Select(d => d.Pages));
    }

    [Fact]
    public async Task Rank_changes_are_positive_for_pages_that_moved_up_since_the_previous_day_and_null_for_new_ones()
    {
        // Day three, region 28 by index: c 90 (was 3rd), a 70 (was 2nd), b 65 (was 1st), d 55 (was 4th).
        var service = new RankingService(reader, days);

        var regional = (await service.QueryAsync(new RankingQuery(28, null, null, Period.Day, RankingQuery.SortByIndex, 10, 0), CancellationToken.None))!;
        var monthly = (await service.QueryAsync(new RankingQuery(28, null, null, Period.Month, RankingQuery.SortByIndex, 10, 0), CancellationToken.None))!;

        Assert.Equal(["c", "a", "b", "d"], regional.Page.Items.Select(i => i.Entry.PageId));
        Assert.Equal([2, 0, -2, 0], regional.Page.Items.Select(i => i.RankChange));
        Assert.Equal([30.0, -5, -20, 5], regional.Page.Items.Select(i => i.IndexChange));
        Assert.All(monthly.Page.Items, i => Assert.Null(i.RankChange)); // no run served 30 days before
        Assert.All(monthly.Page.Items, i => Assert.Null(i.IndexChange));
    }

    [Fact]
    public async Task Regions_keep_their_places_with_no_change_and_a_regions_top_pages_carry_their_changes_in_the_region()
    {
        var service = new RegionService(reader, days);

        var list = (await service.ListAsync(new RegionListQuery(Period.Day), CancellationToken.None))!;
        var detail = (await service.GetAsync(new RegionDetailQuery(28, Period.Day), CancellationToken.None)).Detail!;

        Assert.Equal([77, 28], list.Page.Items.Select(r => r.Summary.RegionCode));
        Assert.Equal([0, 0], list.Page.Items.Select(r => r.RankChange));
        Assert.Equal(0, list.Page.Items[1].IndexChange);
        Assert.Equal(0, detail.Region.RankChange);
        Assert.Equal([2, 0, -2, 0], detail.TopPages.Select(p => p.RankChange));
    }

    [Fact]
    public async Task Past_documents_are_read_once_and_the_served_runs_stay_cached_beside_them()
    {
        var service = new HistoryService(reader, days, new PageRegistry(azurite.Storage));
        await service.GetPageAsync(new PageHistoryQuery(Platform.Vk, "a", Period.Day, 90), CancellationToken.None);
        var reads = azurite.Storage.Operations.Count(StorageOperationCounter.NoStage, StorageOperationKind.BlobRead);

        for (var i = 0; i < 5; i++)
        {
            await service.GetPageAsync(new PageHistoryQuery(Platform.Vk, "b", Period.Day, 90), CancellationToken.None);
        }

        // No table is read again: only the pointer (cache time 0) on each request.
        Assert.Equal(reads + 5, azurite.Storage.Operations.Count(StorageOperationCounter.NoStage, StorageOperationKind.BlobRead));
    }

    private static async Task WriteDayAsync(PackedBlobStore tables, JsonBlobStore blobs, RunStamp run, int day)
    {
        var regional = Indexes
            .Where(p => p.Value[day] is not null)
            .Select(p => Entry(p.Key, 28, p.Value[day]!.Value))
            .OrderByDescending(e => e.Index)
            .ToList();
        var national = regional.Append(Entry("z", 77, 95)).OrderByDescending(e => e.Index).ToList();
        var nationalRanks = regional.Select(e => national.IndexOf(e) + 1).ToList();
        var summaries = new List<RegionSummaryEntry>
        {
            new(Summary(77, 1, 95), [], []),
            new(Summary(28, regional.Count, Median(regional.Select(e => e.Index).ToList())), [], []),
        };
        foreach (var period in EnumCodes.All<Period>())
        {
            var weights = new IndexOptions().Weights;
            await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.RankingBlob(run.RunId, period, 28),
                RankingTable.Build(run, period, 28, weights, regional, nationalRanks, national.Count, new int[regional.Count]), CancellationToken.None);
            await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.RankingBlob(run.RunId, period, null),
                RankingTable.Build(run, period, null, weights, national, [.. Enumerable.Range(1, national.Count)], national.Count, new int[national.Count]), CancellationToken.None);
            await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.RegionSummariesBlob(run.RunId, period), new RegionSummarySnapshot(run, period, summaries), null, CancellationToken.None);
        }
    }

    private static RankingEntry Entry(string id, int region, double index) => new(
        Platform.Vk, id, "Страница " + id, "screen_" + id, region, OrganisationKind.Culture, 1000, true, "vk|1k-10k|culture", index,
        new ComponentScores([IndexComponents.Activity], [index / 10]), [IndexComponents.Activity],
        new RankingMetrics((int)index, 3, 1000, null, null, null, null, null, 10, 0.5, 2, null, null, null));

    private static RegionSummary Summary(int code, int pages, double median) =>
        new(code, Regions.Get(code).RussianName, null, null, pages, pages, median, median, 1, 3, 10, 1000, 10, 5, 0.5, null, null, new Dictionary<string, double>());

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static RunOutcome Outcome(RunStamp run) =>
        new(run.RunId, run.Attempt, run.MetricDay, RunPhase.Completed, true, 1, 1, 0, 0, 1, 0.8, [], [], run.GeneratedAt);
}
