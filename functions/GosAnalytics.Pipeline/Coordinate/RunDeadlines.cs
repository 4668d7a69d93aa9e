using System.Globalization;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Coordinate;

/// <summary>
/// The deadline that makes every run end, checked by a timer. A run is stalled when none of its batches has reported for
/// <see cref="PipelineOptions.RunStallTimeout"/> and the daily run's queues are empty (a message still waiting, leased or in retry means
/// the run is slow, not stalled — after a restart, for example). A stalled run goes on as far as it can: one still planning or
/// enqueueing its first window is resumed; one collecting ends its missing batches as failed (<see cref="FailedStep.Unreported"/>) and
/// so reaches its aggregation as partial; one whose aggregate message was lost gets it again.
/// </summary>
public sealed class RunDeadlines(
    RunStore runs,
    RunProgressStore progress,
    RunCoordinator coordinator,
    RunFailures failures,
    WorkQueue queue,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<RunDeadlines> logger)
{
    /// <summary>Moves every stalled run on; returns the ids of those it moved.</summary>
    public async Task<IReadOnlyList<string>> MoveStalledRunsAsync(CancellationToken cancellationToken)
    {
        var unfinished = (await runs.ListRunsAsync(cancellationToken)).Where(run => !run.Phase.IsFinished()).ToList();
        if (unfinished.Count == 0 || await queue.HasWorkAsync(cancellationToken))
        {
            return [];
        }

        var moved = new List<string>();
        var timeout = options.Value.RunStallTimeout;
        foreach (var run in unfinished)
        {
            var done = await progress.ReadAsync(run.RowKey, run.Attempt, cancellationToken);
            var lastActivity = new[] { run.Timestamp ?? run.StartedAt, run.StartedAt, done.LastActivity ?? run.StartedAt }.Max();
            if (clock.GetUtcNow() - lastActivity < timeout)
            {
                continue;
            }

            logger.LogWarning("Run {RunId} attempt {Attempt} ({Status}) has not moved since {LastActivity:o}; the deadline moves it on", run.RowKey, run.Attempt, run.Status, lastActivity);
            await MoveOnAsync(run, timeout, cancellationToken);
            moved.Add(run.RowKey);
        }

        return moved;
    }

    private async Task MoveOnAsync(RunEntity run, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (run.Phase == RunPhase.Starting || (run.Phase == RunPhase.Collecting && run.EnqueuedBatches < BatchWindow.FirstWindow(run)))
        {
            await coordinator.StartAsync(DateOnly.ParseExact(run.MetricDay, "yyyy-MM-dd", CultureInfo.InvariantCulture), "deadline", rerunCompleted: false, cancellationToken);
            return;
        }

        var pending = run.Phase == RunPhase.Collecting ? await progress.PendingAsync(run.RowKey, run.Attempt, ProgressStep.Score, run.BatchCount, cancellationToken) : [];
        if (pending.Count == 0)
        {
            // Every batch is done (or there is none), so the aggregate message was sent or is due: send it again; aggregation absorbs a repeat.
            await queue.SendAsync(new AggregateMessage(run.RowKey, run.Attempt), cancellationToken);
            return;
        }

        var reason = string.Create(CultureInfo.InvariantCulture, $"It did not report within {timeout} (Pipeline:RunStallTimeout): its message was lost or could not be read.");
        await failures.FailBatchesAsync(run, [.. pending.Select(index => new FailedBatch(index, FailedStep.Unreported, reason))], keepWindowMoving: false, runTrace: null, cancellationToken);
    }
}
