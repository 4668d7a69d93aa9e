namespace GosAnalytics.Collectors.Max;

/// <summary>
/// The last handler before the socket: a request whose rate turn is older than <see cref="StaleTurn"/> when it finally leaves
/// (the process stalled between the turn and the send: a garbage collection, a busy thread pool) waits for a fresh turn, so that
/// requests paced apart do not leave together. The same guard as VK's (<see cref="Vk.VkSendPacingHandler"/>).
/// </summary>
internal sealed class MaxSendPacingHandler(TimeProvider clock) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<MaxTurn> TurnKey = new("GosAnalytics.MaxTurn");

    /// <summary>A turn older than this when the request leaves was not used "at once".</summary>
    public static readonly TimeSpan StaleTurn = TimeSpan.FromMilliseconds(10);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(TurnKey, out var turn) && clock.GetElapsedTime(turn.TakenAt) > StaleTurn)
        {
            turn.Gate.CountStaleTurn();
            await turn.Gate.WaitTurnAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A rate turn taken for one request: which gate and when (a <see cref="TimeProvider"/> timestamp).</summary>
internal sealed record MaxTurn(MaxRateGate Gate, long TakenAt);
