using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Stages;

/// <summary>
/// One function on each poison queue: a message that failed on every delivery (or could not be read) records its batch as failed with
/// the error — the run goes on to aggregation and ends partial — or, for an aggregate message, ends its run failed.
/// </summary>
public sealed class PoisonedMessages(RunFailures failures)
{
    [Function("CollectPoisoned")]
    public Task CollectAsync([QueueTrigger(StorageNames.CollectPoisonQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        failures.HandlePoisonedAsync(StorageNames.CollectQueue, message, cancellationToken);

    [Function("ScorePoisoned")]
    public Task ScoreAsync([QueueTrigger(StorageNames.ScorePoisonQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        failures.HandlePoisonedAsync(StorageNames.ScoreQueue, message, cancellationToken);

    [Function("AggregatePoisoned")]
    public Task AggregateAsync([QueueTrigger(StorageNames.AggregatePoisonQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        failures.HandlePoisonedAsync(StorageNames.AggregateQueue, message, cancellationToken);
}
