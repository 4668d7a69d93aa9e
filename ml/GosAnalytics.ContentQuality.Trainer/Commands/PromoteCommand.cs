
namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary>
/// <c>promote</c>: makes a candidate directory the registry's current model. Without <c>--force</c> it refuses a candidate whose
/// manifest RMSE is worse than the current model's on the same data (same data hash); on other data the manifests do not
/// compare, and compare is the tool for that.
/// </summary>
internal static class PromoteCommand
{
    public const string Name = "promote";

    public const string Usage =
        "Usage: promote --candidate DIR --registry-storage [CONNECTION] [--force]\n" +
        "  --force   promote even when the current model has a lower RMSE on the same data\n" +
        "  Exit codes: 0 promoted (or already current), 1 refused as worse, 2 the candidate cannot be loaded (e.g. another featurisation), 3 storage unreachable.";

    public static IReadOnlyList<OptionSpec> Options { get; } =
        [new("candidate", OptionKind.Value), new(ModelReference.StorageOption, OptionKind.OptionalValue), new("force", OptionKind.Flag)];

    public static async Task<int> RunAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        var candidate = ModelDirectory.Load(line.Required("candidate"));
        if (!line.Has(ModelReference.StorageOption))
        {
            throw CliFailure.Usage($"--{ModelReference.StorageOption} is required: promote moves the registry's current pointer.");
        }

        var storage = StorageAccess.Open(line, ModelReference.StorageOption);
        var registry = storage.Registry();
        if (!line.Has("force") && await storage.CallAsync(registry.GetCurrentAsync, cancellationToken) is { } pointer && pointer.Version != candidate.Version)
        {
            var current = await storage.CallAsync(ct => registry.GetManifestAsync(pointer.Version, ct), cancellationToken);
            if (current is not null && current.DataHash == candidate.Manifest.DataHash && candidate.Manifest.Metrics.Rmse > current.Metrics.Rmse)
            {
                await output.WriteLineAsync(
                    $"Not promoted: on the same data the current model {current.Version} has RMSE {Report.Number(current.Metrics.Rmse)} and " +
                    $"the candidate {candidate.Version} {Report.Number(candidate.Manifest.Metrics.Rmse)}. Add --force to promote it anyway.");
                return ExitCodes.Failure;
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
