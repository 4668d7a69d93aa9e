using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Timing for rate turns. The .NET timer queue behind <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> is too
/// coarse for pacing at 20–60 requests a second: it truncates a wait to whole milliseconds, so a wait under one returns at once and
/// the waiter polls the pacer in a busy loop, and on Linux it wakes 1.5–5 ms late, more than <see cref="RequestPacer.CatchUp"/>
/// makes up, so every such turn loses rate. With the system clock, timing goes to <see cref="PreciseTimer"/> instead (about a
/// millisecond late at most). Any other <see cref="TimeProvider"/> (a FakeTimeProvider in tests) keeps its own timers.
/// </summary>
internal static class PreciseDelay
{
    /// <param name="resumeOnTimerThread">
    /// Run the waiter's continuation on the timer thread, up to its first real wait: for a request that sends right after the
    /// wait, so that it leaves on time even when no thread-pool thread is free. Its path to the socket must never block.
    /// </param>
    public static Task WaitAsync(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken, bool resumeOnTimerThread = false)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!ReferenceEquals(clock, TimeProvider.System))
        {
            return Task.Delay(delay, clock, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        return delay <= TimeSpan.Zero ? Task.CompletedTask : PreciseTimer.Shared.WaitAsync(delay, cancellationToken, resumeOnTimerThread);
    }

    /// <summary>
    /// Runs <paramref name="callback"/> once, at <paramref name="timestamp"/> of <paramref name="clock"/> or just after. With the system
    /// clock it runs on the <see cref="PreciseTimer"/> thread, so it must be short and must not block.
    /// </summary>
    public static void Schedule(TimeProvider clock, long timestamp, Action callback)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(callback);
        if (ReferenceEquals(clock, TimeProvider.System))
        {
            PreciseTimer.Shared.Schedule(timestamp, callback);
            return;
        }

        // The timer's state holds the timer, so that it lives until it fires and then disposes of itself.
        var delay = TimeSpan.FromSeconds(Math.Max(0, timestamp - clock.GetTimestamp()) / (double)clock.TimestampFrequency);
        var holder = new StrongBox<ITimer?>();
        holder.Value = clock.CreateTimer(
            state =>
            {
                ((StrongBox<ITimer?>)state!).Value?.Dispose();
                callback();
            },
            holder,
            delay,
            Timeout.InfiniteTimeSpan);
    }
}

/// <summary>
/// One background thread that runs scheduled callbacks at their due <see cref="Stopwatch"/> time, earliest first. It sleeps with
/// <see cref="Monitor.Wait(object, int)"/>, which on Linux wakes about 0.1 ms after its time, rounded up to whole milliseconds so
/// that it never wakes early: a callback runs within about a millisecond of its time.
/// </summary>
internal sealed class PreciseTimer
{
    public static readonly PreciseTimer Shared = new();

    // A monitor, not a Lock: the thread sleeps in Monitor.Wait on it, and a new, earlier callback wakes it with Monitor.Pulse.
    private readonly object sync = new();
    private readonly PriorityQueue<Action, long> due = new();
    private Thread? thread;

    /// <summary>Runs <paramref name="callback"/> on the timer thread at <paramref name="timestamp"/>; it must be short and must not block.</summary>
    public void Schedule(long timestamp, Action callback)
    {
        lock (sync)
        {
            due.Enqueue(callback, timestamp);
            if (thread is null)
            {
                thread = new Thread(Run) { IsBackground = true, Name = "GosAnalytics rate pacing" };
                thread.Start();
            }

            Monitor.Pulse(sync);
        }
    }

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken, bool resumeOnTimerThread = false)
    {
        // Continuations run on the thread pool unless asked: the timer thread must be back asleep for the next due time.
        var waiter = new TaskCompletionSource(resumeOnTimerThread ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        Schedule(Stopwatch.GetTimestamp() + (long)Math.Ceiling(delay.TotalSeconds * Stopwatch.Frequency), () => waiter.TrySetResult());
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled wait stays queued until its time and is then completed in vain; waits are milliseconds long.
            var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), waiter);
            waiter.Task.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration, TaskScheduler.Default);
        }

        return waiter.Task;
    }

    private void Run()
    {
        var ready = new List<Action>();
        while (true)
        {
            lock (sync)
            {
                while (true)
                {
                    var now = Stopwatch.GetTimestamp();
                    while (due.TryPeek(out var callback, out var at) && at <= now)
                    {
                        due.Dequeue();
                        ready.Add(callback);
                    }

                    if (ready.Count > 0)
                    {
                        break;
                    }

                    var sleep = due.TryPeek(out _, out var next)
                        ? (int)Math.Min(int.MaxValue, Math.Ceiling((next - now) * 1000.0 / Stopwatch.Frequency))
                        : Timeout.Infinite;
                    Monitor.Wait(sync, sleep);
                }
            }

            // Callbacks never throw (they take turns and complete tasks, whose continuations keep their own exceptions); if one
            // did, the process would end, as with any exception on a thread of its own.
            foreach (var callback in ready)
            {
                callback();
            }

            ready.Clear();
        }
    }
}
