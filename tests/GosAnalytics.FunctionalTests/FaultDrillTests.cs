using GosAnalytics.TestSupport.FaultDrills;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The fault drills of the bench command <c>drills</c> (docs/operations.md), each once and small: a local host process and its own
/// Azurite per try, the fault put in the run's way, and what the run serves compared with a clean run of the same day.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class FaultDrillTests(FaultDrillTests.CleanRunFixture clean) : IClassFixture<FaultDrillTests.CleanRunFixture>
{
    private static readonly DrillOptions Options = new()
    {
        Pages = 200,
        Tries = 2,
        SimulatedLatencyMs = 100,
        MessageLease = TimeSpan.FromSeconds(3),
        VisibilityTimeout = TimeSpan.FromSeconds(1),
        Pause = TimeSpan.FromSeconds(5),
        RunTimeout = TimeSpan.FromMinutes(3),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_host_killed_at_a_random_moment_of_the_run_and_started_again_serves_what_a_clean_run_serves(int attempt) =>
        await DrillAsync(FaultDrills.Kill, attempt);

    [Fact]
    public async Task Storage_that_hangs_in_the_middle_of_a_run_delays_it_and_it_serves_what_a_clean_run_serves() =>
        await DrillAsync(FaultDrills.Pause);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Storage_lost_at_a_random_moment_of_a_run_serves_nothing_of_it_says_so_and_the_day_run_again_serves_what_a_clean_run_serves(int attempt) =>
        await DrillAsync(FaultDrills.StorageLost, attempt);

    [Fact]
    public async Task Every_message_of_every_step_delivered_twice_serves_what_a_clean_run_serves() =>
        await DrillAsync(FaultDrills.Duplicates);

    [Fact]
    public async Task A_batch_that_fails_on_every_delivery_ends_the_run_partial_with_the_batch_named_and_served_with_its_gap() =>
        await DrillAsync(FaultDrills.Poison);

    private async Task DrillAsync(string drill, int attempt = 1)
    {
        var result = await FaultDrills.TryAsync(drill, attempt, Options, clean.Run, CancellationToken.None);
        Assert.True(result.Passed, $"{result.Fault}: {result.Outcome}\n{result.Log}");
    }

    /// <summary>The clean run every drill of the class is compared with, run once.</summary>
    public sealed class CleanRunFixture : IAsyncLifetime
    {
        public CleanRun Run { get; private set; } = null!;

        public async Task InitializeAsync() => Run = await FaultDrills.CleanRunAsync(Options, CancellationToken.None);

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
