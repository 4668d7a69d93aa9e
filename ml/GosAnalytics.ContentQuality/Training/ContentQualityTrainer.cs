using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using GosAnalytics.ContentQuality.Models;
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

/// <summary>One row as ML.NET reads it: the post's <see cref="ContentFeatures"/> vector and its label.</summary>
public sealed class FeatureRow
{
    /// <summary>The post's <see cref="ContentFeatures"/> vector.</summary>
    [VectorType(ContentFeatures.Length)]
    public VBuffer<float> Features { get; set; }

    /// <summary>The label; ignored when scoring.</summary>
    public float Label { get; set; }
}

/// <summary>What the model says of one post: how it should do against its page's usual, on the label's scale.</summary>
internal sealed class FeaturePrediction
{
    /// <summary>The predicted label.</summary>
    public float Score { get; set; }
}

/// <summary>A step of a training, for progress bars.</summary>
/// <param name="Stage">What is being done: <c>featurise</c>, <c>fit</c>, <c>evaluate</c> or <c>explain</c>.</param>
/// <param name="Done">Units done (posts, or 0/1 for a step without a count).</param>
/// <param name="Total">Units in the stage.</param>
public readonly record struct TrainingProgress(string Stage, long Done, long Total);

/// <summary>What to train on and how.</summary>
/// <param name="Examples">Labelled posts, in a stable order (labels are ordered by page and post).</param>
/// <param name="LabelKind"><see cref="ModelManifest.EngagementLabelKind"/> or <see cref="ModelManifest.ExpertLabelKind"/>.</param>
/// <param name="Source">Where the examples came from, for the manifest.</param>
/// <param name="Settings">Trainer settings.</param>
/// <param name="TrainedAt">The training's timestamp (UTC), for the manifest.</param>
/// <param name="TestShare">Share of pages held out for evaluation.</param>
/// <param name="SplitSeed">Seed of the page split.</param>
public sealed record TrainingRequest(
    IReadOnlyList<LabeledPost> Examples,
    string LabelKind,
    string Source,
    TrainerSettings Settings,
    DateTimeOffset TrainedAt,
    double TestShare = 0.2,
    int SplitSeed = 20221201);

/// <summary>A trained model with the held-out examples it was evaluated on and their scores.</summary>
public sealed record TrainingResult(ContentQualityModel Model, IReadOnlyList<LabeledPost> TestExamples, float[] TestScores);

/// <summary>
/// Trains the content-quality model: gradient-boosted regression trees (ML.NET FastTree) from <see cref="ContentFeatures"/>
/// to the label, fitted on the training pages and evaluated on held-out pages. One thread and a fixed seed make a training
/// reproducible, so that the shipped model can be rebuilt bit for bit.
/// </summary>
public static class ContentQualityTrainer
{
    /// <summary>Features listed in the manifest and <c>GET /api/model</c>.</summary>
    public const int TopFeatureCount = 15;

    /// <summary>The ML.NET version this build trains with.</summary>
    public static string MlNetVersion { get; } =
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Splits by page, fits on the training pages, evaluates on the held-out ones and describes the result in a manifest.</summary>
    public static TrainingResult Train(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var train = new List<LabeledPost>();
        var test = new List<LabeledPost>();
        foreach (var example in request.Examples)
        {
            (PageSplit.IsTest(example.PageKey, request.TestShare, request.SplitSeed) ? test : train).Add(example);
        }

        if (train.Count == 0 || test.Count < 2)
        {
            throw new InvalidDataException(
                $"{request.Examples.Count} labelled posts on {request.Examples.Select(e => e.PageKey).Distinct().Count()} pages are too few to train and hold pages out: " +
                $"{train.Count} fell in training and {test.Count} in the test split.");
        }

        var ml = new MLContext(request.Settings.Seed);
        var rows = Featurise(train, progress, cancellationToken);
        var data = ml.Data.LoadFromEnumerable(rows);
        progress?.Report(new TrainingProgress("fit", 0, request.Settings.Trees));
        var transformer = Fit(ml, data, request.Settings, progress);
        progress?.Report(new TrainingProgress("fit", request.Settings.Trees, request.Settings.Trees));

        var unevaluated = ContentQualityModel.FromTraining(ml, transformer, data.Schema, Describe(request, train, test));
        progress?.Report(new TrainingProgress("evaluate", 0, test.Count));
        var testScores = unevaluated.Score(test.Select(e => e.Content).ToList());
        var evaluation = ModelEvaluation.Of(testScores, [.. test.Select(e => e.Label)]);
        progress?.Report(new TrainingProgress("evaluate", test.Count, test.Count));

        progress?.Report(new TrainingProgress("explain", 0, 1));
        var importances = TopFeatures(transformer, train);
        progress?.Report(new TrainingProgress("explain", 1, 1));

        var model = unevaluated.WithManifest(unevaluated.Manifest with { Metrics = evaluation, TopFeatures = importances });
        return new TrainingResult(model, test, testScores);
    }

    /// <summary>Featurises examples into ML.NET rows, once: FastTree reads its data several times.</summary>
    public static List<FeatureRow> Featurise(IReadOnlyList<LabeledPost> examples, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rows = new List<FeatureRow>(examples.Count);
        var step = Math.Max(1, examples.Count / 100);
        for (var i = 0; i < examples.Count; i++)
        {
            if (i % step == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new TrainingProgress("featurise", i, examples.Count));
            }

            rows.Add(new FeatureRow { Features = ContentFeatures.Featurize(examples[i].Content), Label = examples[i].Label });
        }

        progress?.Report(new TrainingProgress("featurise", examples.Count, examples.Count));
        return rows;
    }

    /// <summary>SHA-256 of the examples in order: page, post, label bits and every content field.</summary>
    public static string DataHash(IEnumerable<LabeledPost> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        foreach (var e in examples)
        {
            var c = e.Content;
            sha.AppendData(Encoding.UTF8.GetBytes(string.Join('\u001f',
                e.PageKey, e.PostId, c.Text, c.Photos, c.Videos, c.Links, c.Documents, c.Polls, c.OtherAttachments,
                c.IsRepost, c.IsBroadcast, c.PublishedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), "\u001e")));
            BinaryPrimitives.WriteInt32LittleEndian(number, BitConverter.SingleToInt32Bits(e.Label));
            sha.AppendData(number[..4]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static ITransformer Fit(MLContext ml, IDataView data, TrainerSettings settings, IProgress<TrainingProgress>? progress)
    {
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            NumberOfThreads = 1,
        });

        // FastTree logs "numTotalTrees left: N" once per tree (ML.NET 5.0.1); that is the only progress signal it gives.
        var trees = 0;
        void OnLog(object? sender, LoggingEventArgs e)
        {
            if (e.Source.Contains("FastTree", StringComparison.Ordinal) && e.RawMessage.StartsWith("numTotalTrees left", StringComparison.Ordinal))
            {
                progress?.Report(new TrainingProgress("fit", Interlocked.Increment(ref trees), settings.Trees));
            }
        }

        if (progress is not null)
        {
            ml.Log += OnLog;
        }

        try
        {
            return trainer.Fit(data);
        }
        finally
        {
            ml.Log -= OnLog;
        }
    }

    private static List<FeatureImportance> TopFeatures(ITransformer transformer, IReadOnlyList<LabeledPost> train)
    {
        var parameters = ((RegressionPredictionTransformer<FastTreeRegressionModelParameters>)transformer).Model;
        var weights = default(VBuffer<float>);
        parameters.GetFeatureWeights(ref weights);
        var dense = weights.DenseValues().ToArray();
        var total = dense.Sum(w => (double)w);
        var top = Enumerable.Range(0, dense.Length)
            .Where(slot => dense[slot] > 0)
            .OrderByDescending(slot => dense[slot]).ThenBy(slot => slot)
            .Take(TopFeatureCount)
            .ToList();
        var names = ContentFeatures.DescribeSlots(train.Select(e => e.Content), top);
        return [.. top.Select(slot => new FeatureImportance(slot, names[slot], total > 0 ? Math.Round(dense[slot] / total, 4) : 0))];
    }

    /// <summary>The manifest before evaluation: metrics and top features are filled in once known.</summary>
    private static ModelManifest Describe(TrainingRequest request, List<LabeledPost> train, List<LabeledPost> test)
    {
        var dataHash = DataHash(request.Examples);
        var identity = string.Join('|', dataHash, request.LabelKind, request.Settings, request.TestShare.ToString("R", CultureInfo.InvariantCulture), request.SplitSeed, ContentFeatures.SchemaFingerprint, MlNetVersion);
        return new ModelManifest
        {
            Version = "cq-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12],
            TrainedAt = request.TrainedAt.ToUniversalTime(),
            LabelKind = request.LabelKind,
            FeatureSchema = ContentFeatures.SchemaFingerprint,
            FeatureCount = ContentFeatures.Length,
            MlNetVersion = MlNetVersion,
            DataHash = dataHash,
            Data = new TrainingData(request.Source, request.Examples.Count, request.Examples.Select(e => e.PageKey).Distinct(StringComparer.Ordinal).Count(), train.Count, test.Count, request.TestShare, request.SplitSeed),
            Trainer = request.Settings,
            Metrics = new ModelEvaluation(0, 0, 0, 0, 0),
            TopFeatures = [],
        };
    }
}
