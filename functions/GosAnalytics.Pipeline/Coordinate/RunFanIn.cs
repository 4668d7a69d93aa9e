using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline.Coordinate;

/// <summary>
/// The fan-in from a run's batches to its one aggregation. A batch is done when it is scored or recorded failed; both mark it in the
/// run's score progress shards (<see cref="RunProgressStore"/>), once. The batch that completes the run wins an ETag-guarded claim on
/// the run row and sends the aggregate message, exactly once per attempt. O(1) storage operations per batch.
/// </summary>
public sealed class RunFanIn(RunStore runs, RunProgressStore progress, WorkQueue queue, ILogger<RunFanIn> logger)
{
    /// <summary>
    /// Marks batch <paramref name="batchIndex"/> done; when it completes its shard and every batch is done, claims and sends the
    /// aggregation, carrying <paramref name="runTrace"/> (the run's start, for the aggregate span's link).
    /// </summary>
    public async Task CompleteAsync(RunEntity run, int batchIndex, string? runTrace, CancellationToken cancellationToken)
    {
        var mark = await progress.MarkAsync(run.RowKey, run.Attempt, ProgressStep.Score, batchIndex, run.BatchCount, outcome: null, cancellationToken);
        if (mark.ShardComplete)
        {
            await ClaimIfDoneAsync(run, batchIndex, runTrace, cancellationToken);
        }
    }

    /// <summary>Marks several batches done at once (one write per shard), then claims the aggregation if every batch is done.</summary>
    public async Task CompleteAllAsync(RunEntity run, IReadOnlyCollection<int> batchIndexes, string? runTrace, CancellationToken cancellationToken)
    {
        if (batchIndexes.Count == 0)
        {
            return;
        }

        await progress.MarkAllAsync(run.RowKey, run.Attempt, ProgressStep.Score, batchIndexes, cancellationToken);
        await ClaimIfDoneAsync(run, batchIndexes.Min(), runTrace, cancellationToken);
    }

    /// <summary>
    /// When every batch of the attempt is done, exactly one caller wins the claim on the run row and sends the aggregate message. If
    /// the claimant dies before recording the send, its retried message sends again, and aggregation absorbs that second message.
    /// </summary>
    private async Task ClaimIfDoneAsync(RunEntity run, int claimant, string? runTrace, CancellationToken cancellationToken)
    {
        var attempt = run.Attempt;
        if ((await progress.ReadAsync(run.RowKey, attempt, cancellationToken)).Scored < run.BatchCount)
        {
            return;
        }

        var claimed = await runs.UpdateRunAsync(run.RowKey, r =>
        {
            if (r.Attempt != attempt || r.AggregationClaimedAttempt == attempt || r.Phase.IsFinished())
            {
                return false;
            }

            r.AggregationClaimedAttempt = attempt;
            r.AggregationClaimedBy = claimant;
            r.Phase = RunPhase.Aggregating;
            return true;
        }, cancellationToken);

        if (claimed is not null && claimed.AggregationClaimedAttempt == attempt && claimed.AggregationClaimedBy == claimant && claimed.AggregationEnqueuedAttempt != attempt)
        {
            await queue.SendAsync(new AggregateMessage(run.RowKey, attempt, runTrace), cancellationToken);
            await runs.UpdateRunAsync(run.RowKey, r =>
            {
                if (r.Attempt != attempt || r.AggregationEnqueuedAttempt == attempt)
                {
                    return false;
                }

                r.AggregationEnqueuedAttempt = attempt;
                return true;
            }, cancellationToken);
            logger.LogInformation("Run {RunId} attempt {Attempt}: all {BatchCount} batches done; aggregation enqueued", run.RowKey, attempt, run.BatchCount);
        }
    }
}
