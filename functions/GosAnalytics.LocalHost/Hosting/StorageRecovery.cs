using System.Diagnostics;
using GosAnalytics.Storage;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Keeps the storage the local host needs in place. It creates every queue, table and container at start, and again whenever a part
/// of the host reports that storage is away or has lost them (an in-memory Azurite restarted), trying with back-off until storage
/// answers. Meanwhile queue listeners and timers wait on <see cref="WhenAvailableAsync"/>, and HTTP routes answer 503: an outage
/// is logged once when it begins and once when it ends, and never stops the host. Storage that comes back <em>empty</em> has lost
/// what the functions running at that moment were working on: they are cancelled (<see cref="LossToken"/>) and waited for before
/// anything is created again, so that no write of theirs lands in the new, empty storage beside writes that were lost.
/// </summary>
internal sealed class StorageRecovery(StorageClients storage, ILogger<StorageRecovery> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(1);

    private readonly Lock sync = new();
    private readonly SemaphoreSlim wake = new(0, 1);
    private TaskCompletionSource available = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource epoch = new();
    private int running;

    /// <summary>How long a loss waits for the cancelled functions to end before storage is set up again.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Cancelled when storage is found to have lost its data. A function invocation takes the token current when its trigger fired
    /// (before its message was received), so that an invocation of a message from the lost storage never runs on the new one.
    /// </summary>
    public CancellationToken LossToken
    {
        get
        {
            lock (sync)
            {
                return epoch.Token;
            }
        }
    }

    /// <summary>Counts a function invocation as running until disposed: a loss waits for running invocations to end.</summary>
    public RunningInvocation Running()
    {
        Interlocked.Increment(ref running);
        return new RunningInvocation(this);
    }

    /// <summary>Completes when storage is believed to answer with everything in place (at once, unless an outage is reported).</summary>
    public Task WhenAvailableAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return available.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Called with any exception a storage call threw: true when it says storage is away or lost a queue, table or container, and
    /// the recovery has it in hand (the caller should wait on <see cref="WhenAvailableAsync"/> rather than fail); false otherwise.
    /// </summary>
    public bool Report(Exception error)
    {
        var kind = StorageFailures.Classify(error);
        if (kind == StorageFailureKind.None)
        {
            return false;
        }

        lock (sync)
        {
            if (!available.Task.IsCompleted)
            {
                return true;
            }

            available = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (kind == StorageFailureKind.MissingResource)
        {
            logger.LogWarning("Storage has lost queues, tables or containers ({Cause}); recreating them", StorageFailures.Describe(error));
        }
        else
        {
            logger.LogWarning("Storage is not available ({Cause}); waiting for it, then recreating queues, tables and containers", StorageFailures.Describe(error));
        }

        wake.Release();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecreateAsync(atStart: true, stoppingToken);
            while (true)
            {
                await wake.WaitAsync(stoppingToken);
                await RecreateAsync(atStart: false, stoppingToken);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last attempt met no longer matters.
        }
    }

    internal void Finished() => Interlocked.Decrement(ref running);

    /// <summary>Cancels the invocations of the lost storage's epoch and waits (a while) for them to end; later ones take a new epoch.</summary>
    private async Task CancelRunningAsync(CancellationToken stoppingToken)
    {
        CancellationTokenSource lost;
        lock (sync)
        {
            lost = epoch;
            epoch = new CancellationTokenSource();
        }

        // Not disposed: invocations still hold its token (cancelled, it costs nothing).
        await lost.CancelAsync();
        var waited = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref running) > 0 && Stopwatch.GetElapsedTime(waited) < DrainTimeout)
        {
            await Task.Delay(50, stoppingToken);
        }

        logger.LogInformation("Storage lost its data: functions running on it were cancelled ({Running} still running after {Seconds:F1} s)",
            Volatile.Read(ref running), Stopwatch.GetElapsedTime(waited).TotalSeconds);
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    /// <summary>Creates what is missing, trying until storage answers; anything but an outage (a refused key, say) stops the host.</summary>
    private async Task RecreateAsync(bool atStart, CancellationToken stoppingToken)
    {
        var began = Stopwatch.GetTimestamp();
        var lastReminder = began;
        var delay = FirstRetry;
        var failures = 0;
        var lossHandled = false;
        while (true)
        {
            try
            {
                if (!atStart && !lossHandled && !(await storage.Container(StorageNames.Containers[0]).ExistsAsync(stoppingToken)).Value)
                {
                    await CancelRunningAsync(stoppingToken);
                    lossHandled = true;
                }

                await storage.EnsureCreatedAsync(stoppingToken);
                break;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && StorageFailures.Classify(error) != StorageFailureKind.None)
            {
                if (atStart && failures == 0)
                {
                    logger.LogWarning("Storage is not available at start ({Cause}); waiting for it", StorageFailures.Describe(error));
                }
                else if (Stopwatch.GetElapsedTime(lastReminder) >= ReminderInterval)
                {
                    logger.LogWarning("Storage is still not available after {Seconds:F0} s ({Cause}); still waiting", Stopwatch.GetElapsedTime(began).TotalSeconds, StorageFailures.Describe(error));
                    lastReminder = Stopwatch.GetTimestamp();
                }

                failures++;
            }

            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
        }

        // Said before anything may use storage again, so that the line comes before any answer from the new storage.
        if (lossHandled)
        {
            // Not an outage but a loss (an in-memory Azurite restarted): runs under way are gone with their messages, and nothing is served.
            logger.LogWarning(
                "Storage came back empty: every run it held is gone, runs under way included; the API serves no run until one completes. " +
                "Start the day again with POST /api/runs (the local host also starts its run at the next start)");
        }
        else if (!atStart || failures > 0)
        {
            logger.LogInformation("Storage answers after {Seconds:F1} s; its queues, tables and containers are in place", Stopwatch.GetElapsedTime(began).TotalSeconds);
        }

        lock (sync)
        {
            available.TrySetResult();
        }
    }
}

/// <summary>A function invocation counted as running by <see cref="StorageRecovery.Running"/>.</summary>
internal readonly struct RunningInvocation(StorageRecovery recovery) : IDisposable
{
    public void Dispose() => recovery.Finished();
}
