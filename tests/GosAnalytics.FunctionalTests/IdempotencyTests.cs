using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>Messages delivered twice, batches retried and days rerun leave exactly the same data.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private static readonly DateOnly MetricDay = new(2026, 11, 20);
    private readonly AzuriteFixture azurite = new();
    private PipelineDriver driver = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        driver = new PipelineDriver(azurite.ConnectionString, pageCount: 80);
    }

    public async Task DisposeAsync()
    {
        await driver.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Processing_the_same_batch_twice_gives_identical_tables()
    {
        await driver.Get<RunCoordinator>().StartAsync(MetricDay, "test", rerunCompleted: false, CancellationToken.None);
        var collect = (await driver.TakeAllAsync(StorageNames.CollectQueue))[0];
        await driver.CollectAsync(collect);
        var score = (await driver.TakeAllAsync(StorageNames.ScoreQueue)).Single();
        await driver.ScoreAsync(score);
        var before = await DumpAllTablesAsync();

        await driver.CollectAsync(collect);
        await driver.ScoreAsync(score);
        foreach (var repeat in await driver.TakeAllAsync(StorageNames.ScoreQueue))
        {
            await driver.ScoreAsync(repeat);
        }

        Assert.Equal(before, await DumpAllTablesAsync());
        Assert.NotEmpty(before[StorageNames.PageMetricsTable]);
        Assert.NotEmpty(before[StorageNames.RunProgressTable]);
    }

    [Fact]
    public async Task Every_message_delivered_twice_still_aggregates_exactly_once()
    {
        await driver.Get<RunCoordinator>().StartAsync(MetricDay, "test", rerunCompleted: false, CancellationToken.None);
        foreach (var collect in await driver.TakeAllAsync(StorageNames.CollectQueue))
        {
            await driver.CollectAsync(collect);
            await driver.CollectAsync(collect);
        }

        var scores = await driver.TakeAllAsync(StorageNames.ScoreQueue);
        foreach (var score in scores)
        {
            await driver.ScoreAsync(score);
            await driver.ScoreAsync(score);
        }

        var aggregates = await driver.TakeAllAsync(StorageNames.AggregateQueue);
        Assert.Single(aggregates);
        await driver.AggregateAsync(aggregates[0]);
        await driver.AggregateAsync(aggregates[0]);

        var run = await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(MetricDay), CancellationToken.None);
        Assert.Equal(RunPhase.Completed, run!.Phase);
        Assert.Equal(1, run.AggregationCount);
        var ranking = await ReadRankingAsync(Period.Week);
        Assert.Equal(DemoRegistry.Size(80), ranking.Items.Count);
        Assert.Equal(DemoRegistry.Size(80), ranking.Items.Select(i => (i.Platform, i.PageId)).Distinct().Count());
    }

    [Fact]
    public async Task Duplicate_score_messages_racing_each_other_complete_the_run_once()
    {
        await driver.Get<RunCoordinator>().StartAsync(MetricDay, "test", rerunCompleted: false, CancellationToken.None);
        foreach (var collect in await driver.TakeAllAsync(StorageNames.CollectQueue))
        {
            await driver.CollectAsync(collect);
        }

        var scores = await driver.TakeAllAsync(StorageNames.ScoreQueue);
        await Task.WhenAll(scores.Concat(scores).Select(score => Task.Run(() => driver.ScoreAsync(score))));
        var aggregates = await driver.TakeAllAsync(StorageNames.AggregateQueue);
        Assert.InRange(aggregates.Count, 1, 2);
        await Task.WhenAll(aggregates.Concat(aggregates).Select(a => Task.Run(() => driver.AggregateAsync(a))));

        var run = await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(MetricDay), CancellationToken.None);
        Assert.Equal(RunPhase.Completed, run!.Phase);
        Assert.Equal(1, run.AggregationCount);
        Assert.Equal(run.AggregationClaimedAttempt, run.Attempt);
    }

    [Fact]
    public async Task Rerunning_a_completed_day_ends_with_the_same_data()
    {
        await RunDayAsync(rerun: false);
        var tables = await DumpAllTablesAsync();
        var ranking = await ReadRankingAsync(Period.Month);

        await RunDayAsync(rerun: true);

        var rerunTables = await DumpAllTablesAsync();
        Assert.Equal(tables[StorageNames.PageMetricsTable], rerunTables[StorageNames.PageMetricsTable]);
        Assert.Equal(tables[StorageNames.PagesTable], rerunTables[StorageNames.PagesTable]);
        var rerunRanking = await ReadRankingAsync(Period.Month);
        Assert.Equal(2, rerunRanking.Run.Attempt);
        Assert.Equal(Serialize(ranking.Items), Serialize(rerunRanking.Items));
    }

    [Fact]
    public async Task Growth_is_measured_once_an_earlier_day_is_in_the_history()
    {
        await RunDayAsync(rerun: false, MetricDay.AddDays(-7));
        await RunDayAsync(rerun: false);

        var week = await ReadRankingAsync(Period.Week);
        Assert.All(week.Items, item => Assert.NotNull(item.Metrics.SubscriberGrowth));
        Assert.All(week.Items, item => Assert.Contains(IndexComponents.Growth, item.IndexComponents));
        Assert.True(week.Items.Select(i => i.Metrics.SubscriberGrowth).Distinct().Count() > 10, "Pages grow at different rates.");
        var day = await ReadRankingAsync(Period.Day);
        Assert.All(day.Items, item => Assert.Null(item.Metrics.SubscriberGrowth));
    }

    private Task RunDayAsync(bool rerun, DateOnly? day = null) => driver.RunDayAsync(day ?? MetricDay, rerun);

    private async Task<Ranking> ReadRankingAsync(Period period)
    {
        var table = (await driver.Get<PackedBlobStore>().ReadAsync<RankingTable>(
            StorageNames.RankingsContainer, StorageNames.RankingBlob(RunCoordinator.RunIdOf(MetricDay), period, null), CancellationToken.None))!;
        return new Ranking(table.Run, [.. Enumerable.Range(0, table.Count).Select(table.EntryAt)]);
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> DumpAllTablesAsync()
    {
        var dump = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in new[] { StorageNames.PageMetricsTable, StorageNames.PagesTable, StorageNames.RunProgressTable })
        {
            dump[table] = await driver.DumpTableAsync(table);
        }

        return dump;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JsonConventions.Options);

    private sealed record Ranking(RunStamp Run, IReadOnlyList<RankingEntry> Items);
}
