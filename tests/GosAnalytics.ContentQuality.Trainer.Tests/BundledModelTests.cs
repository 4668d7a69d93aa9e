using GosAnalytics.ContentQuality.Models;

namespace GosAnalytics.ContentQuality.Trainer.Tests;

public sealed class BundledModelTests
{
    [Fact]
    public void The_shipped_default_model_is_embedded_and_loads_with_this_builds_featurisation()
    {
        // Fails after a featurisation change until the default model is rebuilt (docs/model-card.md gives the command).
        Assert.True(BundledModel.IsAvailable, "ml/models/default is not embedded in GosAnalytics.ContentQuality");

        var model = BundledModel.Load();

        Assert.Equal(ContentFeatures.SchemaFingerprint, model.Manifest.FeatureSchema);
        Assert.Equal(ModelManifest.EngagementLabelKind, model.Manifest.LabelKind);
        Assert.NotNull(model.Manifest.HiddenEffectSpearman);
        Assert.True(model.Manifest.Metrics.Rmse < model.Manifest.Metrics.BaselineRmse);
    }
}
