using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Options;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Optionally runs the days before the scheduled one first, oldest first and each to completion, so that metrics that
/// need history (subscriber growth) exist on the first day a fresh local setup shows. Timers wait for it.
/// </summary>
internal sealed class HistoryBackfill(
    RunCoordinator coordinator,
    RunStore runs,
    StorageRecovery recovery,
    IOptions<LocalHostOptions> options,
    TimeProvider clock,
    ILogger<HistoryBackfill> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every backfill day's run has ended (at once when there is none).</summary>
    public Task Completed => done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Storage first: the timers wait for this service, so nothing runs before queues and tables are in place.
            await recovery.WhenAvailableAsync(stoppingToken);
            var days = options.Value.BackfillDays;
            var scheduled = MoscowTime.LastCompleteDay(clock.GetUtcNow());
            for (var back = days; back >= 1; back--)
            {
                var day = scheduled.AddDays(-back);
                var run = await coordinator.StartAsync(day, "backfill", rerunCompleted: false, stoppingToken);
                logger.LogInformation("Backfill: run {RunId} ({Index} of {Days})", run.RowKey, days - back + 1, days);
                while (run is not null && !run.Phase.IsFinished())
                {
                    await Task.Delay(PollInterval, stoppingToken);
                    run = await runs.GetRunAsync(run.RowKey, stoppingToken);
                }
            }

            done.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            done.TrySetCanceled(stoppingToken);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Backfill failed; the scheduled run goes ahead without it");
            done.TrySetResult();
        }
    }
}
