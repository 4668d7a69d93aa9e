using GosAnalytics.Pipeline.Coordinate;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Functions.Stages;

/// <summary>Every 10 minutes: a run that stopped reporting (a lost or unreadable message) is moved on, so that every run ends.</summary>
public sealed class MoveStalledRuns(RunDeadlines deadlines, ILogger<MoveStalledRuns> logger)
{
    public const string Schedule = "0 */10 * * * *";

    [Function(nameof(MoveStalledRuns))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var moved = await deadlines.MoveStalledRunsAsync(cancellationToken);
        if (moved.Count > 0)
        {
            logger.LogWarning("Stalled runs moved on by their deadline: {Runs}", string.Join(", ", moved));
        }
    }
}
