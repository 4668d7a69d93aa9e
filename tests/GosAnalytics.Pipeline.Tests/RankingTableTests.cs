using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.TestSupport;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The ranking table: what goes in comes out, through storage, with every order as <see cref="RankingOrder"/> would give it.</summary>
public sealed class RankingTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly RunStamp Run = new("2026-11-20", 1, new DateOnly(2026, 11, 20), "demo", true, new DateTimeOffset(2026, 11, 21, 0, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Entries_read_back_from_storage_equal_the_entries_written_with_their_page_notices_and_unknown_broadcasts()
    {
        var entries = Entries(300);
        var table = RankingTable.Build(Run, Period.Week, 28, new IndexOptions().Weights, entries, [.. Enumerable.Range(5, entries.Count)], 1_000, [.. entries.Select((_, i) => i / 25)]);
        var blobs = new PackedBlobStore(azurite.Storage);

        await blobs.WriteAsync(StorageNames.RankingsContainer, "test/table.table.gz", table, CancellationToken.None);
        var read = (await blobs.ReadAsync<RankingTable>(StorageNames.RankingsContainer, "test/table.table.gz", CancellationToken.None))!;

        Assert.Equal(Run, read.Run);
        Assert.Equal(1_000, read.NationalTotal);
        Assert.Equal(Json(entries), Json(Enumerable.Range(0, read.Count).Select(read.EntryAt)));
        Assert.Contains(Enumerable.Range(0, read.Count).Select(read.EntryAt), e => e.Metrics.Broadcasts is null && e.Notices!.Contains(PageNotice.BroadcastsNotCollected));
        Assert.Equal(Enumerable.Range(5, entries.Count), read.NationalRanks);
        Assert.Equal(7, read.PositionOf(new PageKey(entries[7].Platform, entries[7].PageId)));
        Assert.Equal(-1, read.PositionOf(new PageKey(Platform.Vk, "absent")));
    }

    [Fact]
    public void Municipalities_and_organisations_read_back_and_a_table_written_before_them_reads_as_one_without()
    {
        var entries = Entries(60);
        var table = RankingTable.Build(Run, Period.Week, 28, new IndexOptions().Weights, entries, [.. Enumerable.Range(1, entries.Count)], entries.Count, new int[entries.Count]);
        var read = MemoryPack.MemoryPackSerializer.Deserialize<RankingTable>(MemoryPack.MemoryPackSerializer.Serialize(table))!;
        Assert.Equal(entries.Select(e => (e.Municipality, e.OrganisationId)), Enumerable.Range(0, read.Count).Select(i => (read.EntryAt(i).Municipality, read.EntryAt(i).OrganisationId)));
        Assert.Equal(7, read.MunicipalityNames.Length); // each distinct name stored once
        Assert.Contains(entries, e => e.Municipality is null);

        // The format before: the same members without the last five — these three and the advice's two after them (MemoryPack's
        // object header counts them; each empty array is 4 bytes).
        table.MunicipalityNames = [];
        table.Municipalities = [];
        table.OrganisationIds = [];
        table.ProfileChecks = [];
        table.ContentTraits = [];
        var bytes = MemoryPack.MemoryPackSerializer.Serialize(table);
        bytes[0] -= 5;
        var old = MemoryPack.MemoryPackSerializer.Deserialize<RankingTable>(bytes.AsSpan(0, bytes.Length - 20))!;
        Assert.Equal(entries.Count, old.Count);
        Assert.All(Enumerable.Range(0, old.Count).Select(old.EntryAt), e => Assert.Equal((null, null), (e.Municipality, e.OrganisationId)));
        Assert.Equal(Json(entries.Select(e => e with { Municipality = null, OrganisationId = null, Profile = null, ContentTraits = null })), Json(Enumerable.Range(0, old.Count).Select(old.EntryAt)));
    }

    [Fact]
    public void Every_component_order_is_the_order_ranking_order_gives()
    {
        var entries = Entries(500);
        var table = RankingTable.Build(Run, Period.Week, null, new IndexOptions().Weights, entries, [.. Enumerable.Range(1, entries.Count)], entries.Count, new int[entries.Count]);

        foreach (var component in IndexComponents.All)
        {
            var expected = RankingOrder.ByComponent(entries, component).Select(e => e.PageId);
            Assert.Equal(expected, table.OrderOf(component)!.Select(position => table.PageIds[position]));
        }
    }

    [Fact]
    public void A_filtered_query_ranks_the_matching_entries_from_one_and_counts_them_all()
    {
        var entries = Entries(400);
        var table = RankingTable.Build(Run, Period.Week, null, new IndexOptions().Weights, entries, [.. Enumerable.Range(1, entries.Count)], entries.Count, new int[entries.Count]);

        var page = RankingService.Select(table, new RankingQuery(null, Platform.Ok, OrganisationKind.Culture, Period.Week, IndexComponents.Reach, 10, 5), Run);

        var expected = RankingOrder.ByComponent(entries.Where(e => e.Platform == Platform.Ok && e.Kind == OrganisationKind.Culture), IndexComponents.Reach).ToList();
        Assert.Equal(expected.Count, page.Total);
        Assert.Equal(expected.Skip(5).Take(10).Select(e => e.PageId), page.Items.Select(i => i.Entry.PageId));
        Assert.Equal(Enumerable.Range(6, page.Items.Count), page.Items.Select(i => i.Rank));
    }

    /// <summary>Scored pages as aggregation ranks them: index order, with components missing here and there and ties.</summary>
    private static List<RankingEntry> Entries(int count)
    {
        var random = new Random(count);
        var platforms = new[] { Platform.Vk, Platform.Ok, Platform.Telegram };
        var kinds = new[] { OrganisationKind.Culture, OrganisationKind.Education, OrganisationKind.Sport };
        var pages = Enumerable.Range(0, count).Select(i =>
        {
            var info = new PageInfo(platforms[i % 3], $"{1000 + i}", $"page{i}", $"Страница {i}", 28, kinds[random.Next(3)], random.Next(2) == 0, random.Next(10, 50_000), true, true)
            {
                Municipality = i % 5 == 0 ? null : $"муниципалитет {i % 7}",
                OrganisationId = i % 6 == 0 ? null : $"org-{i / 2}",
            };
            return new PageMetrics(
                info, Period.Week, Run.MetricDay, random.Next(0, 20), random.Next(0, 20) / 3.0, random.Next(0, 90_000), random.Next(0, 5_000),
                random.Next(5) == 0 ? null : random.Next(0, 1000) / 10_000.0, random.Next(0, 1000) / 10_000.0, random.Next(0, 1000) / 1000.0, null, null,
                random.Next(0, 30), 0, random.Next(3) == 0 ? null : random.Next(0, 100) / 100.0, random.Next(3) == 0 ? null : random.Next(1, 48),
                random.Next(3) == 0 ? null : random.Next(-50, 100) / 1000.0,
                i % 4 == 0 ? null : i % 3, i % 4 == 0 ? null : 100 * (i % 3), i % 4 == 0 ? null : 10 * (i % 3),
                random.Next(0, 4) / 3.0, random.Next(-100, 100) / 100.0, "cq-test",
                i % 4 == 0 ? [PageNotice.BroadcastsNotCollected] : i % 7 == 0 ? [PageNotice.WallTruncated, PageNotice.CommentsIncomplete] : null);
        }).ToList();
        return [.. RankingOrder.ByIndex(new PageScorer(new IndexOptions { MinPeerGroupSize = 5 }).Score(pages).Select(RankingEntry.From))];
    }

    private static string Json<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values.ToList(), JsonConventions.Options);
}
