using GosAnalytics.Core.Sources;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Registry;

/// <summary>What one poll did. <paramref name="Skipped"/> says why nothing was read (polling off, no feed); null when it polled.</summary>
public sealed record MaxPollResult(string? Skipped, int Updates = 0, int Events = 0, int Malformed = 0, long? Marker = null, bool MarkerSaved = false);

/// <summary>
/// The development long-poll (<c>Max:PollUpdates</c>): reads a page of updates after the stored marker, records their channel events,
/// and only then stores the new marker, so a crash between the two reads the page again (recording is idempotent) instead of losing
/// it. A malformed update is logged and passed over: one bad object must not hold the marker back for ever.
/// </summary>
public sealed class MaxUpdatePoller(
    MaxChannelInbox inbox, MaxChannelStore store, IEnumerable<IMaxUpdateFeed> feeds, IOptionsMonitor<MaxInboxOptions> options, TimeProvider clock, ILogger<MaxUpdatePoller> logger)
{
    /// <summary>1 once the missing feed was reported: the timer fires every 10 seconds, the warning is worth one line.</summary>
    private int reportedNoFeed;

    public async Task<MaxPollResult> PollAsync(CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.PollUpdates)
        {
            return new MaxPollResult("Max:PollUpdates is off");
        }

        var feed = feeds.LastOrDefault();
        if (feed is null)
        {
            if (Interlocked.Exchange(ref reportedNoFeed, 1) == 0)
            {
                logger.LogWarning("Max:PollUpdates is on but no MAX update feed is registered (the MAX collector provides it); nothing is polled");
            }

            return new MaxPollResult("no MAX update feed is registered");
        }

        var stored = await store.GetMarkerAsync(cancellationToken);
        var page = await feed.GetUpdatesAsync(stored?.Marker, cancellationToken);
        var events = new List<MaxChannelEvent>();
        var malformed = 0;
        foreach (var update in page.Updates)
        {
            try
            {
                if (MaxUpdates.Read(update) is { } channelEvent)
                {
                    events.Add(channelEvent);
                }
            }
            catch (MaxUpdateFormatException error)
            {
                malformed++;
                logger.LogWarning("MAX long-poll: an update that is not one was passed over: {Error}", error.Message);
            }
        }

        if (events.Count > 0)
        {
            await inbox.RecordAsync(events, cancellationToken);
        }

        var saved = false;
        if (page.Marker is { } marker && marker != stored?.Marker)
        {
            saved = await store.TrySaveMarkerAsync(stored, marker, clock.GetUtcNow(), cancellationToken);
            if (!saved)
            {
                logger.LogWarning("MAX long-poll: another poll stored a marker meanwhile; its marker stands (the updates read here are recorded either way)");
            }
        }

        logger.LogInformation("MAX long-poll: {Updates} updates, {Events} bot events, {Malformed} malformed; marker {Marker}", page.Updates.Count, events.Count, malformed, page.Marker);
        return new MaxPollResult(null, page.Updates.Count, events.Count, malformed, page.Marker, saved);
    }
}
