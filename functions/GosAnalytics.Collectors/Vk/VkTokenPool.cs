using Azure;
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
        if (ledger is null)
        {
            // The turn's age runs from when the pool's dispatcher took it, which may be well before this request's thread ran.
            return;
        }

        while (true)
        {
            // A process's first send with a token is slow to leave (compiling the HTTP stack, opening a connection): the
            // slots after it are pushed back by ColdStartGuard, so that other instances' sends do not land together with it.
            var interval = State.TakeFirstSharedSlot() ? State.Pacer.Interval + ColdStartGuard : State.Pacer.Interval;
            var slot = await ledger.ReserveAsync(VkOptions.SectionName, Name, interval, cancellationToken);
            var wait = slot - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                // The send follows at once: it leaves from the timer thread, not whenever a thread-pool thread is free.
                await PreciseDelay.WaitAsync(wait, clock, cancellationToken, resumeOnTimerThread: true);
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
/// <remarks>
/// Thread-safe. With a <see cref="VkTokenLedger"/> the budget, parks, pauses and refusals are shared with every instance on the
/// same storage account: the instance reserves the budget in chunks (its allowance) and spends them locally, writes a park, pause
/// or refusal when it happens, and reads what the others wrote every <see cref="SharedStateRefresh"/> and at each reservation.
/// Without one, all of it lives in the process (docs/collectors.md).
/// </remarks>
internal sealed class VkTokenPool : IAsyncDisposable
{
    /// <summary>How old this instance's view of the other instances' parks, pauses and refusals may grow before it reads them again.</summary>
    public static readonly TimeSpan SharedStateRefresh = TimeSpan.FromSeconds(5);

    /// <summary>How long a shutting-down instance tries to give its unspent allowance back.</summary>
    private static readonly TimeSpan ReturnTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock sync = new();
    private readonly List<VkTokenState> tokens;
    private readonly TimeProvider clock;
    private readonly ILogger<VkTokenPool> logger;
    private readonly SharedRateLedger? ledger;
    private readonly VkTokenLedger? shared;
    private readonly int chunkSize;
    private readonly SemaphoreSlim viewGate = new(1, 1);
    private readonly LinkedList<TurnWaiter> waiters = new();
    private long? dispatchAt;
    private long? viewReadAt;
    private long sharedReservations;

    /// <param name="ledger">When given, every send also takes a slot of the token's rate shared with the other instances.</param>
    /// <param name="shared">When given, budgets, parks, pauses and refusals are shared with the other instances.</param>
    public VkTokenPool(IOptions<VkOptions> options, TimeProvider clock, ILogger<VkTokenPool> logger, SharedRateLedger? ledger = null, VkTokenLedger? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        this.logger = logger;
        this.ledger = ledger;
        this.shared = shared;
        var settings = options.Value;
        CaptchaPause = settings.CaptchaPause;
        chunkSize = settings.WallGetChunk;
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

    /// <summary>Time lost by turns taken later than their pacer allowed for: what timer lateness and a busy process cost the rate.</summary>
    public TimeSpan LateTurnLoss => TimeSpan.FromTicks(tokens.Sum(token => token.Pacer.LateTurnLoss.Ticks));

    /// <summary>Chunks of <c>wall.get</c> budget this instance reserved from the shared rows (zero without sharing).</summary>
    public long SharedReservations => Interlocked.Read(ref sharedReservations);

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

    /// <summary>
    /// Takes a turn at once when nobody is waiting and a token is free; otherwise queues the request. The dispatcher then takes
    /// each token's turn at its due time and hands it to the first waiting request the token can serve (<see cref="DispatchTurns"/>).
    /// </summary>
    private async Task<VkTokenLease> TakeLocalTurnAsync(VkTokenNeeds needs, CancellationToken cancellationToken)
    {
        while (true)
        {
            await RefreshSharedViewAsync(cancellationToken);
            TurnWaiter? waiter = null;
            VkTokenState? shortOfCalls = null;
            lock (sync)
            {
                var now = clock.GetUtcNow();
                var today = MoscowTime.DayOf(now);
                var eligible = tokens.Where(token => token.CanServe(needs, now, today)).OrderByDescending(token => token.WallGetLeft(today)).ToList();
                if (eligible.Count == 0)
                {
                    throw Unavailable(needs, now, today);
                }

                // Requests already waiting go first: a newcomer takes a free turn itself only when nobody waits.
                if (waiters.Count == 0)
                {
                    foreach (var token in eligible)
                    {
                        if (!HasAllowance(token, needs, today))
                        {
                            // Reserving takes a storage round trip, which must not happen between a rate turn and its send.
                            shortOfCalls ??= token;
                            continue;
                        }

                        if (token.Pacer.TryTakeTurn(out _))
                        {
                            token.Spend(needs.WallGetCalls, today);
                            return new VkTokenLease(token, clock, ledger);
                        }
                    }
                }

                if (shortOfCalls is null)
                {
                    waiter = new TurnWaiter(needs);
                    waiter.Node = waiters.AddLast(waiter);
                    eligible.ForEach(token => token.Pacer.NoteWaiting());
                    ScheduleDispatch(eligible.Min(token => token.Pacer.UntilNextTurn()));
                }
            }

            if (waiter is null)
            {
                await ReserveChunkAsync(shortOfCalls!, needs.WallGetCalls, cancellationToken);
                continue;
            }

            TurnGrant grant;
            using (cancellationToken.Register(() => Abandon(waiter, cancellationToken)))
            {
                grant = await waiter.Grant.Task;
            }

            if (grant.Lease is { } lease)
            {
                return lease;
            }

            if (grant.TopUp is { } shortToken)
            {
                await ReserveChunkAsync(shortToken, needs.WallGetCalls, cancellationToken);
            }
        }
    }

    /// <summary>Whether the token's allowance covers the request; alone, the process is the only spender and reserves the whole budget left.</summary>
    private bool HasAllowance(VkTokenState token, VkTokenNeeds needs, DateOnly today)
    {
        if (needs.WallGetCalls <= token.AllowanceLeft(today))
        {
            return true;
        }

        if (shared is not null)
        {
            return false;
        }

        token.Reserve(today, token.DailyWallGetBudget - token.ReservedOn(today));
        return needs.WallGetCalls <= token.AllowanceLeft(today);
    }

    /// <summary>Schedules a dispatch <paramref name="delay"/> from now, unless one is due sooner already. Under the lock.</summary>
    private void ScheduleDispatch(TimeSpan delay)
    {
        var at = clock.GetTimestamp() + (long)Math.Ceiling(delay.TotalSeconds * clock.TimestampFrequency);
        if (dispatchAt is { } scheduled && scheduled <= at)
        {
            return;
        }

        dispatchAt = at;
        PreciseDelay.Schedule(clock, at, () => DispatchTurns(at));
    }

    /// <summary>
    /// Runs when a token's turn is due (on the pacing thread with the system clock): takes the turn of every token that is due and
    /// gives it to the first waiting request the token can serve, most budget first. The turn is taken on time even when the
    /// request's own thread gets the processor later: that delay then only ages the turn (see <see cref="VkTokenLease.StaleTurn"/>)
    /// instead of pushing the token's schedule back. A token that could serve a request but lacks the <c>wall.get</c> allowance
    /// sends that request to top it up; requests no token can serve any more are told to look again (and learn why).
    /// </summary>
    private void DispatchTurns(long scheduledAt)
    {
        var granted = new List<(TurnWaiter Waiter, TurnGrant Grant)>();
        lock (sync)
        {
            if (dispatchAt != scheduledAt)
            {
                // An earlier dispatch was scheduled since, ran, and scheduled what comes next.
                return;
            }

            dispatchAt = null;
            var now = clock.GetUtcNow();
            var today = MoscowTime.DayOf(now);
            foreach (var token in tokens.OrderByDescending(token => token.WallGetLeft(today)))
            {
                if (token.Pacer.UntilNextTurn() > TimeSpan.Zero)
                {
                    continue;
                }

                var toppingUp = false;
                for (var node = waiters.First; node is not null; node = node.Next)
                {
                    var waiter = node.Value;
                    if (!token.CanServe(waiter.Needs, now, today))
                    {
                        continue;
                    }

                    if (!HasAllowance(token, waiter.Needs, today))
                    {
                        if (!toppingUp)
                        {
                            toppingUp = true;
                            granted.Add((waiter, Dequeue(waiter, new TurnGrant(null, token))));
                        }

                        continue;
                    }

                    if (token.Pacer.TryTakeTurn(out _))
                    {
                        token.Spend(waiter.Needs.WallGetCalls, today);
                        granted.Add((waiter, Dequeue(waiter, new TurnGrant(new VkTokenLease(token, clock, ledger), null))));
                    }

                    break;
                }
            }

            var next = TimeSpan.MaxValue;
            for (var node = waiters.First; node is not null;)
            {
                var following = node.Next;
                var servers = tokens.Where(token => token.CanServe(node.Value.Needs, now, today)).ToList();
                if (servers.Count == 0)
                {
                    granted.Add((node.Value, Dequeue(node.Value, default)));
                }
                else
                {
                    var soonest = servers.Min(token => token.Pacer.UntilNextTurn());
                    next = soonest < next ? soonest : next;
                }

                node = following;
            }

            if (waiters.Count > 0)
            {
                ScheduleDispatch(next);
            }
        }

        // Outside the lock, and synchronously: each request's own code runs on here, on the pacing thread, up to its first real
        // wait, which is the socket write. So the request leaves when its turn comes, not when a thread-pool thread is free:
        // on a busy machine that took over 10 ms and left the turn stale. The path up to the socket takes a fraction of a
        // millisecond and never blocks.
        foreach (var (waiter, grant) in granted)
        {
            waiter.Grant.TrySetResult(grant);
        }
    }

    /// <summary>Takes a waiter off the queue; its grant is handed over once the lock is released. Under the lock.</summary>
    private TurnGrant Dequeue(TurnWaiter waiter, TurnGrant grant)
    {
        waiters.Remove(waiter.Node!);
        waiter.Node = null;
        return grant;
    }

    /// <summary>A waiting request was cancelled. If its turn was handed out just before, that turn goes unused.</summary>
    private void Abandon(TurnWaiter waiter, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (waiter.Node is not null)
            {
                waiters.Remove(waiter.Node);
                waiter.Node = null;
            }
        }

        waiter.Grant.TrySetCanceled(cancellationToken);
    }

    /// <summary>A request waiting for a turn, in the queue in the order requests came.</summary>
    private sealed class TurnWaiter(VkTokenNeeds needs)
    {
        public VkTokenNeeds Needs { get; } = needs;

        /// <summary>Completed by the dispatcher, synchronously: the request's continuation runs on the pacing thread up to its send.</summary>
        public TaskCompletionSource<TurnGrant> Grant { get; } = new();

        public LinkedListNode<TurnWaiter>? Node { get; set; }
    }

    /// <summary>What a waiting request gets: its turn (a lease), a token to top up first, or neither (look again: the pool changed).</summary>
    private readonly record struct TurnGrant(VkTokenLease? Lease, VkTokenState? TopUp);

    /// <summary>
    /// Tops up a token's allowance from its shared row, one chunk at a time and one worker at a time: the workers that queued
    /// behind find the allowance topped up. The reservation also brings the row's news (a park, a pause, a refusal).
    /// </summary>
    private async Task ReserveChunkAsync(VkTokenState token, int needed, CancellationToken cancellationToken)
    {
        await token.ReservationGate.WaitAsync(cancellationToken);
        try
        {
            DateOnly today;
            int shortfall;
            lock (sync)
            {
                today = MoscowTime.DayOf(clock.GetUtcNow());
                shortfall = needed - token.AllowanceLeft(today);
            }

            if (shortfall <= 0)
            {
                return;
            }

            var reservation = await shared!.ReserveAsync(token.Name, today, token.DailyWallGetBudget, shortfall, chunkSize, token.Fingerprint, cancellationToken);
            Interlocked.Increment(ref sharedReservations);
            List<SharedNews> news;
            lock (sync)
            {
                token.Reserve(today, reservation.Granted);
                news = Apply(token, reservation.Row, clock.GetUtcNow());
            }

            LogNews(news);
        }
        finally
        {
            token.ReservationGate.Release();
        }
    }

    /// <summary>
    /// Reads every token's shared row when this instance's view is older than <see cref="SharedStateRefresh"/>. One worker reads;
    /// the others go on with the view they have, except before the first read, when they wait for it. A read that fails leaves the
    /// view as it was: the budget stays safe (reservations go to the row itself), only news of parks and pauses comes later.
    /// </summary>
    private async Task RefreshSharedViewAsync(CancellationToken cancellationToken)
    {
        if (shared is null || !ViewIsStale())
        {
            return;
        }

        bool everRead;
        lock (sync)
        {
            everRead = viewReadAt is not null;
        }

        if (!everRead)
        {
            await viewGate.WaitAsync(cancellationToken);
        }
        else if (!await viewGate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return;
        }

        try
        {
            if (!ViewIsStale())
            {
                return;
            }

            var rows = await shared.ReadAllAsync(cancellationToken);
            var news = new List<SharedNews>();
            lock (sync)
            {
                var now = clock.GetUtcNow();
                foreach (var token in tokens)
                {
                    if (rows.TryGetValue(token.Name, out var row))
                    {
                        news.AddRange(Apply(token, row, now));
                    }
                }
            }

            LogNews(news);
        }
        catch (RequestFailedException exception)
        {
            logger.LogWarning(exception, "The VK tokens' shared state could not be read (HTTP {Status}); this instance goes on with what it knows", exception.Status);
        }
        finally
        {
            lock (sync)
            {
                viewReadAt = clock.GetTimestamp();
            }

            viewGate.Release();
        }
    }

    private bool ViewIsStale()
    {
        lock (sync)
        {
            return viewReadAt is not { } readAt || clock.GetElapsedTime(readAt) >= SharedStateRefresh;
        }
    }

    /// <summary>Takes in a shared row; answers what this instance did not know yet, to log once the lock is released.</summary>
    private static List<SharedNews> Apply(VkTokenState token, VkSharedTokenRow row, DateTimeOffset now)
    {
        var news = new List<SharedNews>();
        token.SeeShared(row);
        if (row.ParkedUntil > token.ParkedUntil)
        {
            if (row.ParkedUntil > now && token.ParkedUntil <= now)
            {
                news.Add(new SharedNews(token.Name, SharedNewsKind.Parked, row.ParkedUntil, null));
            }

            token.ParkedUntil = row.ParkedUntil;
        }

        if (row.PausedUntil > token.PausedUntil)
        {
            if (row.PausedUntil > now && token.PausedUntil <= now)
            {
                news.Add(new SharedNews(token.Name, SharedNewsKind.Paused, row.PausedUntil, null));
            }

            token.PausedUntil = row.PausedUntil;
        }

        if (!token.Revoked && row.RefusedFingerprint == token.Fingerprint)
        {
            token.Revoked = true;
            news.Add(new SharedNews(token.Name, SharedNewsKind.Refused, row.RefusedAt ?? now, row.RefusedCode));
        }

        return news;
    }

    private void LogNews(List<SharedNews> news)
    {
        foreach (var item in news)
        {
            switch (item.Kind)
            {
                case SharedNewsKind.Parked:
                    logger.LogInformation("VK token {Token} is parked until {Until:u} by another instance (error 29)", item.Token, item.At);
                    break;
                case SharedNewsKind.Paused:
                    logger.LogInformation("VK token {Token} is paused until {Until:u} by another instance (captcha, error 14)", item.Token, item.At);
                    break;
                default:
                    logger.LogError(
                        "VK refused token {Token} on another instance (error {Code} at {At:u}); it is out of this instance's pool too. Replace it in Vk:Tokens",
                        item.Token,
                        item.Code,
                        item.At);
                    break;
            }
        }
    }

    /// <summary>Error 29: the token's daily quota is used up; it rests until the next Moscow day, in every instance.</summary>
    public async Task ReportDailyLimitAsync(VkTokenLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = clock.GetUtcNow();
        var until = MoscowTime.StartOfDay(MoscowTime.DayOf(now).AddDays(1));
        bool news;
        lock (sync)
        {
            // Several requests in flight get the same error 29: the first one tells, the others find the token parked.
            news = lease.State.ParkedUntil <= now;
            lease.State.ParkedUntil = until > lease.State.ParkedUntil ? until : lease.State.ParkedUntil;
        }

        if (news)
        {
            logger.LogWarning("VK token {Token} reached its daily limit (error 29); parked until {Until:u}", lease.Name, until);
            await ShareAsync(lease.Name, "parked", ct => shared!.ParkAsync(lease.Name, until, ct), cancellationToken);
        }
    }

    /// <summary>Error 14: VK wants a captcha solved for this token; it pauses, in every instance, instead of hammering on.</summary>
    public async Task ReportCaptchaAsync(VkTokenLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = clock.GetUtcNow();
        var until = now + CaptchaPause;
        bool news;
        lock (sync)
        {
            news = lease.State.PausedUntil <= now;
            lease.State.PausedUntil = until > lease.State.PausedUntil ? until : lease.State.PausedUntil;
        }

        if (news)
        {
            logger.LogWarning("VK asked for a captcha on token {Token} (error 14); paused until {Until:u}", lease.Name, until);
            await ShareAsync(lease.Name, "paused", ct => shared!.PauseAsync(lease.Name, until, ct), cancellationToken);
        }
    }

    /// <summary>
    /// Errors 5, 27, 28: the token is refused. It leaves the pool until the process restarts with a new one, and so it does in
    /// every instance that holds the same value (instances with a replaced value under the same name keep theirs).
    /// </summary>
    public async Task ReportAuthFailureAsync(VkTokenLease lease, int code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        bool news;
        lock (sync)
        {
            news = !lease.State.Revoked;
            lease.State.Revoked = true;
        }

        if (news)
        {
            logger.LogCritical("VK refused token {Token} (error {Code}); it is out of the pool. Replace it in Vk:Tokens", lease.Name, code);
            await ShareAsync(lease.Name, "refused", ct => shared!.RefuseAsync(lease.Name, code, lease.State.Fingerprint, ct), cancellationToken);
        }
    }

    /// <summary>
    /// Writes a token's new state for the other instances. If storage fails, this instance still acts on it; the others learn it
    /// from VK's own answer, as they would without sharing.
    /// </summary>
    private async Task ShareAsync(string token, string state, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (shared is null)
        {
            return;
        }

        try
        {
            await write(cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            logger.LogWarning(exception, "VK token {Token} is {State}, but the other instances could not be told (HTTP {Status})", token, state, exception.Status);
        }
    }

    /// <summary>
    /// Gives today's unspent allowances back to the shared rows, so that a graceful shutdown (a scale-in) strands no budget; an
    /// instance that crashes strands at most a chunk per token until the next Moscow day.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (shared is null)
        {
            return;
        }

        List<(string Token, DateOnly Day, int Calls)> unspent;
        lock (sync)
        {
            var today = MoscowTime.DayOf(clock.GetUtcNow());
            unspent = tokens.Select(token => (token.Name, today, token.TakeAllowance(today))).Where(item => item.Item3 > 0).ToList();
        }

        using var timeout = new CancellationTokenSource(ReturnTimeout, clock);
        foreach (var (token, day, calls) in unspent)
        {
            try
            {
                await shared.ReturnAsync(token, day, calls, timeout.Token);
                logger.LogDebug("Gave {Calls} unspent wall.get calls of VK token {Token} back to the shared budget", calls, token);
            }
            catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException)
            {
                logger.LogWarning("{Calls} wall.get calls of VK token {Token} stay reserved until the next Moscow day: they could not be given back", calls, token);
            }
        }

        viewGate.Dispose();
        foreach (var token in tokens)
        {
            token.ReservationGate.Dispose();
        }
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

    private enum SharedNewsKind
    {
        Parked,
        Paused,
        Refused,
    }

    private readonly record struct SharedNews(string Token, SharedNewsKind Kind, DateTimeOffset At, int? Code);
}

/// <summary>The mutable state of one token; guarded by the pool's lock.</summary>
internal sealed class VkTokenState(string name, string accessToken, VkTokenType type, RequestPacer pacer, int dailyWallGetBudget)
{
    private DateOnly allowanceDay;
    private int allowance;
    private VkSharedTokenRow seen = VkSharedTokenRow.Empty;
    private long staleTurns;
    private int sharedSlotTaken;

    public string Name { get; } = name;

    public string AccessToken { get; } = accessToken;

    /// <summary>Tells this value from another under the same name in the shared row (<see cref="VkTokenLedger.Fingerprint"/>).</summary>
    public string Fingerprint { get; } = VkTokenLedger.Fingerprint(accessToken);

    public VkTokenType Type { get; } = type;

    public RequestPacer Pacer { get; } = pacer;

    public int DailyWallGetBudget { get; } = dailyWallGetBudget;

    /// <summary>One worker at a time reserves a chunk of this token's shared budget.</summary>
    public SemaphoreSlim ReservationGate { get; } = new(1, 1);

    public bool Revoked { get; set; }

    public long StaleTurns => Interlocked.Read(ref staleTurns);

    /// <summary>True exactly once per process: for the token's first slot from the shared ledger.</summary>
    public bool TakeFirstSharedSlot() => Interlocked.Exchange(ref sharedSlotTaken, 1) == 0;

    public void CountStaleTurn() => Interlocked.Increment(ref staleTurns);

    public DateTimeOffset ParkedUntil { get; set; }

    public DateTimeOffset PausedUntil { get; set; }

    /// <summary>Calls this process reserved for <paramref name="today"/> and has not spent; an earlier day's are forgotten.</summary>
    public int AllowanceLeft(DateOnly today) => allowanceDay == today ? allowance : 0;

    /// <summary>Calls reserved for <paramref name="today"/> by every spender this process knows of (itself included).</summary>
    public int ReservedOn(DateOnly today) => seen.ReservedOn(today, DailyWallGetBudget);

    /// <summary>What this token can still give today, as far as this process knows: its allowance and the budget nobody reserved.</summary>
    public int WallGetLeft(DateOnly today) => AllowanceLeft(today) + DailyWallGetBudget - ReservedOn(today);

    public bool CanServe(VkTokenNeeds needs, DateTimeOffset now, DateOnly today) =>
        !Revoked
        && (!needs.UserToken || Type == VkTokenType.User)
        && now >= ParkedUntil
        && now >= PausedUntil
        && (needs.WallGetCalls == 0 || WallGetLeft(today) >= needs.WallGetCalls);

    /// <summary>
    /// Adds reserved calls to the allowance, and to the count of calls reserved today. Without sharing that count is the
    /// process's own; with sharing the row read with the reservation replaces it (<see cref="SeeShared"/>).
    /// </summary>
    public void Reserve(DateOnly today, int calls)
    {
        if (allowanceDay != today)
        {
            allowanceDay = today;
            allowance = 0;
        }

        allowance += calls;
        seen = seen with { Day = today, WallGetReserved = ReservedOn(today) + calls };
    }

    /// <summary>Takes in the token's shared row: the calls every instance reserved today.</summary>
    public void SeeShared(VkSharedTokenRow row) => seen = row;

    public void Spend(int wallGetCalls, DateOnly today)
    {
        if (allowanceDay == today)
        {
            allowance -= wallGetCalls;
        }
    }

    /// <summary>Empties today's allowance and answers how many calls it held (a shutting-down instance gives them back).</summary>
    public int TakeAllowance(DateOnly today)
    {
        var calls = AllowanceLeft(today);
        allowance = 0;
        return calls;
    }
}
