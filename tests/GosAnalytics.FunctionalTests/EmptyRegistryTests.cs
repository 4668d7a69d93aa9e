using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
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
    public async Task A_run_over_an_empty_registry_completes_at_once_with_nothing_ranked()
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
        Assert.Equal((RunPhase.Completed, 0, 0, 1), (run!.Phase, run.PageCount, run.BatchCount, run.AggregationCount));
    }
}
