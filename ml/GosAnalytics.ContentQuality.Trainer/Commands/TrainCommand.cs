using System.CommandLine;
using System.Diagnostics;
using GosAnalytics.ContentQuality.Trainer.Data;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary><c>train</c>: reads labelled posts, trains on some pages, evaluates on the others and writes DIR/model.zip and DIR/manifest.json.</summary>
internal sealed class TrainCommand
{
    public const string Name = "train";

    private static readonly TrainerSettings Defaults = new();

    private readonly DataSource data = new();
    private readonly SplitOptions split = new(modelDefault: false);
    private readonly Option<string?> outDirectory = CliOptions.Value("--out", "DIR", "where model.zip and manifest.json are written", required: true);
    private readonly Option<int> seed = CliOptions.Int("--seed", "the trainer's seed", Defaults.Seed, int.MinValue, int.MaxValue);
    private readonly Option<int> trees = CliOptions.Int("--trees", "boosted trees", Defaults.Trees, 1, 10_000);
    private readonly Option<int> leaves = CliOptions.Int("--leaves", "leaves per tree", Defaults.Leaves, 2, 1_000);
    private readonly Option<int> minLeaf = CliOptions.Int("--min-leaf", "fewest posts in a leaf", Defaults.MinExamplesPerLeaf, 1, 1_000_000);
    private readonly Option<double> learningRate = CliOptions.Double("--learning-rate", "the boosting learning rate", Defaults.LearningRate, 1e-6, 1);
    private readonly Option<DateTimeOffset?> trainedAt = CliOptions.Instant(
        "--trained-at", "the manifest's training time, with an offset [default: now, UTC]; fix it to rebuild a model byte for byte");

    public Command Create()
    {
        var command = new Command(Name, "Trains a model on labelled posts from exactly one data source, evaluates it on held-out pages and writes DIR/model.zip and DIR/manifest.json.");
        data.AddTo(command);
        command.Add(outDirectory);
        split.AddTo(command);
        foreach (var option in new Option[] { seed, trees, leaves, minLeaf, learningRate, trainedAt })
        {
            command.Add(option);
        }

        command.SetAction(TrainerCli.Action(RunAsync));
        return command;
    }

    private async Task<int> RunAsync(ParseResult line, TextWriter output, ProgressBar progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var directory = line.GetValue(outDirectory)!;
        var settings = new TrainerSettings(
            Seed: line.GetValue(seed),
            Trees: line.GetValue(trees),
            Leaves: line.GetValue(leaves),
            MinExamplesPerLeaf: line.GetValue(minLeaf),
            LearningRate: line.GetValue(learningRate));
        var (testShare, splitSeed) = split.Read(line, fallback: null);
        var at = line.GetValue(trainedAt) ?? DateTimeOffset.UtcNow;

        var posts = await data.LoadAsync(line, progress, cancellationToken);
        var request = new TrainingRequest(posts.Examples, posts.LabelKind, posts.Source, settings, at, testShare, splitSeed);
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

        var hidden = posts.HiddenEffectSpearman(result.TestExamples, result.TestScores);
        var manifest = result.Model.Manifest with { HiddenEffectSpearman = hidden };
        var (modelPath, manifestPath) = ModelDirectory.Save(result.Model, manifest, directory);

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
