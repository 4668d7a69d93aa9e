using GosAnalytics.ContentQuality.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace GosAnalytics.ContentQuality.Models;

/// <summary>
/// A trained content-quality model ready to score: the ML.NET transformer and its manifest. Scoring is a batch transform
/// (no <c>PredictionEngine</c>, which is not thread-safe): every call builds its own data view, so one instance serves any
/// number of threads.
/// </summary>
public sealed class ContentQualityModel
{
    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly DataViewSchema inputSchema;

    private ContentQualityModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.inputSchema = inputSchema;
        Manifest = manifest;
    }

    /// <summary>What the model is and how well it did.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The model's version, stamped on every score it gives.</summary>
    public string Version => Manifest.Version;

    /// <summary>A model just trained on rows of <see cref="FeatureRow"/>.</summary>
    internal static ContentQualityModel FromTraining(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest) =>
        new(ml, transformer, inputSchema, manifest);

    /// <summary>The same model described by another manifest (the trainer's, once evaluation has filled it in).</summary>
    internal ContentQualityModel WithManifest(ModelManifest manifest) => new(ml, transformer, inputSchema, manifest);

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
        return ScoreRows(posts.Select(post => new FeatureRow { Features = ContentFeatures.Featurize(post) }), posts.Count);
    }

    /// <summary>Scores rows already featurised: the model alone, for benchmarks and evaluation.</summary>
    public float[] Score(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return ScoreRows(rows, rows.Count);
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
}
