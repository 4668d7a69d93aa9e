using System.Text.Json;
using System.Text.Json.Serialization;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Models;

/// <summary>Where a model's examples came from and how they were split.</summary>
/// <param name="Source">What was read, e.g. <c>demo region 28, metric days 2026-09-29…2026-11-28</c> or a CSV file name.</param>
/// <param name="Posts">Labelled posts.</param>
/// <param name="Pages">Pages the posts belong to.</param>
/// <param name="TrainPosts">Posts the model was fitted on.</param>
/// <param name="TestPosts">Posts of held-out pages, never seen in training.</param>
/// <param name="TestShare">Share of pages held out.</param>
/// <param name="SplitSeed">Seed of <see cref="PageSplit"/>.</param>
public sealed record TrainingData(string Source, int Posts, int Pages, int TrainPosts, int TestPosts, double TestShare, int SplitSeed);

/// <summary>A feature and its share of the model's total split gain.</summary>
/// <param name="Slot">Index in the <see cref="ContentFeatures"/> vector.</param>
/// <param name="Feature">A post feature's name, or what a hashed n-gram slot stands for (<c>word «приходите»</c>).</param>
/// <param name="Importance">Share of the total gain, 0–1.</param>
public sealed record FeatureImportance(int Slot, string Feature, double Importance);

/// <summary>
/// Everything known about a trained content-quality model, stored beside its <c>model.zip</c>: what it was trained on, how
/// well it did on held-out pages, and the featurisation it expects. Serving refuses a model whose
/// <see cref="FeatureSchema"/> differs from <see cref="ContentFeatures.SchemaFingerprint"/>.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Labels learnt from counters: <see cref="EngagementLabel"/>.</summary>
    public const string EngagementLabelKind = "engagement";

    /// <summary>Labels given by experts in a CSV.</summary>
    public const string ExpertLabelKind = "expert";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Content-addressed: the same data, settings and featurisation give the same version.</summary>
    public required string Version { get; init; }

    /// <summary>When the training ran (UTC).</summary>
    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary><see cref="EngagementLabelKind"/> or <see cref="ExpertLabelKind"/>.</summary>
    public required string LabelKind { get; init; }

    /// <summary>The <see cref="ContentFeatures.SchemaFingerprint"/> of the featurisation the model was trained on.</summary>
    public required string FeatureSchema { get; init; }

    /// <summary>Length of the feature vector the model reads.</summary>
    public required int FeatureCount { get; init; }

    /// <summary>The ML.NET version that trained the model.</summary>
    public required string MlNetVersion { get; init; }

    /// <summary>SHA-256 of the labelled examples in training order (page, post, label and content).</summary>
    public required string DataHash { get; init; }

    /// <summary>The examples and their split.</summary>
    public required TrainingData Data { get; init; }

    /// <summary>The trainer's settings.</summary>
    public required TrainerSettings Trainer { get; init; }

    /// <summary>Scores against labels on the held-out pages, beside the baseline that predicts every post at its page's usual.</summary>
    public required ModelEvaluation Metrics { get; init; }

    /// <summary>On demo data only: Spearman of the held-out scores with the generator's hidden content effect.</summary>
    public double? HiddenEffectSpearman { get; init; }

    /// <summary>The most important features, most important first.</summary>
    public required IReadOnlyList<FeatureImportance> TopFeatures { get; init; }

    /// <summary>The manifest as indented camelCase JSON (UTF-8).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a manifest; a missing required field or malformed JSON throws <see cref="InvalidDataException"/>.</summary>
    public static ModelManifest FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(json, Json) ?? throw new InvalidDataException("The model manifest is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The model manifest is not valid: {e.Message}", e);
        }
    }
}
