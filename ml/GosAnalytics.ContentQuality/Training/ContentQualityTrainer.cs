using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace GosAnalytics.ContentQuality.Training;

/// <summary>Settings of one training; the same settings on the same examples give the same model.</summary>
/// <param name="Seed">Seeds ML.NET's random numbers.</param>
/// <param name="Trees">Boosted regression trees.</param>
/// <param name="Leaves">Leaves per tree.</param>
/// <param name="MinExamplesPerLeaf">Fewer examples make a leaf learn single posts by heart.</param>
/// <param name="LearningRate">Shrinkage of each tree's contribution.</param>
public sealed record TrainerSettings(int Seed = 20221201, int Trees = 200, int Leaves = 20, int MinExamplesPerLeaf = 20, double LearningRate = 0.1);

/// <summary>One row as ML.NET reads it: the post's feature vector (<see cref="PostFeatures.Schema"/> order) and its label.</summary>
public sealed class FeatureRow
{
    /// <summary>The features of <see cref="PostFeatureExtractor"/>, in schema order.</summary>
    [VectorType(PostFeatures.Count)]
    public float[] Features { get; set; } = [];

    /// <summary>The label of <see cref="EngagementLabel"/>; ignored when scoring.</summary>
    public float Label { get; set; }
}

/// <summary>What the model says of one post: how it should do against its page's usual, on the label's scale.</summary>
public sealed class FeaturePrediction
{
    /// <summary>The predicted label.</summary>
    public float Score { get; set; }
}

/// <summary>
/// Trains the content-quality model: gradient-boosted regression trees (ML.NET FastTree) from the post features to the
/// engagement label. One thread and a fixed seed make a training reproducible, so that a shipped model can be rebuilt.
/// </summary>
public static class ContentQualityTrainer
{
    /// <summary>Trains on <paramref name="examples"/> with <paramref name="settings"/>.</summary>
    public static ITransformer Train(MLContext ml, IEnumerable<LabeledPost> examples, TrainerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(settings);
        var data = ml.Data.LoadFromEnumerable(ToRows(examples));
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            NumberOfThreads = 1,
        });
        return trainer.Fit(data);
    }

    /// <summary>The model's scores of <paramref name="examples"/>, in their order (batch transform, no prediction engine).</summary>
    public static float[] Score(MLContext ml, ITransformer model, IEnumerable<LabeledPost> examples)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(ToRows(examples)));
        return [.. ml.Data.CreateEnumerable<FeaturePrediction>(scored, reuseRowObject: false).Select(p => p.Score)];
    }

    /// <summary>The rows ML.NET reads: features extracted by the one featurisation that serving uses too.</summary>
    public static IEnumerable<FeatureRow> ToRows(IEnumerable<LabeledPost> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return examples.Select(e => new FeatureRow { Features = PostFeatureExtractor.Extract(e.Outcome.Content).ToArray(), Label = e.Label });
    }
}
