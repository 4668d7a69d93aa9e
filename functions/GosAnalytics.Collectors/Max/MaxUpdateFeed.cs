using GosAnalytics.Core.Sources;

namespace GosAnalytics.Collectors.Max;

/// <summary>
/// The development long-poll's feed (<c>Max:PollUpdates</c>): the bot's <c>bot_added</c> and <c>bot_removed</c> updates from
/// <c>GET /updates</c>, through the same client, token and rate as the collector.
/// </summary>
internal sealed class MaxUpdateFeed(MaxApiClient client) : IMaxUpdateFeed
{
    /// <summary>How long MAX may hold a poll open: under the poll timer's 10 seconds, so that one poll ends before the next is due.</summary>
    public const int WaitSeconds = 5;

    /// <summary>Updates per poll; MAX allows up to 1,000.</summary>
    public const int Limit = 100;

    private static readonly string[] ChannelEvents = ["bot_added", "bot_removed"];

    public Task<MaxUpdatePage> GetUpdatesAsync(long? marker, CancellationToken cancellationToken) =>
        client.GetUpdatesAsync(marker, Limit, WaitSeconds, ChannelEvents, cancellationToken);
}
