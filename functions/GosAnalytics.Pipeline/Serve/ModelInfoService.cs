using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Registry;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>A promoted model scoring refused to use, and why.</summary>
public sealed record RefusedModel(string Version, string Reason);

/// <summary>The body of <c>GET /api/model</c>: the content-quality model scoring uses now.</summary>
/// <param name="Version">The model's version, stamped on every score.</param>
/// <param name="Source"><c>registry</c> (promoted) or <c>bundled</c> (the default shipped with the build).</param>
/// <param name="TrainedAt">When it was trained (UTC).</param>
/// <param name="LoadedAt">When this instance loaded it (UTC).</param>
/// <param name="LabelKind"><c>engagement</c> (learnt from counters) or <c>expert</c>.</param>
/// <param name="MlNetVersion">The ML.NET version that trained it.</param>
/// <param name="FeatureSchema">The featurisation it reads.</param>
/// <param name="DataHash">SHA-256 of its training examples.</param>
/// <param name="Data">Its training data and split.</param>
/// <param name="Metrics">Held-out RMSE, R², Spearman and the baseline's RMSE.</param>
/// <param name="HiddenEffectSpearman">On demo data: Spearman of held-out scores with the generator's hidden content effect.</param>
/// <param name="TopFeatures">The most important features, most important first.</param>
/// <param name="Refused">A promoted model that was refused (schema mismatch, unreadable), if any; scoring kept this one.</param>
public sealed record ModelInfo(
    string Version,
    string Source,
    DateTimeOffset TrainedAt,
    DateTimeOffset LoadedAt,
    string LabelKind,
    string MlNetVersion,
    string FeatureSchema,
    string DataHash,
    TrainingData Data,
    ModelEvaluation Metrics,
    double? HiddenEffectSpearman,
    IReadOnlyList<ModelFeature> TopFeatures,
    RefusedModel? Refused);

/// <summary>A feature and its share of the model's total split gain.</summary>
public sealed record ModelFeature(string Feature, double Importance);

/// <summary>Describes the content-quality model in use.</summary>
public sealed class ModelInfoService(ContentQualityModelProvider models)
{
    public async Task<ModelInfo> GetAsync(CancellationToken cancellationToken)
    {
        var active = await models.GetAsync(cancellationToken);
        var m = active.Model.Manifest;
        return new ModelInfo(
            m.Version,
            active.Source,
            m.TrainedAt,
            active.LoadedAt,
            m.LabelKind,
            m.MlNetVersion,
            m.FeatureSchema,
            m.DataHash,
            m.Data,
            m.Metrics,
            m.HiddenEffectSpearman,
            [.. m.TopFeatures.Select(f => new ModelFeature(f.Feature, f.Importance))],
            active.RefusedVersion is { } refused ? new RefusedModel(refused, active.RefusedReason ?? "") : null);
    }
}
