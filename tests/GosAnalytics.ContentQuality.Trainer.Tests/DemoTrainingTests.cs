namespace GosAnalytics.ContentQuality.Trainer.Tests;

public sealed class DemoTrainingTests
{
    [Fact]
    public async Task Training_on_a_small_demo_region_reports_the_hidden_effect_spearman_and_stores_it_in_the_manifest()
    {
        using var temp = new TempDirectory();

        var result = await Cli.SucceedAsync(
            "train", "--demo", "--page-count", "120", "--metric-days", "2026-11-28", "--trees", "30", "--leaves", "8", "--out", temp.Path);

        var manifest = CsvTrainingTests.ReadManifest(temp.Path);
        Assert.NotNull(manifest.HiddenEffectSpearman);
        Assert.True(manifest.HiddenEffectSpearman > 0.5, result.ToString());
        Assert.Contains("hidden effect", result.Output);
        Assert.Contains("demo region 28", manifest.Data.Source);
        Assert.Contains("read: 100%", result.Error);
        Assert.Contains("fit: 100%", result.Error);
    }

    [Fact]
    public async Task Evaluating_a_model_on_the_demo_data_it_was_trained_on_repeats_its_held_out_metrics()
    {
        using var temp = new TempDirectory();
        string[] data = ["--demo", "--page-count", "120", "--to", "2026-11-28", "--windows", "1"];
        await Cli.SucceedAsync(["train", .. data, "--trees", "30", "--leaves", "8", "--out", temp.Path]);

        var result = await Cli.SucceedAsync(["evaluate", "--model", temp.Path, .. data]);

        var manifest = CsvTrainingTests.ReadManifest(temp.Path);
        Assert.Contains($"RMSE {Report.Number(manifest.Metrics.Rmse)} vs baseline {Report.Number(manifest.Metrics.BaselineRmse)}", result.Output);
        Assert.Contains($"Spearman {Report.Number(manifest.HiddenEffectSpearman!.Value)} with the demo generator's true content effect", result.Output);
    }
}
