using System.CommandLine;
using System.Globalization;
using GosAnalytics.Storage;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary><c>list</c>: the registry's versions, oldest training first, with their held-out metrics; the current one is marked.</summary>
internal sealed class ListCommand
{
    public const string Name = "list";

    private readonly StorageOption registryStorage = ModelReference.RegistryStorage("the registry to list");

    public Command Create()
    {
        var command = new Command(Name, "Lists the registry's versions, oldest training first, with their held-out metrics; the current one is marked with *.")
        {
            registryStorage.Option,
        };
        command.SetAction(TrainerCli.Action((line, output, _, cancellationToken) => RunAsync(line, output, cancellationToken)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult line, TextWriter output, CancellationToken cancellationToken)
    {
        var storage = registryStorage.Open(line);
        if (!await storage.ProbeAsync(StorageNames.ModelsContainer, cancellationToken))
        {
            await output.WriteLineAsync("No models are registered yet (no container 'models').");
            return ExitCodes.Ok;
        }

        var registry = storage.Registry();
        var pointer = await storage.CallAsync(registry.GetCurrentAsync, cancellationToken);
        var manifests = await storage.CallAsync(registry.ListAsync, cancellationToken);
        if (manifests.Count == 0)
        {
            await output.WriteLineAsync("No models are registered yet.");
            return ExitCodes.Ok;
        }

        await output.WriteLineAsync($"  {"version",-17} {"trained at (UTC)",-17} {"labels",-10} {"posts",9} {"RMSE",7} {"baseline",8} {"R²",7} {"Spearman",8} {"hidden ρ",8}");
        foreach (var m in manifests)
        {
            var mark = m.Version == pointer?.Version ? "*" : " ";
            var hidden = m.HiddenEffectSpearman is { } h ? Report.Number(h) : "—";
            var trainedAt = m.TrainedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await output.WriteLineAsync(
                $"{mark} {m.Version,-17} {trainedAt,-17} {m.LabelKind,-10} {Report.Count(m.Data.Posts),9} {Report.Number(m.Metrics.Rmse),7} {Report.Number(m.Metrics.BaselineRmse),8} " +
                $"{Report.Number(m.Metrics.RSquared),7} {Report.Number(m.Metrics.Spearman),8} {hidden,8}");
        }

        await output.WriteLineAsync(pointer is null
            ? "No model is current: scoring uses the bundled default."
            : $"* current since {pointer.PromotedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC (previous: {pointer.Previous ?? "none"})");
        return ExitCodes.Ok;
    }
}
