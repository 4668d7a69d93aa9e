namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Keeps one stream of requests under a rate. The interval is measured from the moment a request is let go (its send),
/// not from its answer, and one pacer is shared by every concurrent worker that uses the same credential — the two
/// mistakes behind VK's error 6 in public clients (see docs/collectors.md).
/// </summary>
/// <remarks>Thread-safe. The small <see cref="Headroom"/> absorbs send-time jitter so that the platform never counts one request too many in a second.</remarks>
public sealed class RequestPacer
{
    /// <summary>Share of the allowed rate actually used: 3 % below the limit.</summary>
    public const double Headroom = 0.97;

    private readonly Lock sync = new();
    private readonly TimeProvider clock;
    private readonly long intervalTicks;
    private long lastSend;
    private bool sentBefore;

    public RequestPacer(double requestsPerSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        RequestsPerSecond = requestsPerSecond;
        Interval = TimeSpan.FromSeconds(1 / (requestsPerSecond * Headroom));
        intervalTicks = (long)(Interval.TotalSeconds * clock.TimestampFrequency);
    }

    public double RequestsPerSecond { get; }

    /// <summary>The least time between two sends.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Takes the next turn when the interval since the last send has passed; otherwise says how long to wait.</summary>
    public bool TryTakeTurn(out TimeSpan wait)
    {
        lock (sync)
        {
            var now = clock.GetTimestamp();
            var due = sentBefore ? lastSend + intervalTicks : now;
            if (now >= due)
            {
                lastSend = now;
                sentBefore = true;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeSpan.FromSeconds((double)(due - now) / clock.TimestampFrequency);
            return false;
        }
    }

    /// <summary>Waits for the next turn and takes it; the caller sends right after.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (!TryTakeTurn(out var wait))
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
