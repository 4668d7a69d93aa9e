using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Aggregate;

/// <summary>What a finished attempt counted: the input of its outcome.</summary>
/// <param name="Skipped">Every page the collectors skipped, permanent or not.</param>
/// <param name="FailedBatches">The failed batches named in the progress shards (the first of each shard).</param>
/// <param name="BatchesFailed">How many batches have no data (every one, named or not).</param>
/// <param name="Notices">The collectors' notices about the run as a whole.</param>
public sealed record RunTally(
    int PagesPlanned,
    int PagesCollected,
    IReadOnlyList<SkippedPage> Skipped,
    int BatchCount,
    IReadOnlyList<FailedBatch> FailedBatches,
    int BatchesFailed,
    IReadOnlyList<string> Notices);

/// <summary>
/// Decides how a run ended. <c>failed</c>: nothing was collected (or nothing was planned). <c>partial</c>: batches failed or pages were
/// skipped for a reason that may pass (a refused token, a platform without credentials, a timeout). <c>completed</c>: everything
/// planned was collected, pages the platform reports gone for good (deleted, banned, closed) aside — they rest in the registry and do
/// not count against coverage. A run is served when it is not failed and its coverage (pages collected ÷ pages planned, pages gone for
/// good left out) reaches <see cref="PipelineOptions.MinServedCoverage"/>.
/// </summary>
public static class RunOutcomes
{
    public static RunOutcome Decide(RunEntity run, RunTally tally, double minCoverage, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tally);
        var gone = tally.Skipped.Count(s => s.Permanent);
        var passing = tally.Skipped.Where(s => !s.Permanent).ToList();
        var coverage = Coverage(tally.PagesCollected, tally.PagesPlanned - gone);
        var problems = new List<RunProblem>();
        if (tally.PagesPlanned == 0)
        {
            problems.Add(new RunProblem(RunProblemCode.NoPages, "The registry had no page to collect: none is registered, or every one rests after a permanent failure."));
        }
        else if (tally.PagesCollected == 0)
        {
            problems.Add(new RunProblem(RunProblemCode.NothingCollected, Invariant($"No page was collected of the {tally.PagesPlanned} planned.")));
        }
        else if (coverage < minCoverage)
        {
            problems.Add(new RunProblem(
                RunProblemCode.BelowCoverage,
                Invariant($"{tally.PagesCollected} of {tally.PagesPlanned - gone} pages were collected ({coverage:P1}); a day is served from {minCoverage:P0}.")));
        }

        if (tally.BatchesFailed > 0)
        {
            var first = tally.FailedBatches.FirstOrDefault();
            problems.Add(new RunProblem(
                RunProblemCode.BatchesFailed,
                Invariant($"{tally.BatchesFailed} of {tally.BatchCount} batches have no data") + (first is null ? "." : Invariant($"; batch {first.BatchIndex} ({first.Step.ToCode()}): {first.Reason}"))));
        }

        if (passing.Count > 0)
        {
            problems.Add(new RunProblem(
                RunProblemCode.PagesSkipped,
                Invariant($"{passing.Count} pages were skipped for a reason that may pass; {passing[0].Platform.ToCode()}/{passing[0].PageId}: {passing[0].Reason}")));
        }

        var status = tally.PagesCollected == 0 ? RunPhase.Failed
            : tally.BatchesFailed > 0 || passing.Count > 0 || tally.PagesCollected < tally.PagesPlanned - gone ? RunPhase.Partial
            : RunPhase.Completed;
        return new RunOutcome(
            run.RowKey,
            run.Attempt,
            DateOnly.ParseExact(run.MetricDay, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            status,
            status != RunPhase.Failed && coverage >= minCoverage,
            tally.PagesPlanned,
            tally.PagesCollected,
            tally.Skipped.Count,
            tally.BatchesFailed,
            coverage,
            minCoverage,
            problems,
            tally.Notices,
            finishedAt);
    }

    /// <summary>The outcome of an attempt whose aggregation failed on every delivery: failed, with what collection had counted.</summary>
    public static RunOutcome AggregationFailed(RunEntity run, RunProgress progress, string reason, double minCoverage, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(progress);
        return new RunOutcome(
            run.RowKey,
            run.Attempt,
            DateOnly.ParseExact(run.MetricDay, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            RunPhase.Failed,
            false,
            run.PageCount,
            progress.PagesCollected,
            progress.PagesSkipped,
            progress.Failed,
            Coverage(progress.PagesCollected, run.PageCount),
            minCoverage,
            [new RunProblem(RunProblemCode.AggregationFailed, "The aggregation failed on every delivery: " + reason)],
            progress.Notices,
            finishedAt);
    }

    /// <summary>Collected ÷ expected, within 0–1; 0 when nothing was expected.</summary>
    private static double Coverage(int collected, int expected) => expected <= 0 ? 0 : Math.Min(1, (double)collected / expected);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
