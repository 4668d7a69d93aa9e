namespace GosAnalytics.Collectors.Vk;

/// <summary>
/// The last handler before the socket: checks that the request's rate turn is still fresh (see
/// <see cref="VkTokenLease.EnsureFreshTurnAsync"/>), so that "measured from send" holds even when the process stalls between
/// taking the turn and sending.
/// </summary>
internal sealed class VkSendPacingHandler : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<VkTokenLease> LeaseKey = new("GosAnalytics.VkTokenLease");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(LeaseKey, out var lease))
        {
            await lease.EnsureFreshTurnAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
