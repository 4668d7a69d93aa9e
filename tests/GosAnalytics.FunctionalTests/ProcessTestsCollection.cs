namespace GosAnalytics.FunctionalTests;

/// <summary>
/// Test classes that run local hosts and emulators as processes of their own and signal or kill them (the fault drills, the stop and
/// crash tests): they run one after another, so that the many processes of one do not starve the time-bound steps of another on a
/// small machine. Other classes still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessTestsCollection
{
    public const string Name = "Processes of their own";
}
