using System.Globalization;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Storage.Contracts;

/// <summary>Why a finished run is partial or failed: a code clients translate (the dashboard into Russian) and an English sentence.</summary>
public sealed record RunProblem(RunProblemCode Code, string Message);

/// <summary>The kinds of <see cref="RunProblem"/>.</summary>
public enum RunProblemCode
{
    /// <summary>The registry had no page to collect (every page resting, or none registered).</summary>
    NoPages,

    /// <summary>Not one planned page was collected.</summary>
    NothingCollected,

    /// <summary>Fewer pages were collected than the served day needs (<c>Pipeline:MinServedCoverage</c>).</summary>
    BelowCoverage,

    /// <summary>Batches failed (their message reached a poison queue) or never reported before the run's deadline.</summary>
    BatchesFailed,

    /// <summary>Pages were skipped for a reason that may pass (a refused token, a platform without credentials, a timeout).</summary>
    PagesSkipped,

    /// <summary>The aggregation failed on every delivery: nothing of the attempt can be served.</summary>
    AggregationFailed,
}

/// <summary>
/// What a finished attempt of a run came to: its outcome, whether it is served, how much of the plan it collected, why it is partial
/// or failed, and the collectors' notices about the run as a whole (a refused token, a platform skipped). Kept on the run row, in the
/// served pointer, and in every read answer (<c>runOutcome</c> of the served run, <c>newerRun</c> of a newer run that is not served).
/// </summary>
/// <param name="Coverage">Pages collected ÷ pages planned (0 when none were planned).</param>
/// <param name="MinCoverage">The coverage below which the run is not served (<c>Pipeline:MinServedCoverage</c> when it finished).</param>
public sealed record RunOutcome(
    string RunId,
    int Attempt,
    DateOnly MetricDay,
    RunPhase Status,
    bool Served,
    int PagesPlanned,
    int PagesCollected,
    int PagesSkipped,
    int BatchesFailed,
    double Coverage,
    double MinCoverage,
    IReadOnlyList<RunProblem> Problems,
    IReadOnlyList<string> Notices,
    DateTimeOffset FinishedAt);

/// <summary>
/// The served pointer, blob <c>rankings/latest.json</c>: the run whose documents the API serves with its outcome, and the newest run
/// that finished without being served (failed, or partial below the coverage threshold), so that every answer can say a newer day
/// exists and why it is not shown. Moved under an ETag; the served run only moves forward in metric days.
/// </summary>
/// <param name="Run">Null until a run is served.</param>
/// <param name="Outcome">Null for a run served before outcomes were recorded.</param>
/// <param name="Newer">A run at least as new as <paramref name="Run"/> that finished without being served; null when there is none.</param>
public sealed record ServedPointer(RunStamp? Run, RunOutcome? Outcome, RunOutcome? Newer)
{
    /// <summary>Changes whenever what an answer says about the served runs changes: answers are cached under it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Revision => string.Create(
        CultureInfo.InvariantCulture,
        $"{Run?.RunId}#{Run?.Attempt}#{Run?.GeneratedAt.UtcTicks}|{Newer?.RunId}#{Newer?.Attempt}#{Newer?.FinishedAt.UtcTicks}");
}

/// <summary>
/// The pages of a served run that are not in its rankings, with why (<c>rankings/{run}/not-collected.json.gz</c>): those the
/// collectors skipped (permanent or not) and those of batches that failed. A page profile says why a page is missing.
/// </summary>
public sealed record NotCollectedPages(RunStamp Run, IReadOnlyList<Core.Domain.SkippedPage> Pages) : IRunSnapshot;
