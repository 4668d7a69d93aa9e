using GosAnalytics.ContentQuality.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace GosAnalytics.ContentQuality.Models;

/// <summary>
/// A trained content-quality model ready to score: the ML.NET transformer and its manifest. One instance serves any number of
/// threads. A FastTree regression model (what <see cref="ContentQualityTrainer"/> trains) is scored by
/// <see cref="TreeEnsembleScorer"/>, which walks the same trees over each post's dense features and gives bit-identical scores
/// without ML.NET's per-call data view; any other model is scored as an ML.NET batch transform (no <c>PredictionEngine</c>,
/// which is not thread-safe): every call builds its own data view.
/// </summary>
public sealed class ContentQualityModel
{
    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly DataViewSchema inputSchema;

    // Null when the transformer is not a plain FastTree regression model: scoring then goes through ML.NET.
    private readonly TreeEnsembleScorer? trees;

    [ThreadStatic]
    private static float[]? denseScratch;

    private ContentQualityModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest, TreeEnsembleScorer? trees)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.inputSchema = inputSchema;
        this.trees = trees;
        Manifest = manifest;
    }

    private ContentQualityModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest)
        : this(ml, transformer, inputSchema, manifest, TreeEnsembleScorer.TryCreate(transformer))
    {
    }

    /// <summary>What the model is and how well it did.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The model's version, stamped on every score it gives.</summary>
    public string Version => Manifest.Version;

    /// <summary>A model just trained on rows of <see cref="FeatureRow"/>.</summary>
    internal static ContentQualityModel FromTraining(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest) =>
        new(ml, transformer, inputSchema, manifest);

    /// <summary>The same model described by another manifest (the trainer's, once evaluation has filled it in).</summary>
    internal ContentQualityModel WithManifest(ModelManifest manifest) => new(ml, transformer, inputSchema, manifest, trees);

    /// <summary>Whether scores come from <see cref="TreeEnsembleScorer"/> rather than an ML.NET transform (for tests and benchmarks).</summary>
    internal bool ScoresTreesDirectly => trees is not null;

    /// <summary>
    /// Loads a model saved by <see cref="Save"/>. Refuses, with <see cref="ModelSchemaMismatchException"/>, a model whose
    /// manifest names another featurisation or whose input is not this build's feature vector.
    /// </summary>
    public static ContentQualityModel Load(Stream modelZip, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ArgumentNullException.ThrowIfNull(manifest);
        if (!string.Equals(manifest.FeatureSchema, ContentFeatures.SchemaFingerprint, StringComparison.Ordinal))
        {
            throw new ModelSchemaMismatchException(
                $"Model {manifest.Version} was trained on features '{manifest.FeatureSchema}', but this build computes '{ContentFeatures.SchemaFingerprint}'. " +
                "Retrain it with this build's trainer (dotnet run --project ml/GosAnalytics.ContentQuality.Trainer -- train …).");
        }

        var ml = new MLContext(manifest.Trainer.Seed);
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = ml.Model.Load(modelZip, out schema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"Model {manifest.Version}: model.zip cannot be read as an ML.NET model: {e.Message}", e);
        }

        var features = schema.GetColumnOrNull(nameof(FeatureRow.Features));
        if (features?.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: ContentFeatures.Length })
        {
            throw new ModelSchemaMismatchException(
                $"Model {manifest.Version} reads '{features?.Type.ToString() ?? "no Features column"}', but this build's feature vector is {ContentFeatures.Length} floats.");
        }

        if (transformer.GetOutputSchema(schema).GetColumnOrNull(nameof(FeaturePrediction.Score)) is null)
        {
            throw new ModelSchemaMismatchException($"Model {manifest.Version} has no Score output; it is not a content-quality regression model.");
        }

        return new ContentQualityModel(ml, transformer, schema, manifest);
    }

    /// <summary>Writes the model as an ML.NET model.zip (the manifest is stored beside it, not inside).</summary>
    public void Save(Stream modelZip)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ml.Model.Save(transformer, inputSchema, modelZip);
    }

    /// <summary>Scores posts: featurises each (<see cref="ContentFeatures"/>) and runs the model over the batch. Scores are in input order.</summary>
    public float[] Score(IReadOnlyList<PostContent> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (trees is null)
        {
            return ScoreRows(posts.Select(post => new FeatureRow { Features = ContentFeatures.Featurize(post) }), posts.Count);
        }

        var scores = new float[posts.Count];
        var features = denseScratch ??= new float[ContentFeatures.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var post = posts[i];
            bool scored;
            try
            {
                ContentFeatures.FeaturizeDense(post, features);
                scored = trees.TryScore(features, out scores[i]);
            }
            finally
            {
                // The scratch is counted into, so it must be zero for the next post, even after a throw.
                features.AsSpan().Clear();
            }

            if (!scored)
            {
                scores[i] = ScoreRows([new FeatureRow { Features = ContentFeatures.Featurize(post) }], 1)[0];
            }
        }

        return scores;
    }

    /// <summary>Scores rows already featurised: the model alone, for benchmarks and evaluation.</summary>
    public float[] Score(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);

        // A vector of another length is ML.NET's to refuse, as it always was.
        if (trees is null || rows.Any(row => row.Features.Length != ContentFeatures.Length))
        {
            return ScoreRows(rows, rows.Count);
        }

        var scores = new float[rows.Count];
        var features = denseScratch ??= new float[ContentFeatures.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var vector = rows[i].Features;
            bool scored;
            if (vector.IsDense)
            {
                scored = trees.TryScore(vector.GetValues(), out scores[i]);
            }
            else
            {
                var indices = vector.GetIndices();
                var values = vector.GetValues();
                try
                {
                    for (var k = 0; k < indices.Length; k++)
                    {
                        features[indices[k]] = values[k];
                    }

                    scored = trees.TryScore(features, out scores[i]);
                }
                finally
                {
                    // Zeroing only the slots set is cheaper than clearing all of them.
                    foreach (var slot in indices)
                    {
                        features[slot] = 0;
                    }
                }
            }

            if (!scored)
            {
                scores[i] = ScoreRows([rows[i]], 1)[0];
            }
        }

        return scores;
    }

    private float[] ScoreRows(IEnumerable<FeatureRow> rows, int count)
    {
        var scores = new float[count];
        if (count == 0)
        {
            return scores;
        }

        var scored = transformer.Transform(ml.Data.LoadFromEnumerable(rows, inputSchema));
        using var cursor = scored.GetRowCursor([scored.Schema[nameof(FeaturePrediction.Score)]]);
        var getScore = cursor.GetGetter<float>(scored.Schema[nameof(FeaturePrediction.Score)]);
        var i = 0;
        while (cursor.MoveNext())
        {
            getScore(ref scores[i++]);
        }

        return scores;
    }

    /// <summary>
    /// A FastTree regression model's trees, flattened for scoring dense feature vectors. It computes exactly what ML.NET's
    /// <c>TreeEnsembleModelParameters</c> maps a vector to: every tree walked from its root (go left when the feature's value is
    /// ≤ the split's threshold, as floats; a slot absent from a sparse vector reads 0), the trees' leaf values summed as doubles in
    /// tree order from 0, and the sum cast to float (the ensemble's bias is not added, as ML.NET does not add it either). The
    /// difference is the lookup: a dense array, where ML.NET binary-searches the indices of a sparse vector at every node and
    /// builds a data view and cursor per call. Immutable, so thread-safe.
    /// </summary>
    private sealed class TreeEnsembleScorer
    {
        private readonly Split[] splits;
        private readonly double[] leafValues;
        private readonly TreeStart[] treeStarts;

        private TreeEnsembleScorer(Split[] splits, double[] leafValues, TreeStart[] treeStarts)
        {
            this.splits = splits;
            this.leafValues = leafValues;
            this.treeStarts = treeStarts;
        }

        /// <summary>
        /// The scorer of a FastTree regression transformer reading <see cref="FeatureRow.Features"/>, or null for anything else
        /// (another trainer, a pipeline of several transforms, categorical splits), which then goes through ML.NET.
        /// </summary>
        public static TreeEnsembleScorer? TryCreate(ITransformer transformer)
        {
            // A model loaded from a zip comes back as a chain; one trained in this process is the transformer itself.
            if (transformer is TransformerChain<ITransformer> chain)
            {
                var links = chain.ToList();
                if (links.Count != 1)
                {
                    return null;
                }

                transformer = links[0];
            }

            if (transformer is not ISingleFeaturePredictionTransformer<object> { Model: FastTreeRegressionModelParameters parameters } prediction
                || !transformer.GetType().IsGenericType
                || transformer.GetType().GetGenericTypeDefinition() != typeof(RegressionPredictionTransformer<>)
                || prediction.FeatureColumnName != nameof(FeatureRow.Features))
            {
                return null;
            }

            var splits = new List<Split>();
            var leafValues = new List<double>();
            var treeStarts = new List<TreeStart>();
            foreach (var tree in parameters.TrainedTreeEnsemble.Trees)
            {
                var nodes = tree.NumberOfNodes;
                if (tree.CategoricalSplitFlags.Any(flag => flag) || tree.NumberOfLeaves != nodes + 1 || tree.LeafValues.Count < tree.NumberOfLeaves)
                {
                    return null;
                }

                treeStarts.Add(new TreeStart(nodes == 0 ? -1 : splits.Count, leafValues.Count));
                for (var node = 0; node < nodes; node++)
                {
                    var feature = tree.NumericalSplitFeatureIndexes[node];
                    var left = tree.LeftChild[node];
                    var right = tree.RightChild[node];
                    if (feature < 0 || feature >= ContentFeatures.Length || !IsChild(left, nodes) || !IsChild(right, nodes))
                    {
                        return null;
                    }

                    splits.Add(new Split(feature, tree.NumericalSplitThresholds[node], left, right));
                }

                for (var leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
                {
                    leafValues.Add(tree.LeafValues[leaf]);
                }
            }

            return new TreeEnsembleScorer([.. splits], [.. leafValues], [.. treeStarts]);

            // A child is another split of the same tree (≥ 0) or a leaf (~leaf < 0).
            static bool IsChild(int child, int nodes) => child >= 0 ? child < nodes : ~child <= nodes;
        }

        /// <summary>
        /// The model's score of a dense feature vector of <see cref="ContentFeatures.Length"/> slots. False when a split meets a
        /// NaN: a tree may carry a default for missing values that ML.NET does not expose, so such a vector is left to ML.NET.
        /// </summary>
        public bool TryScore(ReadOnlySpan<float> features, out float score)
        {
            if (features.Length != ContentFeatures.Length)
            {
                throw new ArgumentException($"A feature vector has {ContentFeatures.Length} slots, not {features.Length}.", nameof(features));
            }

            var output = 0.0;
            foreach (var start in treeStarts)
            {
                if (start.FirstSplit < 0)
                {
                    // A tree without a split scores 0 in ML.NET, whatever its one leaf holds.
                    output += 0.0;
                    continue;
                }

                var node = 0;
                while (node >= 0)
                {
                    var split = splits[start.FirstSplit + node];
                    var value = features[split.Feature];
                    if (float.IsNaN(value))
                    {
                        score = 0;
                        return false;
                    }

                    node = value <= split.Threshold ? split.Left : split.Right;
                }

                output += leafValues[start.FirstLeaf + ~node];
            }

            score = (float)output;
            return true;
        }

        /// <param name="Feature">The slot read.</param>
        /// <param name="Threshold">Values ≤ it go left.</param>
        /// <param name="Left">The next split in the tree, or ~leaf.</param>
        /// <param name="Right">The same for values above the threshold.</param>
        private readonly record struct Split(int Feature, float Threshold, int Left, int Right);

        /// <param name="FirstSplit">The tree's root in the split array, or −1 for a tree that has no split.</param>
        /// <param name="FirstLeaf">The tree's first leaf in the leaf-value array.</param>
        private readonly record struct TreeStart(int FirstSplit, int FirstLeaf);
    }
}
