using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NCrontab;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Runs one timer-triggered function on its NCRONTAB schedule (UTC, six fields with seconds, or five), resolving
/// <c>%Setting%</c> from configuration like the Functions host; optionally once at start. Invocations never overlap. An invocation
/// that storage failed (away, or lost its tables) runs again once storage is back, rather than waiting for the next occurrence.
/// </summary>
internal sealed class TimerScheduler(
    FunctionDefinition function,
    FunctionInvoker invoker,
    HistoryBackfill backfill,
    StorageRecovery recovery,
    IConfiguration configuration,
    IOptions<LocalHostOptions> options,
    TimeProvider clock,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    /// <summary>Completes when the start-up invocation has finished (or at once when there is none).</summary>
    public Task StartupRun => startupRun.Task;

    /// <summary>Tries of one occurrence that storage fails before it waits for the next occurrence, as any other failure.</summary>
    private const int MaxStorageAttempts = 5;

    private readonly TaskCompletionSource startupRun = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static CrontabSchedule ParseSchedule(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    public static string ResolveSchedule(string schedule, IConfiguration configuration)
    {
        if (schedule.Length > 2 && schedule.StartsWith('%') && schedule.EndsWith('%'))
        {
            var setting = schedule[1..^1];
            return configuration[setting] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Timer schedule setting '{setting}' is not configured.");
        }

        return schedule;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expression = ResolveSchedule(function.Schedule!, configuration);
        var schedule = ParseSchedule(expression);
        DateTime? last = null;
        await backfill.Completed.WaitAsync(stoppingToken);
        if (options.Value.RunTimersAtStartup)
        {
            await InvokeAsync(last, schedule, stoppingToken);
            last = clock.GetUtcNow().UtcDateTime;
        }

        startupRun.TrySetResult();
        var announced = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);

            // Once at information level: a timer every 10 seconds (PollMaxUpdates) would otherwise fill the console.
            logger.Log(announced ? LogLevel.Debug : LogLevel.Information, "Timer {Function} ({Schedule}, UTC) next fires at {Next:o}", function.Name, expression, next);
            announced = true;
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await InvokeAsync(last, schedule, stoppingToken);
            last = next;
        }
    }

    private async Task InvokeAsync(DateTime? last, CrontabSchedule schedule, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var timer = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last ?? DateTime.MinValue, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
        };
        for (var attempt = 1; ; attempt++)
        {
            var lossToken = recovery.LossToken;
            try
            {
                await recovery.WhenAvailableAsync(stoppingToken);
                lossToken = recovery.LossToken;
                using var running = recovery.Running();
                using var invocation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lossToken);
                await invoker.InvokeAsync(function, timer, new Dictionary<string, object?>(), invocation.Token);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping.
                return;
            }
            catch (Exception) when (attempt < MaxStorageAttempts && lossToken.IsCancellationRequested)
            {
                logger.LogWarning("Timer function {Function} was cut short: storage lost its data; it runs again when storage is set up again", function.Name);
            }
            catch (Exception error) when (attempt < MaxStorageAttempts && recovery.Report(error))
            {
                logger.LogWarning("Timer function {Function} could not reach storage; it runs again when storage is back", function.Name);
            }
            catch (Exception error)
            {
                // As the host: a failed timer run waits for its next occurrence.
                logger.LogError(error, "Timer function {Function} failed", function.Name);
                return;
            }
        }
    }
}
