namespace GosAnalytics.ContentQuality.Trainer.Tests;

public sealed class DemoTrainingTests
{
    [Fact]
    public async Task Training_on_a_small_demo_region_stores_the_hidden_effect_spearman_and_evaluate_repeats_the_held_out_metrics()
    {
        using var temp = new TempDirectory();
        string[] data = ["--demo", "--page-count", "120", "--to", "2026-11-28", "--windows", "1"];

        var trained = await Cli.SucceedAsync(["train", .. data, "--trees", "30", "--leaves", "8", "--out", temp.Path]);

        var manifest = CsvTrainingTests.ReadManifest(temp.Path);
        Assert.NotNull(manifest.HiddenEffectSpearman);
        Assert.True(manifest.HiddenEffectSpearman > 0.5, trained.ToString());
        Assert.Contains("hidden effect", trained.Output);
        Assert.Equal("demo region 28 (seed 20221201, 168 pages), metric days 2026-11-28", manifest.Data.Source); // 120 pages and 48 MAX channels, which teach nothing
        Assert.Contains("read: 100%", trained.Error);
        Assert.Contains("fit: 100%", trained.Error);

        var evaluated = await Cli.SucceedAsync(["evaluate", "--model", temp.Path, "--demo", "--page-count", "120", "--metric-days", "2026-11-28"]);

        Assert.Contains($"RMSE {Report.Number(manifest.Metrics.Rmse)} vs baseline {Report.Number(manifest.Metrics.BaselineRmse)}", evaluated.Output);
        Assert.Contains($"Spearman {Report.Number(manifest.HiddenEffectSpearman!.Value)} with the demo generator's true content effect", evaluated.Output);
    }
}
