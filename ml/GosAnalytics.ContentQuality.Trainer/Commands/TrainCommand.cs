using System.Diagnostics;
using GosAnalytics.ContentQuality.Trainer.Data;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary><c>train</c>: reads labelled posts, trains on some pages, evaluates on the others and writes DIR/model.zip and DIR/manifest.json.</summary>
internal static class TrainCommand
{
    public const string Name = "train";

    public const string Usage =
        "Usage: train <data> --out DIR [options]\n" +
        DataSource.Usage +
        "  --out DIR               where model.zip and manifest.json are written (required)\n" +
        SplitOptions.Usage +
        "  --seed 20221201         trainer seed\n" +
        "  --trees 200  --leaves 20  --min-leaf 20  --learning-rate 0.1\n" +
        "  --trained-at ISO        the manifest's training time (default now, UTC); fix it to rebuild a model byte for byte";

    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. DataSource.Options,
        .. SplitOptions.Options,
        new("out", OptionKind.Value),
        new("seed", OptionKind.Value),
        new("trees", OptionKind.Value),
        new("leaves", OptionKind.Value),
        new("min-leaf", OptionKind.Value),
        new("learning-rate", OptionKind.Value),
        new("trained-at", OptionKind.Value),
    ];

    public static async Task<int> RunAsync(CommandLine line, TextWriter output, ProgressBar progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outDirectory = line.Required("out");
        var defaults = new TrainerSettings();
        var settings = new TrainerSettings(
            Seed: line.Int("seed", defaults.Seed, int.MinValue, int.MaxValue),
            Trees: line.Int("trees", defaults.Trees, 1, 10_000),
            Leaves: line.Int("leaves", defaults.Leaves, 2, 1_000),
            MinExamplesPerLeaf: line.Int("min-leaf", defaults.MinExamplesPerLeaf, 1, 1_000_000),
            LearningRate: line.Double("learning-rate", defaults.LearningRate, 1e-6, 1));
        var (testShare, splitSeed) = SplitOptions.Read(line, fallback: null);
        var trainedAt = line.Instant("trained-at") ?? DateTimeOffset.UtcNow;

        var data = await DataSource.LoadAsync(line, progress, cancellationToken);
        var request = new TrainingRequest(data.Examples, data.LabelKind, data.Source, settings, trainedAt, testShare, splitSeed);
        TrainingResult result;
        try
        {
            result = await Task.Run(() => ContentQualityTrainer.Train(request, progress, cancellationToken), cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw CliFailure.BadInput(e.Message);
        }
        finally
        {
            progress.Finish();
        }

        var hidden = data.HiddenEffectSpearman(result.TestExamples, result.TestScores);
        var manifest = result.Model.Manifest with { HiddenEffectSpearman = hidden };
        var (modelPath, manifestPath) = ModelDirectory.Save(result.Model, manifest, outDirectory);

        var d = manifest.Data;
        await output.WriteLineAsync($"Trained {manifest.Version} ({manifest.LabelKind} labels) on {d.Source}");
        await output.WriteLineAsync($"  posts           {Report.Count(d.Posts)} on {Report.Count(d.Pages)} pages: {Report.Count(d.TrainPosts)} to train, {Report.Count(d.TestPosts)} held out on unseen pages");
        await output.WriteLineAsync($"  held out        {Report.Metrics(manifest.Metrics, hidden)}");
        await output.WriteLineAsync($"  top features    {string.Join(", ", manifest.TopFeatures.Take(8).Select(f => $"{f.Feature} {Report.Number(f.Importance)}"))}");
        await output.WriteLineAsync($"  wrote           {modelPath} ({Report.Count(new FileInfo(modelPath).Length / 1024)} KB)");
        await output.WriteLineAsync($"                  {manifestPath}");
        await output.WriteLineAsync($"  elapsed         {Report.Elapsed(clock.Elapsed)}");
        return ExitCodes.Ok;
    }
}
