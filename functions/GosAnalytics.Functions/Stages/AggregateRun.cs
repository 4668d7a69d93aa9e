using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Stages;

/// <summary>Ends a run whose batches are all done: its outcome and, when it is served, its ranking snapshots.</summary>
public sealed class AggregateRun(QueueSteps steps, RunAggregator aggregator)
{
    [Function(nameof(AggregateRun))]
    public Task Run([QueueTrigger(StorageNames.AggregateQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        steps.RunAsync<AggregateMessage>(StorageNames.AggregateQueue, message, aggregator.AggregateAsync, cancellationToken);
}
