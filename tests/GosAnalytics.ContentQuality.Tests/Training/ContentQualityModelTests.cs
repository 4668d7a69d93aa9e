using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Tests.Training;

public sealed class ContentQualityModelTests
{
    private static readonly Lazy<TrainingResult> Trained = new(() => ContentQualityTrainer.Train(new TrainingRequest(
        EngagementLabel.Label(SyntheticData.Pages(pages: 30, seed: 5)), ModelManifest.EngagementLabelKind, "synthetic pages",
        new TrainerSettings(Seed: 7, Trees: 30, Leaves: 8, MinExamplesPerLeaf: 10), new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void A_saved_model_loads_with_its_manifest_and_scores_exactly_as_before()
    {
        var model = Trained.Value.Model;
        var posts = Trained.Value.TestExamples.Select(e => e.Content).ToList();
        using var zip = new MemoryStream();
        model.Save(zip);
        zip.Position = 0;

        var loaded = ContentQualityModel.Load(zip, ModelManifest.FromJson(model.Manifest.ToJson()));

        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(model.Manifest.Metrics, loaded.Manifest.Metrics);
        Assert.Equal(model.Score(posts), loaded.Score(posts));
    }

    [Fact]
    public void A_model_trained_on_another_featurisation_is_refused_with_both_schemas_named()
    {
        var model = Trained.Value.Model;
        using var zip = new MemoryStream();
        model.Save(zip);
        zip.Position = 0;

        var error = Assert.Throws<ModelSchemaMismatchException>(() =>
            ContentQualityModel.Load(zip, model.Manifest with { FeatureSchema = "content-features/v1/34+0w+0c/0000000000000000" }));

        Assert.Contains("content-features/v1", error.Message);
        Assert.Contains(ContentFeatures.SchemaFingerprint, error.Message);
        Assert.Contains(model.Version, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_as_invalid_data()
    {
        using var zip = new MemoryStream("not a zip"u8.ToArray());

        Assert.Throws<InvalidDataException>(() => ContentQualityModel.Load(zip, Trained.Value.Model.Manifest));
    }

    [Fact]
    public void One_model_scores_from_many_threads_at_once_with_the_same_results()
    {
        var model = Trained.Value.Model;
        var posts = Trained.Value.TestExamples.Select(e => e.Content).ToList();
        var expected = model.Score(posts);

        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = model.Score(posts));

        Assert.All(results, scores => Assert.Equal(expected, scores));
        Assert.Empty(model.Score(Array.Empty<PostContent>()));
    }

    [Fact]
    public void A_manifest_without_its_version_is_invalid_data()
    {
        Assert.Throws<InvalidDataException>(() => ModelManifest.FromJson("""{"trainedAt":"2026-11-29T00:00:00Z"}"""u8));
        Assert.Throws<InvalidDataException>(() => ModelManifest.FromJson("not json"u8));
    }
}
