using GosAnalytics.Pipeline.Runs;
using GosAnalytics.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary>Builds the ranking snapshots of a run whose batches are all scored.</summary>
public sealed class AggregateRun(RunAggregator aggregator)
{
    [Function(nameof(AggregateRun))]
    public Task Run([QueueTrigger(StorageNames.AggregateQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        aggregator.AggregateAsync(PipelineMessages.Parse<AggregateMessage>(message), cancellationToken);
}
