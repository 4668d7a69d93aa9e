using System.CommandLine;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Trainer.Data;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary><c>evaluate</c>: scores the held-out pages of some data with a model from a directory or the registry.</summary>
internal sealed class EvaluateCommand
{
    public const string Name = "evaluate";

    private readonly DataSource data = new();
    private readonly SplitOptions split = new(modelDefault: true);
    private readonly Option<string?> model = CliOptions.Value(
        "--model", "DIR|registry:current|registry:VERSION", "the model: a directory written by train, or one of the registry's", required: true);
    private readonly StorageOption registryStorage = ModelReference.RegistryStorage("with --model registry:…: the registry's storage", required: false);

    public Command Create()
    {
        var command = new Command(Name, "Scores the held-out pages of some data with a model (a directory, or registry:current|registry:VERSION).");
        command.Add(model);
        command.Add(registryStorage.Option);
        data.AddTo(command);
        split.AddTo(command);
        command.SetAction(TrainerCli.Action(RunAsync));
        return command;
    }

    private async Task<int> RunAsync(ParseResult line, TextWriter output, ProgressBar progress, CancellationToken cancellationToken)
    {
        var loaded = await ModelReference.LoadAsync(line.GetValue(model)!, registryStorage, line, cancellationToken);
        var (testShare, splitSeed) = split.Read(line, loaded.Manifest.Data);
        var posts = await data.LoadAsync(line, progress, cancellationToken);
        var heldOut = HeldOutPosts.Of(posts, testShare, splitSeed, progress, cancellationToken);
        var result = heldOut.Evaluate(loaded);

        await output.WriteLineAsync($"Evaluated {loaded.Version} ({loaded.Manifest.LabelKind} labels) on {posts.Source}");
        await output.WriteLineAsync($"  held out        {Report.Count(heldOut.Count)} posts on {Report.Count(heldOut.Pages)} pages");
        await output.WriteLineAsync($"  metrics         {Report.Metrics(result.Metrics, result.HiddenEffectSpearman)}");
        if (loaded.Manifest.LabelKind != posts.LabelKind)
        {
            await output.WriteLineAsync($"  note            the model learnt {loaded.Manifest.LabelKind} labels and these are {posts.LabelKind} labels: RMSE and R² compare different scales; Spearman still compares rankings.");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>Where a model is read from: a directory written by train, or the registry (<c>registry:current</c>, <c>registry:VERSION</c>).</summary>
internal static class ModelReference
{
    private const string RegistryPrefix = "registry:";

    /// <summary><c>--registry-storage [CONNECTION]</c>, the storage of the model registry.</summary>
    public static StorageOption RegistryStorage(string description, bool required = true) =>
        new("--registry-storage", $"{description}; without a value AzureWebJobsStorage (environment, local.settings.json)", required);

    public static async Task<ContentQualityModel> LoadAsync(string reference, StorageOption registryStorage, ParseResult line, CancellationToken cancellationToken)
    {
        if (!reference.StartsWith(RegistryPrefix, StringComparison.Ordinal))
        {
            return ModelDirectory.Load(reference);
        }

        if (!registryStorage.IsGiven(line))
        {
            throw CliFailure.Usage($"--model {reference} reads the registry: add {registryStorage.Option.Name} CONNECTION.");
        }

        var storage = registryStorage.Open(line);
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
