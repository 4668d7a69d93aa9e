namespace GosAnalytics.TestSupport.FaultDrills;

/// <summary>How the fault drills run (<see cref="FaultDrills"/>): the bench uses the defaults, the test suite a faster set.</summary>
public sealed record DrillOptions
{
    /// <summary>Every drill, in the order they run.</summary>
    public static IReadOnlyList<string> All { get; } = [FaultDrills.Kill, FaultDrills.Pause, FaultDrills.StorageLost, FaultDrills.Duplicates, FaultDrills.Poison];

    /// <summary>The drills to run (names from <see cref="All"/>).</summary>
    public IReadOnlyList<string> Drills { get; init; } = All;

    /// <summary>Pages of the demo region each drill runs.</summary>
    public int Pages { get; init; } = 300;

    /// <summary>Tries of the drills that strike at a random moment of the run (the host killed, storage lost), each at another moment.</summary>
    public int Tries { get; init; } = 10;

    /// <summary>The seed of those moments: a seed always strikes at the same moments of a run of the same length.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long storage hangs in the pause drill.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The local host's message lease (<c>LocalHost:MessageLease</c>): a killed host's messages come back after it.</summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before a failed message is delivered again (host.json's <c>visibilityTimeout</c> on Azure: 10 s).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The demo source's simulated platform latency per page, so that a run lasts long enough to be hit in each stage.</summary>
    public int SimulatedLatencyMs { get; init; } = 150;

    /// <summary>Longest wait for one run to end.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The master key the drills' hosts take (it starts runs again after storage was lost).</summary>
    public string MasterKey { get; init; } = "fault-drill-master-key";
}
