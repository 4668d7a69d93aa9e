using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Collect;
using GosAnalytics.Pipeline.Score;
using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.Storage;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Stages;

/// <summary>Scores one collected batch into the metrics tables; the last batch of a run triggers aggregation.</summary>
public sealed class ScoreBatch(BatchScorer scorer)
{
    [Function(nameof(ScoreBatch))]
    public Task Run([QueueTrigger(StorageNames.ScoreQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        scorer.ScoreAsync(PipelineMessages.Parse<ScoreMessage>(message), cancellationToken);
}
