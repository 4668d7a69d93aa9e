namespace GosAnalytics.Core.Scoring;

/// <summary>
/// Mid-rank percentile: for a value whose average 1-based rank among n values sorted ascending is r
/// (tied values share the mean of their ranks), score = 100 × (r − 1) ÷ (n − 1); a group of one scores 50.
/// </summary>
internal static class MidRankPercentile
{
    /// <summary>
    /// Score of a run of <paramref name="tied"/> equal values preceded by <paramref name="below"/> smaller ones,
    /// among <paramref name="count"/> values in all.
    /// </summary>
    public static double OfRun(int below, int tied, int count)
    {
        if (count <= 0 || tied <= 0 || below < 0 || below + tied > count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Invalid run: {below} below, {tied} tied, {count} in all.");
        }

        // r = below + (tied + 1) / 2, so r − 1 = below + (tied − 1) / 2.
        return count == 1 ? 50 : 100.0 * (below + ((tied - 1) / 2.0)) / (count - 1);
    }

    /// <summary>
    /// Scores every value of an ascending-sorted group at once: <paramref name="scores"/>[i] receives the score of
    /// <paramref name="sortedAscending"/>[i]. One pass, so a group costs its sort plus O(n).
    /// </summary>
    public static void ScoreSorted(ReadOnlySpan<double> sortedAscending, Span<double> scores)
    {
        if (scores.Length < sortedAscending.Length)
        {
            throw new ArgumentException("The score buffer is shorter than the values.", nameof(scores));
        }

        for (var start = 0; start < sortedAscending.Length;)
        {
            var end = start + 1;
            while (end < sortedAscending.Length && sortedAscending[end] == sortedAscending[start])
            {
                end++;
            }

            scores[start..end].Fill(OfRun(start, end - start, sortedAscending.Length));
            start = end;
        }
    }
}
