using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Coordinate;

/// <summary>
/// What happens to a run when a step fails for good. Every failed delivery leaves its error on record (<see cref="RecordErrorAsync"/>);
/// when a message reaches its poison queue, the poison function (<see cref="HandlePoisonedAsync"/>) records its batch as failed with
/// that error — the batch then counts as done for the fan-in, so the run goes on to aggregation and ends partial — or, for the
/// aggregation, ends the run failed. This is the serverless reference's way with poison messages: nothing waits for a message that
/// will never succeed.
/// </summary>
public sealed class RunFailures(
    RunStore runs,
    RunProgressStore progress,
    BatchWindow window,
    RunFanIn fanIn,
    RunFinisher finisher,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<RunFailures> logger)
{
    /// <summary>Keeps the error of one failed delivery of <paramref name="message"/> for the poison function. Best effort: storage may be what failed.</summary>
    public async Task RecordErrorAsync(string queue, IRunMessage message, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await progress.RecordErrorAsync(message.RunId, message.Attempt, queue, message.Batch, Describe(error), cancellationToken);
        }
        catch (Exception recording) when (recording is not OperationCanceledException)
        {
            logger.LogWarning("The error of run {RunId} {Queue} {Batch} could not be recorded: {Problem}", message.RunId, queue, message.Batch, FirstLine(recording.Message));
        }
    }

    /// <summary>
    /// Handles a message that reached <paramref name="queue"/>'s poison queue: its batch is recorded failed with the last error of its
    /// step (a collect failure also sends the batch one window ahead, which scoring would have sent), or, for an aggregate message, the
    /// run ends failed. A body that is not a message of the queue names no batch: it is logged and dropped, and the run it may have
    /// belonged to ends at its deadline (<see cref="RunDeadlines"/>).
    /// </summary>
    public async Task HandlePoisonedAsync(string queue, string body, CancellationToken cancellationToken)
    {
        try
        {
            switch (queue)
            {
                case StorageNames.CollectQueue:
                    await FailBatchAsync(queue, PipelineMessages.Parse<CollectMessage>(body), FailedStep.Collect, cancellationToken);
                    break;
                case StorageNames.ScoreQueue:
                    await FailBatchAsync(queue, PipelineMessages.Parse<ScoreMessage>(body), FailedStep.Score, cancellationToken);
                    break;
                case StorageNames.AggregateQueue:
                    await FailAggregationAsync(PipelineMessages.Parse<AggregateMessage>(body), cancellationToken);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(queue), queue, "Not a queue of the daily run.");
            }
        }
        catch (InvalidDataException unreadable)
        {
            logger.LogError("A message on {PoisonQueue} cannot be read and is dropped ({Length} characters): {Problem}", StorageNames.PoisonQueue(queue), body?.Length ?? 0, unreadable.Message);
        }
    }

    /// <summary>
    /// Records <paramref name="batches"/> of <paramref name="run"/> as failed with their reasons and counts them done for the fan-in
    /// (idempotent: a batch is recorded and counted once). <paramref name="keepWindowMoving"/>: send each batch's successor one window
    /// ahead, as scoring it would have.
    /// </summary>
    public async Task FailBatchesAsync(RunEntity run, IReadOnlyCollection<FailedBatch> batches, bool keepWindowMoving, string? runTrace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(batches);
        if (keepWindowMoving)
        {
            foreach (var batch in batches)
            {
                await window.SendSuccessorAsync(run, batch.BatchIndex, runTrace, cancellationToken);
            }
        }

        var recorded = await progress.RecordFailedAsync(run.RowKey, run.Attempt, batches, cancellationToken);
        foreach (var batch in batches.Where(b => recorded.Contains(b.BatchIndex)))
        {
            logger.LogError("Run {RunId} attempt {Attempt}: batch {Batch} failed ({Step}): {Reason}", run.RowKey, run.Attempt, batch.BatchIndex, batch.Step, batch.Reason);
        }

        await fanIn.CompleteAllAsync(run, [.. batches.Select(b => b.BatchIndex)], runTrace, cancellationToken);
    }

    private async Task FailBatchAsync(string queue, IRunMessage message, FailedStep step, CancellationToken cancellationToken)
    {
        var run = await runs.GetRunAsync(message.RunId, cancellationToken);
        if (run is null || run.Attempt != message.Attempt || run.Phase.IsFinished() || message.Batch is not { } index || index >= run.BatchCount)
        {
            logger.LogWarning("Poisoned {Queue} message of run {RunId} attempt {Attempt} batch {Batch} belongs to no running attempt; dropped", queue, message.RunId, message.Attempt, message.Batch);
            return;
        }

        var error = await progress.GetErrorAsync(message.RunId, message.Attempt, queue, index, cancellationToken);
        var reason = $"{step.ToCode()} failed on every delivery: {error ?? "no error was recorded (the process may have stopped while running it)"}";
        await FailBatchesAsync(run, [new FailedBatch(index, step, reason)], keepWindowMoving: true, message.TraceParent, cancellationToken);
    }

    private async Task FailAggregationAsync(AggregateMessage message, CancellationToken cancellationToken)
    {
        var run = await runs.GetRunAsync(message.RunId, cancellationToken);
        if (run is null || run.Attempt != message.Attempt || run.Phase.IsFinished())
        {
            logger.LogWarning("Poisoned aggregate message of run {RunId} attempt {Attempt} belongs to no running attempt; dropped", message.RunId, message.Attempt);
            return;
        }

        var error = await progress.GetErrorAsync(message.RunId, message.Attempt, StorageNames.AggregateQueue, null, cancellationToken)
            ?? "no error was recorded (the process may have stopped while running it)";
        var done = await progress.ReadAsync(run.RowKey, run.Attempt, cancellationToken);
        await finisher.FinishAsync(run, RunOutcomes.AggregationFailed(run, done, error, options.Value.MinServedCoverage, clock.GetUtcNow()), null, aggregated: false, cancellationToken);
    }

    /// <summary>An error as the run report keeps it: its type and the first line of its message (no stack, no response dump).</summary>
    private static string Describe(Exception error) => $"{error.GetType().Name}: {FirstLine(error.Message)}";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
