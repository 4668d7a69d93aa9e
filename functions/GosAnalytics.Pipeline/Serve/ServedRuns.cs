using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>
/// What every read answer says about the runs behind it, written flat into it: <c>runOutcome</c>, how the served run ended (completed,
/// or partial with its gaps named; null for a run served before outcomes were recorded), and <c>newerRun</c>, a run at least as new
/// that finished without being served (failed, or partial below the coverage threshold) and why — null when the served run is the newest.
/// </summary>
public sealed record ServedRuns(RunOutcome? RunOutcome, RunOutcome? NewerRun)
{
    public static ServedRuns Of(ServedPointer pointer) => new(pointer?.Outcome, pointer?.Newer);
}
