namespace GosAnalytics.Core.Sources;

/// <summary>
/// The one reading of a MAX Bot API time, shared by the collector and the bot's updates: milliseconds since the Unix epoch as the
/// schema documents (13 digits in the official stubs), or seconds, since the text of <c>from</c>/<c>to</c> says only "Unix timestamp".
/// </summary>
public static class MaxTimestamps
{
    /// <summary>Values below this are seconds, at or above it milliseconds: 10^11 seconds is the year 5138, 10^11 ms is March 1973.</summary>
    public const long MillisecondsFrom = 100_000_000_000;

    /// <summary>The instant, or null for a value no real event has (not positive, or beyond the calendar).</summary>
    public static DateTimeOffset? FromUnix(long value)
    {
        if (value <= 0)
        {
            return null;
        }

        try
        {
            return value < MillisecondsFrom ? DateTimeOffset.FromUnixTimeSeconds(value) : DateTimeOffset.FromUnixTimeMilliseconds(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
