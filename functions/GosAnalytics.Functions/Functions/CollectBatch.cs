using GosAnalytics.Pipeline.Runs;
using GosAnalytics.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary>Collects one batch of pages from its platform into a raw snapshot blob.</summary>
public sealed class CollectBatch(BatchCollector collector)
{
    [Function(nameof(CollectBatch))]
    public Task Run([QueueTrigger(StorageNames.CollectQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        collector.CollectAsync(PipelineMessages.Parse<CollectMessage>(message), cancellationToken);
}
