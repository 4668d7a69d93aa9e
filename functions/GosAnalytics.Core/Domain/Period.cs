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
    public static IReadOnlyList<Period> All { get; } = [Period.Day, Period.Week, Period.Month];

    public static IReadOnlyList<string> AllCodes { get; } = ["day", "week", "month"];

    public static int Days(this Period period) => period switch
    {
        Period.Day => 1,
        Period.Week => 7,
        Period.Month => 30,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    public static string ToCode(this Period period) => period.ToString().ToLowerInvariant();

    public static bool TryParse(string? code, out Period period)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "day": period = Period.Day; return true;
            case "week": period = Period.Week; return true;
            case "month": period = Period.Month; return true;
            default: period = default; return false;
        }
    }

    /// <summary>UTC start of the period that ends with Moscow day <paramref name="metricDay"/>.</summary>
    public static DateTimeOffset StartUtc(this Period period, DateOnly metricDay) =>
        MoscowTime.StartOfDay(metricDay.AddDays(1 - period.Days()));

    /// <summary>Days collected per run: enough for the longest period.</summary>
    public const int CollectionWindowDays = 30;
}
