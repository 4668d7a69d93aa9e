namespace GosAnalytics.Collectors.Max;

/// <summary>
/// The last handler before the socket: a request whose rate turn is older than <see cref="StaleTurn"/> when it finally leaves
/// (the process stalled between the turn and the send: a garbage collection, a busy thread pool) waits for a fresh turn, so that
/// requests paced apart do not leave together. The same guard as VK's (<see cref="Vk.VkSendPacingHandler"/>).
/// </summary>
/// <remarks>
/// The gate's first request goes alone: while it opens the first connection (and the runtime compiles the socket stack), the
/// requests paced after it would wait inside the HTTP stack, past this guard, and then arrive together — the bench saw four
/// within 6 ms at the start of a run, MAX's only 429 answers. So the others wait for its answer here, find their turns stale,
/// and take fresh ones.
/// </remarks>
internal sealed class MaxSendPacingHandler(TimeProvider clock) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<MaxTurn> TurnKey = new("GosAnalytics.MaxTurn");

    /// <summary>A turn older than this when the request leaves was not used "at once".</summary>
    public static readonly TimeSpan StaleTurn = TimeSpan.FromMilliseconds(10);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(TurnKey, out var turn))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (turn.Gate.TryTakeFirstSend())
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                turn.Gate.FirstSendDone();
            }
        }

        await turn.Gate.FirstAnswer.WaitAsync(cancellationToken);
        if (clock.GetElapsedTime(turn.TakenAt) > StaleTurn)
        {
            turn.Gate.CountStaleTurn();
            await turn.Gate.WaitTurnAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A rate turn taken for one request: which gate and when (a <see cref="TimeProvider"/> timestamp).</summary>
internal sealed record MaxTurn(MaxRateGate Gate, long TakenAt);
