namespace GosAnalytics.Core.Domain;

/// <summary>
/// The "metric day" and every time shown to analysts are Moscow time (UTC+3, no DST since 2014);
/// everything stored is UTC.
/// </summary>
public static class MoscowTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The first UTC instant of a Moscow calendar day.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The first UTC instant after a Moscow calendar day ends.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => StartOfDay(day.AddDays(1));

    /// <summary>The last complete Moscow day before <paramref name="instant"/>: the day a daily run measures.</summary>
    public static DateOnly LastCompleteDay(DateTimeOffset instant) => DayOf(instant).AddDays(-1);
}
