namespace GosAnalytics.Core.Domain;

/// <summary>A ranking period ending on the metric day (inclusive).</summary>
public enum Period
{
    Day,
    Week,
    Month,
}

public static class Periods
{
    public static int Days(this Period period) => period switch
    {
        Period.Day => 1,
        Period.Week => 7,
        Period.Month => 30,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>The period's name in exports: «день», «неделя», «месяц».</summary>
    public static string RussianName(this Period period) => period switch
    {
        Period.Day => "день",
        Period.Week => "неделя",
        Period.Month => "месяц",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>UTC start of the period that ends with Moscow day <paramref name="metricDay"/>.</summary>
    public static DateTimeOffset StartUtc(this Period period, DateOnly metricDay) =>
        MoscowTime.StartOfDay(metricDay.AddDays(1 - period.Days()));

    /// <summary>Days collected per run: enough for the longest period.</summary>
    public const int CollectionWindowDays = 30;
}
