using System.Globalization;
using Azure.Data.Tables;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// A page's subscriber counts by day, kept in its registry row as <see cref="Count"/> rolling columns <c>Subscribers00</c> …
/// <c>Subscribers39</c>: day d goes to column d mod <see cref="Count"/> as <c>yyyy-MM-dd:count</c>. A slot names its day, so a stale
/// value (from <see cref="Count"/> or more days earlier) is recognised and ignored, and writing a day never needs a read: two days
/// within <see cref="Count"/> of each other never share a column. Growth looks back at most 30 days.
/// </summary>
internal static class SubscriberSlots
{
    public const int Count = 40;

    private const string Prefix = "Subscribers";

    public static string ColumnOf(DateOnly day) => Prefix + (day.DayNumber % Count).ToString("D2", CultureInfo.InvariantCulture);

    public static string Format(DateOnly day, long subscribers) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ":" + subscribers.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every count the row holds, by day (at most <see cref="Count"/>).</summary>
    public static IReadOnlyDictionary<DateOnly, long> Read(TableEntity entity)
    {
        var history = new Dictionary<DateOnly, long>();
        for (var slot = 0; slot < Count; slot++)
        {
            if (entity.GetString(Prefix + slot.ToString("D2", CultureInfo.InvariantCulture)) is { Length: > 11 } text
                && text[10] == ':'
                && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && long.TryParse(text.AsSpan(11), NumberStyles.None, CultureInfo.InvariantCulture, out var subscribers)
                && day.DayNumber % Count == slot)
            {
                history[day] = subscribers;
            }
        }

        return history;
    }
}
