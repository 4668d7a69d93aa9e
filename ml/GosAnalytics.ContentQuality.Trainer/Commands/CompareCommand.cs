using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Trainer.Data;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary>
/// <c>compare</c>: the registry's current model and a candidate on the same held-out posts, side by side, with a verdict: exit 0
/// when the candidate's RMSE is at most the current model's, 1 when it is worse.
/// </summary>
internal static class CompareCommand
{
    public const string Name = "compare";

    public const string Usage =
        "Usage: compare --candidate DIR --registry-storage [CONNECTION] <data> [split options]\n" +
        DataSource.Usage +
        SplitOptions.Usage +
        "  Exit codes: 0 the candidate is at least as good (RMSE), or the registry has no current model; 1 the candidate is worse.";

    public static IReadOnlyList<OptionSpec> Options { get; } =
        [.. DataSource.Options, .. SplitOptions.Options, new("candidate", OptionKind.Value), new(ModelReference.StorageOption, OptionKind.OptionalValue)];

    public static async Task<int> RunAsync(CommandLine line, TextWriter output, ProgressBar progress, CancellationToken cancellationToken)
    {
        var candidate = ModelDirectory.Load(line.Required("candidate"));
        if (!line.Has(ModelReference.StorageOption))
        {
            throw CliFailure.Usage($"--{ModelReference.StorageOption} is required: compare reads the registry's current model.");
        }

        var storage = StorageAccess.Open(line, ModelReference.StorageOption);
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

        var (testShare, splitSeed) = SplitOptions.Read(line, candidate.Manifest.Data);
        var data = await DataSource.LoadAsync(line, progress, cancellationToken);
        var heldOut = HeldOutPosts.Of(data, testShare, splitSeed, progress, cancellationToken);
        var before = heldOut.Evaluate(current);
        var after = heldOut.Evaluate(candidate);

        await output.WriteLineAsync($"Compared on {Report.Count(heldOut.Count)} held-out posts of {Report.Count(heldOut.Pages)} pages of {data.Source}");
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
        return better ? ExitCodes.Ok : ExitCodes.Failure;

        void Row(string name, string currentValue, string candidateValue) =>
            output.WriteLine($"  {name,-16}{currentValue,-20}{candidateValue}");
    }
}
