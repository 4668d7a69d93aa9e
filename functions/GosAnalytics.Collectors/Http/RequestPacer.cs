namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Keeps one stream of requests under a rate. The interval is measured from the moment a request is let go (its send),
/// not from its answer, and one pacer is shared by every concurrent worker that uses the same credential — the two
/// mistakes behind VK's error 6 in public clients (see docs/collectors.md).
/// </summary>
/// <remarks>
/// Thread-safe. Turns follow a schedule one <see cref="Interval"/> apart. A turn taken late (timers and thread pools wake a
/// millisecond or two after they are due) lets the next one come up to <see cref="CatchUp"/> sooner, so the rate does not
/// drift below the schedule; yet any n + 1 sends still span at least n intervals minus <see cref="CatchUp"/>. The
/// <see cref="Headroom"/> (3 %: 31 ms in every second at 20 requests/s) absorbs what happens between a send and its arrival.
/// </remarks>
internal sealed class RequestPacer
{
    /// <summary>Share of the allowed rate actually used: 3 % below the limit.</summary>
    public const double Headroom = 0.97;

    /// <summary>How much of a late turn the next one may make up.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(2);

    private readonly Lock sync = new();
    private readonly TimeProvider clock;
    private readonly long intervalTicks;
    private readonly long catchUpTicks;
    private long nextDue;
    private bool sentBefore;
    private long lateTurnLossTicks;
    private bool waiting;

    public RequestPacer(double requestsPerSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        RequestsPerSecond = requestsPerSecond;
        Interval = TimeSpan.FromSeconds(1 / (requestsPerSecond * Headroom));
        intervalTicks = (long)(Interval.TotalSeconds * clock.TimestampFrequency);
        catchUpTicks = Math.Min(intervalTicks / 10, (long)(CatchUp.TotalSeconds * clock.TimestampFrequency));
    }

    public double RequestsPerSecond { get; }

    /// <summary>The least time between two sends.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// Time the schedule lost to turns taken later than <see cref="CatchUp"/> after they were due (timers waking late, a busy
    /// process) while a request was waiting for them: each such millisecond is a millisecond of the rate gone.
    /// </summary>
    public TimeSpan LateTurnLoss
    {
        get
        {
            lock (sync)
            {
                return TimeSpan.FromSeconds((double)lateTurnLossTicks / clock.TimestampFrequency);
            }
        }
    }

    /// <summary>A request now waits for this pacer's next turn (taken for it by a dispatcher): lateness of that turn is a loss.</summary>
    public void NoteWaiting()
    {
        lock (sync)
        {
            waiting = true;
        }
    }

    /// <summary>How long until the next turn is due (zero when it is due now); takes nothing.</summary>
    public TimeSpan UntilNextTurn()
    {
        lock (sync)
        {
            var now = clock.GetTimestamp();
            return sentBefore && nextDue > now ? TimeSpan.FromSeconds((double)(nextDue - now) / clock.TimestampFrequency) : TimeSpan.Zero;
        }
    }

    /// <summary>Takes the next turn when it is due; otherwise says how long to wait.</summary>
    public bool TryTakeTurn(out TimeSpan wait)
    {
        lock (sync)
        {
            var now = clock.GetTimestamp();
            var due = sentBefore ? nextDue : now;
            if (now >= due)
            {
                // Lateness counts only when a request was already waiting for this turn; after an idle spell it is no loss.
                if (waiting)
                {
                    lateTurnLossTicks += Math.Max(0, now - due - catchUpTicks);
                    waiting = false;
                }

                nextDue = Math.Max(due + intervalTicks, now + intervalTicks - catchUpTicks);
                sentBefore = true;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeSpan.FromSeconds((double)(due - now) / clock.TimestampFrequency);
            waiting = true;
            return false;
        }
    }

    /// <summary>Waits for the next turn and takes it; the caller sends right after.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (!TryTakeTurn(out var wait))
        {
            await PreciseDelay.WaitAsync(wait, clock, cancellationToken);
        }
    }
}
