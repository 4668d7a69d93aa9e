using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

public sealed class EmptyRegistryTests : IAsyncLifetime
{
    private static readonly DateOnly MetricDay = new(2026, 11, 20);
    private readonly AzuriteFixture azurite = new();

    public Task InitializeAsync() => azurite.InitializeAsync();

    public Task DisposeAsync() => azurite.DisposeAsync();

    [Fact]
    public async Task A_run_over_an_empty_registry_ends_at_once_failed_with_nothing_served()
    {
        await using var driver = new PipelineDriver(azurite.ConnectionString, 10, new Dictionary<string, string?> { ["Pipeline:SeedRegistryFromSource"] = "false" });

        await driver.Get<RunCoordinator>().StartAsync(MetricDay, "test", rerunCompleted: false, CancellationToken.None);
        await driver.Get<RunCoordinator>().StartAsync(MetricDay, "test", rerunCompleted: false, CancellationToken.None);
        Assert.Empty(await driver.TakeAllAsync(StorageNames.CollectQueue));
        foreach (var aggregate in await driver.TakeAllAsync(StorageNames.AggregateQueue))
        {
            await driver.AggregateAsync(aggregate);
        }

        var run = await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(MetricDay), CancellationToken.None);
        Assert.Equal((RunPhase.Failed, 0, 0, 1), (run!.Phase, run.PageCount, run.BatchCount, run.AggregationCount));
        var pointer = await driver.Get<ServedPointerStore>().ReadAsync(CancellationToken.None);
        Assert.Null(pointer!.Run);
        Assert.Equal(RunProblemCode.NoPages, Assert.Single(pointer.Newer!.Problems).Code);
    }
}
