using System.Globalization;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Trainer.Data;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>How one model did on held-out posts: against their labels and, on demo data, against the hidden content effect.</summary>
internal sealed record HeldOutResult(ModelEvaluation Metrics, double? HiddenEffectSpearman);

/// <summary>
/// The held-out pages of some data, split as training splits (<see cref="PageSplit"/>) and featurised once, so that several
/// models are scored on exactly the same posts.
/// </summary>
internal sealed class HeldOutPosts
{
    private readonly LabelledData data;
    private readonly List<LabeledPost> posts;
    private readonly List<FeatureRow> rows;

    private HeldOutPosts(LabelledData data, List<LabeledPost> posts, List<FeatureRow> rows)
    {
        this.data = data;
        this.posts = posts;
        this.rows = rows;
    }

    public int Count => posts.Count;

    public int Pages => posts.Select(p => p.PageKey).Distinct(StringComparer.Ordinal).Count();

    public static HeldOutPosts Of(LabelledData data, double testShare, int splitSeed, ProgressBar progress, CancellationToken cancellationToken)
    {
        var posts = data.Examples.Where(e => PageSplit.IsTest(e.PageKey, testShare, splitSeed)).ToList();
        if (posts.Count < 2)
        {
            throw CliFailure.BadInput(string.Create(CultureInfo.InvariantCulture,
                $"{data.Source}: only {posts.Count} of {data.Examples.Count} labelled posts fall on held-out pages (test share {testShare}, split seed {splitSeed}); evaluation needs at least 2."));
        }

        var rows = ContentQualityTrainer.Featurise(posts, progress, cancellationToken);
        progress.Finish();
        return new HeldOutPosts(data, posts, rows);
    }

    public HeldOutResult Evaluate(ContentQualityModel model)
    {
        var scores = model.Score(rows);
        return new HeldOutResult(ModelEvaluation.Of(scores, [.. posts.Select(p => p.Label)]), data.HiddenEffectSpearman(posts, scores));
    }
}

/// <summary>The numbers every command prints, formatted one way.</summary>
internal static class Report
{
    public static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Metrics(ModelEvaluation metrics, double? hiddenEffectSpearman)
    {
        var line = $"RMSE {Number(metrics.Rmse)} vs baseline {Number(metrics.BaselineRmse)} (every post at its page's usual), R² {Number(metrics.RSquared)}, Spearman {Number(metrics.Spearman)}";
        return hiddenEffectSpearman is { } hidden ? $"{line}\n  hidden effect   Spearman {Number(hidden)} with the demo generator's true content effect" : line;
    }

    public static string Elapsed(TimeSpan elapsed) =>
        elapsed.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:D2} min")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");
}
