using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Tests.Training;

public sealed class ContentQualityTrainerTests
{
    private static readonly TrainerSettings Quick = new(Seed: 7, Trees: 60, Leaves: 8, MinExamplesPerLeaf: 10);

    [Fact]
    public void Training_twice_on_the_same_posts_with_the_same_seed_gives_the_same_model_version_and_scores()
    {
        var examples = EngagementLabel.Label(SyntheticData.Pages(pages: 30, seed: 1));

        var first = ContentQualityTrainer.Train(Request(examples));
        var second = ContentQualityTrainer.Train(Request(examples));

        Assert.Equal(first.Model.Version, second.Model.Version);
        Assert.Equal(first.TestScores, second.TestScores);
        Assert.Equal(first.Model.Score(Contents(examples)), second.Model.Score(Contents(examples)));
        Assert.Equal(first.Model.Manifest.TopFeatures, second.Model.Manifest.TopFeatures);
    }

    [Fact]
    public void On_pages_it_never_saw_the_model_ranks_posts_by_their_content_effect_and_beats_the_baseline()
    {
        var examples = EngagementLabel.Label(SyntheticData.Pages(pages: 80, seed: 2));

        var result = ContentQualityTrainer.Train(Request(examples) with { TestShare = 0.25, SplitSeed = 3 });
        var manifest = result.Model.Manifest;

        var testPages = result.TestExamples.Select(e => e.PageKey).ToHashSet();
        Assert.All(examples.Where(e => !PageSplit.IsTest(e.PageKey, 0.25, 3)), e => Assert.DoesNotContain(e.PageKey, testPages));
        Assert.Equal(result.TestExamples.Count, manifest.Metrics.Posts);
        Assert.Equal(manifest.Data.Posts, manifest.Data.TrainPosts + manifest.Data.TestPosts);
        Assert.True(manifest.Metrics.Spearman > 0.5, $"Spearman {manifest.Metrics.Spearman:F2}");
        Assert.True(manifest.Metrics.Rmse < manifest.Metrics.BaselineRmse, $"RMSE {manifest.Metrics.Rmse:F3} vs baseline {manifest.Metrics.BaselineRmse:F3}");
        Assert.True(manifest.Metrics.RSquared > 0.2, $"R² {manifest.Metrics.RSquared:F2}");
    }

    [Fact]
    public void The_manifest_names_the_featurisation_and_the_most_important_features_in_words()
    {
        var examples = EngagementLabel.Label(SyntheticData.Pages(pages: 40, seed: 4));

        var manifest = ContentQualityTrainer.Train(Request(examples)).Model.Manifest;

        Assert.Equal(ContentFeatures.SchemaFingerprint, manifest.FeatureSchema);
        Assert.Equal(ContentFeatures.Length, manifest.FeatureCount);
        Assert.Equal(ModelManifest.EngagementLabelKind, manifest.LabelKind);
        Assert.Matches("^cq-[0-9a-f]{12}$", manifest.Version);
        Assert.Equal(64, manifest.DataHash.Length);
        Assert.NotEmpty(manifest.TopFeatures);
        Assert.Equal(manifest.TopFeatures.OrderByDescending(f => f.Importance).Select(f => f.Slot), manifest.TopFeatures.Select(f => f.Slot));
        Assert.Contains(manifest.TopFeatures, f => f.Feature == nameof(PostFeatures.Photos));
        Assert.DoesNotContain(manifest.TopFeatures, f => f.Feature.StartsWith("word#", StringComparison.Ordinal) || f.Feature.StartsWith("char#", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_data_gives_another_version()
    {
        var examples = EngagementLabel.Label(SyntheticData.Pages(pages: 30, seed: 1));
        var fewer = examples.Where(e => e.PageKey != examples[0].PageKey).ToList();

        Assert.NotEqual(ContentQualityTrainer.Train(Request(examples)).Model.Version, ContentQualityTrainer.Train(Request(fewer)).Model.Version);
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties_and_is_zero_for_a_constant_sample()
    {
        Assert.Equal(1, Correlation.Spearman([1, 2, 2, 3], [10, 20, 20, 30]), 10);
        Assert.Equal(-1, Correlation.Spearman([1, 2, 3], [3, 2, 1]), 10);
        Assert.Equal(0, Correlation.Spearman([1, 1, 1], [1, 2, 3]));
    }

    private static TrainingRequest Request(IReadOnlyList<LabeledPost> examples) =>
        new(examples, ModelManifest.EngagementLabelKind, "synthetic pages", Quick, new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private static List<PostContent> Contents(IEnumerable<LabeledPost> examples) => [.. examples.Select(e => e.Content)];
}
