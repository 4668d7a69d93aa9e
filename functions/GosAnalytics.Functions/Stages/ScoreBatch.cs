using GosAnalytics.Pipeline.Score;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Stages;

/// <summary>Scores one collected batch into the metrics tables; the last batch of a run triggers aggregation.</summary>
public sealed class ScoreBatch(BatchScorer scorer)
{
    [Function(nameof(ScoreBatch))]
    public Task Run([QueueTrigger(StorageNames.ScoreQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        scorer.ScoreAsync(PipelineMessages.Parse<ScoreMessage>(message), cancellationToken);
}
