using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// Runs that go wrong still end, and say how: a batch that fails on every delivery is named by the function on its poison queue and
/// the run ends partial; a message that cannot be read goes to poison at once and its run ends at the deadline; a run below the
/// coverage threshold keeps the last good day served. Each message is delivered by the test, as the queue would.
/// </summary>
public sealed class FailingRunsTests : IAsyncLifetime
{
    private static readonly DateOnly GoodDay = new(2026, 11, 20);
    private static readonly DateOnly NextDay = GoodDay.AddDays(1);
    private readonly AzuriteFixture azurite = new();

    public Task InitializeAsync() => azurite.InitializeAsync();

    public Task DisposeAsync() => azurite.DisposeAsync();

    [Fact]
    public async Task A_batch_whose_raw_snapshot_is_corrupted_fails_on_its_last_delivery_and_the_run_is_served_partial_naming_it()
    {
        await using var driver = new PipelineDriver(azurite.ConnectionString, pageCount: 300, new Dictionary<string, string?> { ["Serve:LatestRunCacheSeconds"] = "0" });
        await driver.RunDayAsync(GoodDay, rerun: false);
        await driver.Get<RunCoordinator>().StartAsync(NextDay, "test", rerunCompleted: false, CancellationToken.None);
        foreach (var collect in await driver.TakeAllAsync(StorageNames.CollectQueue))
        {
            await driver.CollectFunctionAsync(collect);
        }

        var scores = await driver.TakeAllAsync(StorageNames.ScoreQueue);
        var poisoned = scores.First(body => PipelineMessages.Parse<ScoreMessage>(body).Platform == Platform.Vk);
        var message = PipelineMessages.Parse<ScoreMessage>(poisoned);
        await driver.Storage.Container(StorageNames.RawContainer).GetBlobClient(message.SnapshotBlob).UploadAsync(BinaryData.FromString("{\"schemaVersion\": 1, \"pages\": [ tru"), overwrite: true);
        foreach (var score in scores.Where(body => body != poisoned))
        {
            await driver.ScoreFunctionAsync(score);
        }

        // The queue delivers the message five times; each delivery fails and leaves its error on record. The run waits for the batch.
        for (var delivery = 1; delivery <= 5; delivery++)
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => driver.ScoreFunctionAsync(poisoned));
        }

        Assert.Empty(await driver.TakeAllAsync(StorageNames.AggregateQueue));
        await driver.PoisonedAsync(StorageNames.ScoreQueue, poisoned);
        await driver.PoisonedAsync(StorageNames.ScoreQueue, poisoned); // a repeat counts the batch once
        await driver.AggregateAsync(Assert.Single(await driver.TakeAllAsync(StorageNames.AggregateQueue)));

        var run = (await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(NextDay), CancellationToken.None))!;
        Assert.Equal((RunPhase.Partial, true), (run.Phase, run.Served));
        var status = await driver.Get<RunStatusService>().DescribeAsync(run, CancellationToken.None);
        var failed = Assert.Single(status.FailedBatches);
        Assert.Equal((message.BatchIndex, FailedStep.Score, Platform.Vk, 28), (failed.Batch, failed.Step, failed.Platform, failed.RegionCode));
        Assert.Contains("score failed on every delivery", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("is not a valid RawSnapshot document", failed.Reason, StringComparison.Ordinal);
        Assert.Equal((1, run.BatchCount - 1), (status.Batches.Failed, status.Batches.Scored));
        Assert.Equal(RunCoordinator.RunIdOf(NextDay), status.ServedRunId);
        Assert.Contains(status.Outcome!.Problems, p => p.Code == RunProblemCode.BatchesFailed && p.Message.Contains($"batch {message.BatchIndex} (score)", StringComparison.Ordinal));

        // Served with its gap named: the answers carry the outcome, the batch's pages are not ranked, and their profile says why.
        var lost = (await driver.Get<RunStore>().GetBatchAsync(run.RowKey, message.BatchIndex, CancellationToken.None))!.ReadPages();
        var rankings = (await driver.Get<RankingService>().QueryAsync(new RankingQuery(null, null, null, Period.Week, RankingQuery.SortByIndex, 500, 0), CancellationToken.None))!;
        Assert.Equal(run.RowKey, rankings.Run.RunId);
        Assert.Equal((RunPhase.Partial, DemoRegistry.Size(300) - lost.Count), (rankings.Runs.RunOutcome!.Status, rankings.Runs.RunOutcome.PagesCollected));
        Assert.Null(rankings.Runs.NewerRun);
        Assert.Equal(DemoRegistry.Size(300) - lost.Count, rankings.Page.Total);
        var lookup = await driver.Get<PageProfileService>().GetAsync(new PageProfileQuery(lost[0].Platform, lost[0].PageId, Period.Week, 30), CancellationToken.None);
        Assert.Null(lookup.Profile);
        Assert.Contains($"Batch {message.BatchIndex} of the run has no data", lookup.NotCollected!.Reason, StringComparison.Ordinal);
        Assert.Contains("is not a valid RawSnapshot document", lookup.NotCollected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_goes_to_poison_at_once_and_its_run_ends_at_the_deadline_without_hiding_the_last_good_day()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Serve:LatestRunCacheSeconds"] = "0", ["Pipeline:MinServedCoverage"] = "0.9" };
        await using var driver = new PipelineDriver(azurite.ConnectionString, pageCount: 120, settings, clock);
        await driver.RunDayAsync(GoodDay, rerun: false);
        await driver.Get<RunCoordinator>().StartAsync(NextDay, "test", rerunCompleted: false, CancellationToken.None);
        var collects = await driver.TakeAllAsync(StorageNames.CollectQueue);
        var lost = collects.Select(PipelineMessages.Parse<CollectMessage>).OrderByDescending(m => m.BatchIndex == 0).First();
        var truncated = collects.Single(body => PipelineMessages.Parse<CollectMessage>(body) == lost)[..^8];

        // Read once, not retried: the function succeeds and the body is in the poison queue on its first delivery.
        await driver.CollectFunctionAsync(truncated);
        var poisoned = Assert.Single((await driver.Storage.Queue(StorageNames.CollectPoisonQueue).PeekMessagesAsync(10)).Value);
        Assert.Equal(truncated, poisoned.MessageText);
        foreach (var collect in collects.Where(body => PipelineMessages.Parse<CollectMessage>(body) != lost))
        {
            await driver.CollectFunctionAsync(collect);
        }

        foreach (var score in await driver.TakeAllAsync(StorageNames.ScoreQueue))
        {
            await driver.ScoreFunctionAsync(score);
        }

        // The poison function cannot name a batch from it; the run waits, until it has been silent for Pipeline:RunStallTimeout.
        await driver.PoisonedAsync(StorageNames.CollectQueue, (await driver.TakeAllAsync(StorageNames.CollectPoisonQueue)).Single());
        var deadlines = driver.Get<RunDeadlines>();
        Assert.Empty(await deadlines.MoveStalledRunsAsync(CancellationToken.None));
        Assert.Equal(RunPhase.Collecting, (await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(NextDay), CancellationToken.None))!.Phase);
        clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal([RunCoordinator.RunIdOf(NextDay)], await deadlines.MoveStalledRunsAsync(CancellationToken.None));
        await driver.AggregateAsync(Assert.Single(await driver.TakeAllAsync(StorageNames.AggregateQueue)));

        var run = (await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(NextDay), CancellationToken.None))!;
        Assert.Equal((RunPhase.Partial, false), (run.Phase, run.Served));
        var status = await driver.Get<RunStatusService>().DescribeAsync(run, CancellationToken.None);
        var failed = Assert.Single(status.FailedBatches);
        Assert.Equal((lost.BatchIndex, FailedStep.Unreported), (failed.Batch, failed.Step));
        Assert.Contains("Pipeline:RunStallTimeout", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(RunCoordinator.RunIdOf(GoodDay), status.ServedRunId);

        // The last good day stays served, and the answer names the newer day and why it is not shown.
        var rankings = (await driver.Get<RankingService>().QueryAsync(new RankingQuery(null, null, null, Period.Week, RankingQuery.SortByIndex, 10, 0), CancellationToken.None))!;
        Assert.Equal(RunCoordinator.RunIdOf(GoodDay), rankings.Run.RunId);
        Assert.Equal(DemoRegistry.Size(120), rankings.Page.Total);
        Assert.Equal(RunPhase.Completed, rankings.Runs.RunOutcome!.Status);
        var newer = rankings.Runs.NewerRun!;
        Assert.Equal((RunCoordinator.RunIdOf(NextDay), RunPhase.Partial, false), (newer.RunId, newer.Status, newer.Served));
        Assert.Equal([RunProblemCode.BelowCoverage, RunProblemCode.BatchesFailed], newer.Problems.Select(p => p.Code));
        Assert.Equal(0.9, newer.MinCoverage);
    }
}
