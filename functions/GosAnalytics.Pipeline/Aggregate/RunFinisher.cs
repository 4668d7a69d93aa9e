using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline.Aggregate;

/// <summary>
/// Ends an attempt of a run with its <see cref="RunOutcome"/>, if the attempt is still running on record: first, for a served run, its
/// day in the served-day index (<see cref="ServedDayStore"/>), then the served pointer (the run is served, or named as a newer run
/// that is not), then the run row (its phase becomes the outcome). A crash in between leaves the run unfinished, and the repeat does
/// both again; the pointer's changes are idempotent.
/// </summary>
public sealed class RunFinisher(RunStore runs, ServedPointerStore pointer, ServedDayStore servedDays, ILogger<RunFinisher> logger)
{
    /// <summary>
    /// Records <paramref name="outcome"/>; <paramref name="served"/> is the stamp of the documents aggregation wrote, needed when the
    /// outcome is served. <paramref name="aggregated"/>: the aggregation finished (counted once per attempt). False when the attempt
    /// was finished already or replaced by a newer one.
    /// </summary>
    public async Task<bool> FinishAsync(RunEntity run, RunOutcome outcome, RunStamp? served, bool aggregated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(outcome);

        // The pointer only for an attempt that is still on record and running: not for one already finished or replaced, nor for one
        // whose storage was lost under it (an emulator restarted empty while it aggregated), which would serve documents that are gone.
        if (await runs.GetRunAsync(run.RowKey, cancellationToken) is not { } current || current.Attempt != outcome.Attempt || current.Phase.IsFinished())
        {
            logger.LogInformation("Run {RunId} attempt {Attempt} is no longer running on record (finished, replaced, or lost with its storage); this outcome is not recorded", outcome.RunId, outcome.Attempt);
            return false;
        }

        if (outcome.Served)
        {
            ArgumentNullException.ThrowIfNull(served);

            // The day's entry in the served-day index first (history finds the day's documents through it), whether or not the
            // pointer moves: a served rerun of an older day is that day's history without being today's rankings.
            await servedDays.RecordAsync(served, cancellationToken);
            await pointer.ServeAsync(served, outcome, cancellationToken);
        }
        else
        {
            await pointer.RecordNotServedAsync(outcome, cancellationToken);
        }

        var finished = false;
        await runs.UpdateRunAsync(run.RowKey, r =>
        {
            if (r.Attempt != outcome.Attempt || r.Phase.IsFinished())
            {
                return false;
            }

            r.Phase = outcome.Status;
            r.CompletedAt = outcome.FinishedAt;
            r.PagesCollected = outcome.PagesCollected;
            r.Served = outcome.Served;
            r.OutcomeJson = JsonSerializer.Serialize(outcome, JsonConventions.Options);
            r.AggregationCount += aggregated ? 1 : 0;
            finished = true;
            return true;
        }, cancellationToken);

        if (finished)
        {
            logger.LogInformation(
                "Run {RunId} attempt {Attempt} ended {Status}: {Collected} of {Planned} pages, coverage {Coverage:P1}, {Served}",
                outcome.RunId, outcome.Attempt, outcome.Status.ToCode(), outcome.PagesCollected, outcome.PagesPlanned, outcome.Coverage, outcome.Served ? "served" : "not served");
            foreach (var problem in outcome.Problems)
            {
                logger.LogWarning("Run {RunId} attempt {Attempt}: {Problem}: {Message}", outcome.RunId, outcome.Attempt, problem.Code.ToCode(), problem.Message);
            }
        }

        return finished;
    }

    /// <summary>The outcome recorded on a finished run row, or null while it runs (or for a run finished before outcomes were recorded).</summary>
    public static RunOutcome? OutcomeOf(RunEntity run) =>
        string.IsNullOrEmpty(run?.OutcomeJson) ? null : JsonSerializer.Deserialize<RunOutcome>(run.OutcomeJson, JsonConventions.Options);
}
