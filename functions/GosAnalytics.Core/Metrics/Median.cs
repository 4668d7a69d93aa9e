namespace GosAnalytics.Core.Metrics;

/// <summary>
/// The one median of the project: page metrics, region summaries and the content-quality training label
/// (GosAnalytics.ContentQuality) all use it.
/// </summary>
public static class Median
{
    /// <summary>
    /// Median of <paramref name="values"/>, or null when empty. Sorts the span in place (callers pass scratch buffers).
    /// For an even count it is the mean of the two middle values. NaN sorts below every number, as in <see cref="double.CompareTo(double)"/>.
    /// </summary>
    public static double? OfInPlace(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1
            ? values[middle]
            : (values[middle - 1] + values[middle]) / 2.0;
    }

    /// <summary>Median of <paramref name="values"/> (copied, not changed), or null when there are none; see <see cref="OfInPlace"/>.</summary>
    public static double? Of(IEnumerable<double> values) => OfInPlace(values.ToArray());
}
