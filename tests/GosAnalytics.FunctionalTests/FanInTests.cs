using GosAnalytics.Pipeline;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The fan-in from scored batches to one aggregation: exactly once in any order, and at a cost per batch that does not grow with the
/// number of batches in the run (counted storage operations, not timings).
/// </summary>
public sealed class FanInTests : IAsyncLifetime
{
    private static readonly DateOnly MetricDay = new(2026, 11, 20);
    private readonly AzuriteFixture azurite = new();

    public Task InitializeAsync() => azurite.InitializeAsync();

    public Task DisposeAsync() => azurite.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_run_is_aggregated_exactly_once_whatever_order_its_batches_are_scored_in(int seed)
    {
        await using var driver = new PipelineDriver(azurite.ConnectionString, pageCount: 420);
        await driver.Get<RunCoordinator>().StartAsync(MetricDay.AddDays(seed), "test", rerunCompleted: false, CancellationToken.None);
        foreach (var collect in await driver.TakeAllAsync(StorageNames.CollectQueue))
        {
            await driver.CollectAsync(collect);
        }

        var scores = (await driver.TakeAllAsync(StorageNames.ScoreQueue)).ToList();
        Assert.True(scores.Count > RunProgressStore.Shards, "Enough batches that every progress shard holds several.");
        var random = new Random(seed);
        foreach (var score in scores.OrderBy(_ => random.Next()))
        {
            Assert.Empty(await driver.TakeAllAsync(StorageNames.AggregateQueue));
            await driver.ScoreAsync(score);
        }

        var aggregate = Assert.Single(await driver.TakeAllAsync(StorageNames.AggregateQueue));
        await driver.AggregateAsync(aggregate);
        var run = await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(MetricDay.AddDays(seed)), CancellationToken.None);
        Assert.Equal((RunPhase.Completed, 1), (run!.Phase, run.AggregationCount));
    }

    [Fact]
    public async Task A_run_larger_than_its_window_keeps_the_window_of_batches_in_flight_until_every_batch_is_scored()
    {
        const int Window = 16;
        await using var driver = new PipelineDriver(azurite.ConnectionString, pageCount: 1_000, new Dictionary<string, string?> { ["Pipeline:BatchesInFlight"] = Window.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var run = await driver.Get<RunCoordinator>().StartAsync(MetricDay, "test", rerunCompleted: false, CancellationToken.None);
        Assert.True(run.BatchCount > 2 * Window);

        var collected = new HashSet<string>();
        while (true)
        {
            var collects = await driver.TakeAllAsync(StorageNames.CollectQueue);
            var scores = await driver.TakeAllAsync(StorageNames.ScoreQueue);
            if (collects.Count == 0 && scores.Count == 0)
            {
                break;
            }

            Assert.InRange(collects.Count, 0, Window);
            foreach (var collect in collects)
            {
                Assert.True(collected.Add(collect), "Each batch is sent once.");
                await driver.CollectAsync(collect);
            }

            foreach (var score in scores)
            {
                await driver.ScoreAsync(score);
            }
        }

        Assert.Equal(run.BatchCount, collected.Count);
        await driver.AggregateAsync(Assert.Single(await driver.TakeAllAsync(StorageNames.AggregateQueue)));
        Assert.Equal(RunPhase.Completed, (await driver.Get<RunStore>().GetRunAsync(run.RowKey, CancellationToken.None))!.Phase);
    }

    [Fact]
    public async Task Coordinating_a_batch_costs_the_same_storage_reads_in_a_run_of_ten_times_as_many_batches()
    {
        var small = await ScoreOneRunAsync(pageCount: 120, MetricDay);
        var large = await ScoreOneRunAsync(pageCount: 1_200, MetricDay.AddDays(1));

        Assert.True(large.Batches >= 8 * small.Batches, $"{large.Batches} batches against {small.Batches}.");

        // Per batch: its row and the run's row to read, its progress shard to read and write; the batch that completes a shard also
        // reads the run's progress (one query). No batch lists the run's batches.
        foreach (var run in new[] { small, large })
        {
            Assert.InRange(run.PointReadsPerBatch, 3, 3.5);
            Assert.InRange(run.Queries, 1, RunProgressStore.Shards);
        }

        Assert.InRange(large.PointReadsPerBatch - small.PointReadsPerBatch, -0.5, 0.5);
    }

    private async Task<(int Batches, double PointReadsPerBatch, long Queries)> ScoreOneRunAsync(int pageCount, DateOnly day)
    {
        await using var driver = new PipelineDriver(azurite.ConnectionString, pageCount);
        await driver.Get<RunCoordinator>().StartAsync(day, "test", rerunCompleted: false, CancellationToken.None);
        foreach (var collect in await driver.TakeAllAsync(StorageNames.CollectQueue))
        {
            await driver.CollectAsync(collect);
        }

        var scores = await driver.TakeAllAsync(StorageNames.ScoreQueue);
        var operations = driver.Storage.Operations;
        operations.Reset();
        foreach (var score in scores)
        {
            await driver.ScoreAsync(score);
        }

        return (
            scores.Count,
            (double)operations.Count(PipelineStages.Score, StorageOperationKind.TablePointRead) / scores.Count,
            operations.Count(PipelineStages.Score, StorageOperationKind.TableQuery));
    }
}
