using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Trainer.Data;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary><c>evaluate</c>: scores the held-out pages of some data with a model from a directory or the registry.</summary>
internal static class EvaluateCommand
{
    public const string Name = "evaluate";

    public const string Usage =
        "Usage: evaluate --model DIR|registry:current|registry:VERSION [--registry-storage CONNECTION] <data> [split options]\n" +
        DataSource.Usage +
        SplitOptions.Usage;

    public static IReadOnlyList<OptionSpec> Options { get; } =
        [.. DataSource.Options, .. SplitOptions.Options, new("model", OptionKind.Value), new(ModelReference.StorageOption, OptionKind.OptionalValue)];

    public static async Task<int> RunAsync(CommandLine line, TextWriter output, ProgressBar progress, CancellationToken cancellationToken)
    {
        var model = await ModelReference.LoadAsync(line.Required("model"), line, cancellationToken);
        var (testShare, splitSeed) = SplitOptions.Read(line, model.Manifest.Data);
        var data = await DataSource.LoadAsync(line, progress, cancellationToken);
        var heldOut = HeldOutPosts.Of(data, testShare, splitSeed, progress, cancellationToken);
        var result = heldOut.Evaluate(model);

        await output.WriteLineAsync($"Evaluated {model.Version} ({model.Manifest.LabelKind} labels) on {data.Source}");
        await output.WriteLineAsync($"  held out        {Report.Count(heldOut.Count)} posts on {Report.Count(heldOut.Pages)} pages");
        await output.WriteLineAsync($"  metrics         {Report.Metrics(result.Metrics, result.HiddenEffectSpearman)}");
        if (model.Manifest.LabelKind != data.LabelKind)
        {
            await output.WriteLineAsync($"  note            the model learnt {model.Manifest.LabelKind} labels and these are {data.LabelKind} labels: RMSE and R² compare different scales; Spearman still compares rankings.");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>Where a model is read from: a directory written by train, or the registry (<c>registry:current</c>, <c>registry:VERSION</c>).</summary>
internal static class ModelReference
{
    public const string StorageOption = "registry-storage";

    private const string RegistryPrefix = "registry:";

    public static async Task<ContentQualityModel> LoadAsync(string reference, CommandLine line, CancellationToken cancellationToken)
    {
        if (!reference.StartsWith(RegistryPrefix, StringComparison.Ordinal))
        {
            return ModelDirectory.Load(reference);
        }

        if (!line.Has(StorageOption))
        {
            throw CliFailure.Usage($"--model {reference} reads the registry: add --{StorageOption} CONNECTION.");
        }

        var storage = StorageAccess.Open(line, StorageOption);
        var registry = storage.Registry();
        var version = reference[RegistryPrefix.Length..];
        if (version == "current")
        {
            var current = await storage.CallAsync(registry.GetCurrentAsync, cancellationToken)
                ?? throw CliFailure.BadInput("the registry has no current model: nothing was promoted yet.");
            version = current.Version;
        }

        try
        {
            return await storage.CallAsync(ct => registry.LoadAsync(version, ct), cancellationToken);
        }
        catch (Exception e) when (e is ModelSchemaMismatchException or InvalidDataException or ArgumentException)
        {
            throw CliFailure.BadInput($"registry model {version}: {e.Message}");
        }
    }
}
