using System.CommandLine;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary>
/// <c>promote</c>: makes a candidate directory the registry's current model. Without <c>--force</c> it refuses a candidate whose
/// manifest RMSE is worse than the current model's on the same data (same data hash); on other data the manifests do not
/// compare, and compare is the tool for that.
/// </summary>
internal sealed class PromoteCommand
{
    public const string Name = "promote";

    private readonly Option<string?> candidateDirectory = CliOptions.Value("--candidate", "DIR", "the candidate: a directory written by train", required: true);
    private readonly StorageOption registryStorage = ModelReference.RegistryStorage("the registry whose current model the candidate becomes");
    private readonly Option<bool> force = CliOptions.Flag("--force", "promote even when the current model has a lower RMSE on the same data");

    public Command Create()
    {
        var command = new Command(
            Name,
            "Makes a candidate the registry's current model; scoring picks it up within ContentQuality:ModelRefreshSeconds.\n" +
            "Exit code 0: promoted (or already current); 1: refused as worse; 2: the candidate cannot be loaded (e.g. another featurisation).")
        {
            candidateDirectory,
            registryStorage.Option,
            force,
        };
        command.SetAction(TrainerCli.Action((line, output, _, cancellationToken) => RunAsync(line, output, cancellationToken)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult line, TextWriter output, CancellationToken cancellationToken)
    {
        var candidate = ModelDirectory.Load(line.GetValue(candidateDirectory)!);
        var storage = registryStorage.Open(line);
        var registry = storage.Registry();
        if (!line.GetValue(force) && await storage.CallAsync(registry.GetCurrentAsync, cancellationToken) is { } pointer && pointer.Version != candidate.Version)
        {
            var current = await storage.CallAsync(ct => registry.GetManifestAsync(pointer.Version, ct), cancellationToken);
            if (current is not null && current.DataHash == candidate.Manifest.DataHash && candidate.Manifest.Metrics.Rmse > current.Metrics.Rmse)
            {
                await output.WriteLineAsync(
                    $"Not promoted: on the same data the current model {current.Version} has RMSE {Report.Number(current.Metrics.Rmse)} and " +
                    $"the candidate {candidate.Version} {Report.Number(candidate.Manifest.Metrics.Rmse)}. Add --force to promote it anyway.");
                return ExitCodes.Rejected;
            }
        }

        // ModelDirectory.Load has already refused a candidate of another featurisation (exit 2).
        var result = await storage.CallAsync(ct => registry.PromoteAsync(candidate, ct), cancellationToken);

        await output.WriteLineAsync(result.AlreadyCurrent
            ? $"{result.Version} is already the current model; nothing changed (previous: {result.Previous ?? "none"})."
            : $"Promoted {result.Version}; previous: {result.Previous ?? "none"}. Scoring picks it up within its refresh interval (ContentQuality:ModelRefreshSeconds).");
        return ExitCodes.Ok;
    }
}
