using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors.Vk;

/// <summary>What a request needs from a token: a user token (for <c>video.get</c>) and how many <c>wall.get</c> calls it spends.</summary>
internal readonly record struct VkTokenNeeds(bool UserToken, int WallGetCalls)
{
    public static VkTokenNeeds Any => new(false, 0);
}

/// <summary>A token handed out for one request; its rate turn is already taken, so the caller sends at once.</summary>
internal sealed class VkTokenLease
{
    /// <summary>How late after its shared slot a send may still leave.</summary>
    public static readonly TimeSpan SharedSlotLateness = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a process's first send of a token may take to leave, when the token's rate is shared with other instances.</summary>
    public static readonly TimeSpan ColdStartGuard = TimeSpan.FromMilliseconds(500);

    /// <summary>A turn older than this when the request finally leaves was not used "at once": the request takes a fresh one.</summary>
    public static readonly TimeSpan StaleTurn = TimeSpan.FromMilliseconds(10);

    private readonly TimeProvider clock;
    private readonly SharedRateLedger? ledger;
    private long turnTakenAt;

    internal VkTokenLease(VkTokenState state, TimeProvider clock, SharedRateLedger? ledger)
    {
        State = state;
        this.clock = clock;
        this.ledger = ledger;
        turnTakenAt = clock.GetTimestamp();
    }

    internal VkTokenState State { get; }

    /// <summary>The token's configured name (safe for logs), never its value.</summary>
    public string Name => State.Name;

    internal string AccessToken => State.AccessToken;

    /// <summary>
    /// Called as the request goes out. If the process stalled since the turn was taken (a garbage collection, a busy thread pool),
    /// requests paced apart would leave together; such a request waits for a fresh turn of the same token instead.
    /// </summary>
    public async ValueTask EnsureFreshTurnAsync(CancellationToken cancellationToken)
    {
        if (clock.GetElapsedTime(turnTakenAt) > StaleTurn)
        {
            State.CountStaleTurn();
            await State.Pacer.WaitTurnAsync(cancellationToken);
            await WaitForSharedSlotAsync(cancellationToken);
        }
    }

    /// <summary>
    /// With a shared ledger, also waits for this token's next send time across all instances; then the turn is fresh. Slots are
    /// one interval apart, so a send that wakes more than <see cref="SharedSlotLateness"/> after its slot would crowd the next
    /// instance's: it takes a later slot instead.
    /// </summary>
    internal async Task WaitForSharedSlotAsync(CancellationToken cancellationToken)
    {
        while (ledger is not null)
        {
            // A process's first send with a token is slow to leave (compiling the HTTP stack, opening a connection): the
            // slots after it are pushed back by ColdStartGuard, so that other instances' sends do not land together with it.
            var interval = State.TakeFirstSharedSlot() ? State.Pacer.Interval + ColdStartGuard : State.Pacer.Interval;
            var slot = await ledger.ReserveAsync(VkOptions.SectionName, Name, interval, cancellationToken);
            var wait = slot - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            if (clock.GetUtcNow() - slot <= SharedSlotLateness)
            {
                break;
            }

            State.CountStaleTurn();
        }

        turnTakenAt = clock.GetTimestamp();
    }
}

/// <summary>No token can serve now: every one has spent its daily budget, is parked on error 29 or paused on a captcha.</summary>
internal sealed class VkTokensExhaustedException(string message) : Exception(message);

/// <summary>
/// The pool of VK tokens. Spreads requests over tokens, never lets a token exceed its rate (one <see cref="RequestPacer"/> per token,
/// shared by every concurrent worker of the process), keeps each token's daily <c>wall.get</c> budget, parks a token on error 29
/// until the next Moscow day, pauses it on a captcha (14), and drops it on an authorisation failure (5, 27, 28).
/// </summary>
/// <remarks>Thread-safe. State lives in the process: with several Functions instances, give each its own tokens (docs/collectors.md).</remarks>
internal sealed class VkTokenPool
{
    private readonly Lock sync = new();
    private readonly List<VkTokenState> tokens;
    private readonly TimeProvider clock;
    private readonly ILogger<VkTokenPool> logger;
    private readonly SharedRateLedger? ledger;

    /// <param name="ledger">When given, every send also takes a slot of the token's rate shared with the other instances.</param>
    public VkTokenPool(IOptions<VkOptions> options, TimeProvider clock, ILogger<VkTokenPool> logger, SharedRateLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        this.logger = logger;
        this.ledger = ledger;
        var settings = options.Value;
        CaptchaPause = settings.CaptchaPause;
        tokens = settings.Tokens
            .Where(token => !string.IsNullOrWhiteSpace(token.Token))
            .Select((token, index) => new VkTokenState(
                string.IsNullOrWhiteSpace(token.Name) ? $"{token.Type.ToString().ToLowerInvariant()}-{index + 1}" : token.Name,
                token.Token!,
                token.Type,
                new RequestPacer(token.RequestsPerSecond ?? DefaultRate(token.Type), clock),
                token.DailyWallGetBudget))
            .ToList();
    }

    public TimeSpan CaptchaPause { get; }

    /// <summary>True while a user token is in the pool; live broadcasts are read only then.</summary>
    public bool HasUserToken
    {
        get
        {
            lock (sync)
            {
                return tokens.Any(token => token.Type == VkTokenType.User && !token.Revoked);
            }
        }
    }

    /// <summary>Requests that found their rate turn stale when they went out, and took a fresh one: how often the process stalled.</summary>
    public long StaleTurns => tokens.Sum(token => token.StaleTurns);

    /// <summary>The pool's combined request rate: what throughput can at best reach.</summary>
    public double TotalRequestsPerSecond => tokens.Sum(token => token.Pacer.RequestsPerSecond);

    /// <summary>VK's documented per-second limit of a token type (a service key's depends on the app's audience: 5 is the floor).</summary>
    public static double DefaultRate(VkTokenType type) => type switch
    {
        VkTokenType.User => 3,
        VkTokenType.Group => 20,
        _ => 5,
    };

    /// <summary>Waits for a token that can serve <paramref name="needs"/> and takes its next rate turn.</summary>
    /// <exception cref="PlatformAuthException">No token is configured, or every one was refused.</exception>
    /// <exception cref="VkTokensExhaustedException">Tokens exist but none can serve today.</exception>
    public async Task<VkTokenLease> AcquireAsync(VkTokenNeeds needs, CancellationToken cancellationToken)
    {
        var lease = await TakeLocalTurnAsync(needs, cancellationToken);
        await lease.WaitForSharedSlotAsync(cancellationToken);
        return lease;
    }

    private async Task<VkTokenLease> TakeLocalTurnAsync(VkTokenNeeds needs, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (sync)
            {
                var now = clock.GetUtcNow();
                var today = MoscowTime.DayOf(now);
                var eligible = tokens.Where(token => token.CanServe(needs, now, today)).OrderByDescending(token => token.WallGetLeft(today)).ToList();
                if (eligible.Count == 0)
                {
                    throw Unavailable(needs, now, today);
                }

                wait = TimeSpan.MaxValue;
                foreach (var token in eligible)
                {
                    if (token.Pacer.TryTakeTurn(out var tokenWait))
                    {
                        token.Spend(needs.WallGetCalls, today);
                        return new VkTokenLease(token, clock, ledger);
                    }

                    wait = tokenWait < wait ? tokenWait : wait;
                }
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Error 29: the token's daily quota is used up; it rests until the next Moscow day.</summary>
    public void ReportDailyLimit(VkTokenLease lease)
    {
        var until = MoscowTime.StartOfDay(MoscowTime.DayOf(clock.GetUtcNow()).AddDays(1));
        lock (sync)
        {
            lease.State.ParkedUntil = until;
        }

        logger.LogWarning("VK token {Token} reached its daily limit (error 29); parked until {Until:u}", lease.Name, until);
    }

    /// <summary>Error 14: VK wants a captcha solved for this token; it pauses instead of hammering on.</summary>
    public void ReportCaptcha(VkTokenLease lease)
    {
        var until = clock.GetUtcNow() + CaptchaPause;
        lock (sync)
        {
            lease.State.PausedUntil = until;
        }

        logger.LogWarning("VK asked for a captcha on token {Token} (error 14); paused until {Until:u}", lease.Name, until);
    }

    /// <summary>Errors 5, 27, 28: the token is refused. It leaves the pool until the process restarts with a new one.</summary>
    public void ReportAuthFailure(VkTokenLease lease, int code)
    {
        lock (sync)
        {
            lease.State.Revoked = true;
        }

        logger.LogCritical("VK refused token {Token} (error {Code}); it is out of the pool. Replace it in Vk:Tokens", lease.Name, code);
    }

    private Exception Unavailable(VkTokenNeeds needs, DateTimeOffset now, DateOnly today)
    {
        if (tokens.Count == 0)
        {
            return new PlatformAuthException("No VK token is configured (Vk:Tokens).");
        }

        var usable = tokens.Where(token => !token.Revoked && (!needs.UserToken || token.Type == VkTokenType.User)).ToList();
        if (usable.Count == 0)
        {
            return new PlatformAuthException(needs.UserToken
                ? "No VK user token is usable (video.get needs one); check Vk:Tokens."
                : "VK refused every configured token (error 5, 27 or 28); replace them in Vk:Tokens.");
        }

        // A summary, not a line per token: the reason is stored with every skipped page, and a pool has dozens of tokens.
        var parked = usable.Count(token => now < token.ParkedUntil);
        var paused = usable.Count(token => now >= token.ParkedUntil && now < token.PausedUntil);
        var spent = usable.Count - parked - paused;
        return new VkTokensExhaustedException(
            $"No VK token can serve now: {parked} at their daily limit (error 29) until the next Moscow day, {paused} paused after a captcha, "
            + $"{spent} without {needs.WallGetCalls} wall.get calls of daily budget left.");
    }
}

/// <summary>The mutable state of one token; guarded by the pool's lock.</summary>
internal sealed class VkTokenState(string name, string accessToken, VkTokenType type, RequestPacer pacer, int dailyWallGetBudget)
{
    private DateOnly budgetDay;
    private int wallGetSpent;
    private long staleTurns;
    private int sharedSlotTaken;

    public string Name { get; } = name;

    public string AccessToken { get; } = accessToken;

    public VkTokenType Type { get; } = type;

    public RequestPacer Pacer { get; } = pacer;

    public bool Revoked { get; set; }

    public long StaleTurns => Interlocked.Read(ref staleTurns);

    /// <summary>True exactly once per process: for the token's first slot from the shared ledger.</summary>
    public bool TakeFirstSharedSlot() => Interlocked.Exchange(ref sharedSlotTaken, 1) == 0;

    public void CountStaleTurn() => Interlocked.Increment(ref staleTurns);

    public DateTimeOffset ParkedUntil { get; set; }

    public DateTimeOffset PausedUntil { get; set; }

    public int WallGetLeft(DateOnly today) => dailyWallGetBudget - (budgetDay == today ? wallGetSpent : 0);

    public bool CanServe(VkTokenNeeds needs, DateTimeOffset now, DateOnly today) =>
        !Revoked
        && (!needs.UserToken || Type == VkTokenType.User)
        && now >= ParkedUntil
        && now >= PausedUntil
        && (needs.WallGetCalls == 0 || WallGetLeft(today) >= needs.WallGetCalls);

    public void Spend(int wallGetCalls, DateOnly today)
    {
        if (budgetDay != today)
        {
            budgetDay = today;
            wallGetSpent = 0;
        }

        wallGetSpent += wallGetCalls;
    }

}
