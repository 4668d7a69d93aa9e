using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Coordinate;

/// <summary>
/// The window of a run's batches in the queues (<see cref="PipelineOptions.BatchesInFlight"/>): planning sends the first window, and
/// scoring a batch sends the batch one window ahead, so a run of any size keeps the same number of batches in flight.
/// </summary>
public sealed class BatchWindow(WorkQueue queue)
{
    /// <summary>How many batches planning sends itself: the window, or every batch for a run planned without one.</summary>
    public static int FirstWindow(RunEntity run) => run.BatchesInFlight > 0 ? Math.Min(run.BatchCount, run.BatchesInFlight) : run.BatchCount;

    /// <summary>
    /// Keeps the window moving: when batch <paramref name="batchIndex"/> is scored for the first time, the batch one window ahead is
    /// sent. Called before the scoring work, so that a batch that then fails still passes the chain on; a repeat of an already scored
    /// batch does not call it, so a duplicate message does not ripple down the chain. The message carries <paramref name="runTrace"/>,
    /// the run's start that the scored batch's message carried.
    /// </summary>
    public async Task SendSuccessorAsync(RunEntity run, int batchIndex, string? runTrace, CancellationToken cancellationToken)
    {
        var next = batchIndex + run.BatchesInFlight;
        if (run.BatchesInFlight <= 0 || next >= run.BatchCount)
        {
            return;
        }

        var platform = run.BatchRanges.First(range => next >= range.First && next < range.First + range.Count).Platform;
        await queue.SendAsync(new CollectMessage(run.RowKey, run.Attempt, next, platform, runTrace), cancellationToken);
    }
}
