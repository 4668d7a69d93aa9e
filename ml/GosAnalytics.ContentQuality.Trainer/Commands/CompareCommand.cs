using System.CommandLine;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Trainer.Data;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary>
/// <c>compare</c>: the registry's current model and a candidate on the same held-out posts, side by side, with a verdict: exit 0
/// when the candidate's RMSE is at most the current model's, 1 when it is worse.
/// </summary>
internal sealed class CompareCommand
{
    public const string Name = "compare";

    private readonly DataSource data = new();
    private readonly SplitOptions split = new(modelDefault: true);
    private readonly Option<string?> candidateDirectory = CliOptions.Value("--candidate", "DIR", "the candidate: a directory written by train", required: true);
    private readonly StorageOption registryStorage = ModelReference.RegistryStorage("the registry whose current model the candidate is compared with");

    public Command Create()
    {
        var command = new Command(
            Name,
            "Scores the registry's current model and a candidate on the same held-out posts, side by side, with a verdict.\n" +
            "Exit code 0: the candidate is at least as good (RMSE), or the registry has no usable current model; 1: the candidate is worse.");
        command.Add(candidateDirectory);
        command.Add(registryStorage.Option);
        data.AddTo(command);
        split.AddTo(command);
        command.SetAction(TrainerCli.Action(RunAsync));
        return command;
    }

    private async Task<int> RunAsync(ParseResult line, TextWriter output, ProgressBar progress, CancellationToken cancellationToken)
    {
        var candidate = ModelDirectory.Load(line.GetValue(candidateDirectory)!);
        var storage = registryStorage.Open(line);
        var pointer = await storage.CallAsync(storage.Registry().GetCurrentAsync, cancellationToken);
        if (pointer is null)
        {
            await output.WriteLineAsync($"The registry has no current model, so there is nothing to compare {candidate.Version} with; promote it to make it the first.");
            return ExitCodes.Ok;
        }

        ContentQualityModel current;
        try
        {
            current = await storage.CallAsync(ct => storage.Registry().LoadAsync(pointer.Version, ct), cancellationToken);
        }
        catch (Exception e) when (e is ModelSchemaMismatchException or InvalidDataException)
        {
            // Scoring cannot use such a model either (it falls back to the bundled default), so any loadable candidate is better.
            await output.WriteLineAsync($"The registry's current model {pointer.Version} cannot be used by this build: {e.Message}");
            await output.WriteLineAsync($"Verdict: {candidate.Version} is the better choice; promote it.");
            return ExitCodes.Ok;
        }

        var (testShare, splitSeed) = split.Read(line, candidate.Manifest.Data);
        var posts = await data.LoadAsync(line, progress, cancellationToken);
        var heldOut = HeldOutPosts.Of(posts, testShare, splitSeed, progress, cancellationToken);
        var before = heldOut.Evaluate(current);
        var after = heldOut.Evaluate(candidate);

        await output.WriteLineAsync($"Compared on {Report.Count(heldOut.Count)} held-out posts of {Report.Count(heldOut.Pages)} pages of {posts.Source}");
        Row("", "current", "candidate");
        Row("version", current.Version, candidate.Version);
        Row("label kind", current.Manifest.LabelKind, candidate.Manifest.LabelKind);
        Row("RMSE", Report.Number(before.Metrics.Rmse), Report.Number(after.Metrics.Rmse));
        Row("baseline RMSE", Report.Number(before.Metrics.BaselineRmse), Report.Number(after.Metrics.BaselineRmse));
        Row("R²", Report.Number(before.Metrics.RSquared), Report.Number(after.Metrics.RSquared));
        Row("Spearman", Report.Number(before.Metrics.Spearman), Report.Number(after.Metrics.Spearman));
        if (before.HiddenEffectSpearman is { } hiddenBefore && after.HiddenEffectSpearman is { } hiddenAfter)
        {
            Row("hidden effect ρ", Report.Number(hiddenBefore), Report.Number(hiddenAfter));
        }

        var better = after.Metrics.Rmse <= before.Metrics.Rmse;
        await output.WriteLineAsync(better
            ? $"Verdict: the candidate {candidate.Version} is at least as good as {current.Version} (RMSE {Report.Number(after.Metrics.Rmse)} ≤ {Report.Number(before.Metrics.Rmse)}); promote it."
            : $"Verdict: the candidate {candidate.Version} is worse than {current.Version} (RMSE {Report.Number(after.Metrics.Rmse)} > {Report.Number(before.Metrics.Rmse)}); keep the current model.");
        return better ? ExitCodes.Ok : ExitCodes.Rejected;

        void Row(string name, string currentValue, string candidateValue) =>
            output.WriteLine($"  {name,-16}{currentValue,-20}{candidateValue}");
    }
}
