using GosAnalytics.Pipeline.Coordinate;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Functions.Stages;

/// <summary>Starts the daily run. The schedule is the app setting <c>DailyRunSchedule</c> (NCRONTAB, UTC).</summary>
public sealed class StartDailyRun(RunCoordinator coordinator, ILogger<StartDailyRun> logger)
{
    public const string ScheduleSetting = "DailyRunSchedule";

    [Function(nameof(StartDailyRun))]
    public async Task RunAsync([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogWarning("Daily run timer is past due; starting the missed run now");
        }

        var run = await coordinator.StartScheduledRunAsync(cancellationToken);
        logger.LogInformation("Daily run {RunId} attempt {Attempt} is {Status}", run.RowKey, run.Attempt, run.Status);
    }
}
