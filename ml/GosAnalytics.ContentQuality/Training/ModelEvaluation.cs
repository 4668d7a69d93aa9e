namespace GosAnalytics.ContentQuality.Training;

/// <summary>How well scores match labels on held-out posts, beside the trivial baseline that predicts every post at its page's usual (0).</summary>
/// <param name="Posts">Held-out posts scored.</param>
/// <param name="Rmse">Root mean squared error of the scores.</param>
/// <param name="RSquared">1 − SSE ÷ SST: the share of the labels' variance the model explains.</param>
/// <param name="Spearman">Rank correlation of scores and labels.</param>
/// <param name="BaselineRmse">RMSE of predicting 0 for every post.</param>
public sealed record ModelEvaluation(int Posts, double Rmse, double RSquared, double Spearman, double BaselineRmse)
{
    /// <summary>Compares <paramref name="scores"/> with <paramref name="labels"/>, pairwise.</summary>
    public static ModelEvaluation Of(IReadOnlyList<float> scores, IReadOnlyList<float> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count || scores.Count < 2)
        {
            throw new ArgumentException("Scores and labels must be pairs, at least two.", nameof(scores));
        }

        var n = labels.Count;
        var mean = labels.Average(l => (double)l);
        double sse = 0, sst = 0, baseline = 0;
        for (var i = 0; i < n; i++)
        {
            sse += Math.Pow(scores[i] - labels[i], 2);
            sst += Math.Pow(labels[i] - mean, 2);
            baseline += Math.Pow(labels[i], 2);
        }

        return new ModelEvaluation(n, Math.Sqrt(sse / n), sst > 0 ? 1 - (sse / sst) : 0, Correlation.Spearman(scores, labels), Math.Sqrt(baseline / n));
    }
}

/// <summary>Rank correlation with average ranks for ties.</summary>
public static class Correlation
{
    /// <summary>Spearman's ρ: Pearson's correlation of the two samples' ranks; 0 when either sample is constant.</summary>
    public static double Spearman(IReadOnlyList<float> x, IReadOnlyList<float> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>Spearman's ρ of two samples of doubles; 0 when either sample is constant.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Pearson(Ranks(x), Ranks(y));
    }

    private static double[] Ranks<T>(IReadOnlyList<T> values)
        where T : System.Numerics.INumber<T>
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
