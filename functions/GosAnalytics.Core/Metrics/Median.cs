namespace GosAnalytics.Core.Metrics;

/// <summary>Median helper shared by the metric calculators.</summary>
internal static class Median
{
    /// <summary>
    /// Median of <paramref name="values"/>, or null when empty. Sorts the span in place (callers pass scratch buffers).
    /// For an even count it is the mean of the two middle values.
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
}
