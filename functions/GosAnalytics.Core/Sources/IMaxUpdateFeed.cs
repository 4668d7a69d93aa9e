using System.Text.Json;

namespace GosAnalytics.Core.Sources;

/// <summary>One answer of MAX's <c>GET /updates</c>: the updates as raw objects, and the marker to ask with next time.</summary>
public sealed record MaxUpdatePage(IReadOnlyList<JsonElement> Updates, long? Marker);

/// <summary>
/// Where the development long-poll reads the MAX bot's updates from: <c>GET /updates</c> (with <c>types=bot_added,bot_removed</c> and a
/// short <c>timeout</c>, well under the poll timer's 10 seconds). Implemented on the MAX collector's HTTP client, registered with the
/// platform collectors; without one the poll timer only logs that it has none.
/// </summary>
public interface IMaxUpdateFeed
{
    /// <summary>The updates after <paramref name="marker"/> (null: from the oldest MAX still keeps).</summary>
    Task<MaxUpdatePage> GetUpdatesAsync(long? marker, CancellationToken cancellationToken);
}
