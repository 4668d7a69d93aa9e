using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Score;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Stages;

/// <summary>Scores one collected batch into the metrics tables; the last batch of a run triggers aggregation.</summary>
public sealed class ScoreBatch(QueueSteps steps, BatchScorer scorer)
{
    [Function(nameof(ScoreBatch))]
    public Task Run([QueueTrigger(StorageNames.ScoreQueue, Connection = StorageClients.ConnectionName)] string message, CancellationToken cancellationToken) =>
        steps.RunAsync<ScoreMessage>(StorageNames.ScoreQueue, message, scorer.ScoreAsync, cancellationToken);
}
