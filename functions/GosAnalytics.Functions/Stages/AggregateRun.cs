using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Stages;

/// <summary>Builds the ranking snapshots of a run whose batches are all scored.</summary>
public sealed class AggregateRun(RunAggregator aggregator)
{
    [Function(nameof(AggregateRun))]
    public Task Run([QueueTrigger(StorageNames.AggregateQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        aggregator.AggregateAsync(PipelineMessages.Parse<AggregateMessage>(message), cancellationToken);
}
