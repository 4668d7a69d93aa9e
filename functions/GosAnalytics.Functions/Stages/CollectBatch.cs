using GosAnalytics.Pipeline.Collect;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Stages;

/// <summary>Collects one batch of pages from its platform into a raw snapshot blob.</summary>
public sealed class CollectBatch(QueueSteps steps, BatchCollector collector)
{
    [Function(nameof(CollectBatch))]
    public Task Run([QueueTrigger(StorageNames.CollectQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        steps.RunAsync<CollectMessage>(StorageNames.CollectQueue, message, collector.CollectAsync, cancellationToken);
}
