using System.CommandLine;
using GosAnalytics.Storage;

namespace GosAnalytics.LocalHost.Commands;

/// <summary>
/// The local host's commands, <c>registry-import</c> and <c>demo-truth</c>, on System.CommandLine with the conventions of
/// every command line of the repository (<see cref="CommandLineRunner"/>, <see cref="ExitCodes"/>). Only a line that starts
/// with a command name (or <c>--help</c>) comes here; any other line runs the host, whose arguments are configuration
/// (<c>--LocalHost:Port=7072</c>) and never pass through this parser.
/// </summary>
internal static class LocalHostCommands
{
    /// <summary>How the local host is started, as help and usage errors show it.</summary>
    public const string Invocation = "dotnet run --project functions/GosAnalytics.LocalHost --";

    /// <summary>What the commands' help says about settings, which are not options and so not listed with them.</summary>
    public const string SettingsHelp =
        "Settings as the local host takes them, over the environment and local.settings.json: --AzureWebJobsStorage=CONNECTION, " +
        "--Section:Key=value or --Section:Key value ('__' or ':' between sections).";

    private static readonly string[] HelpOptions = ["--help", "-h", "-?"];

    /// <summary>Whether a command line is for <see cref="RunAsync"/>: its first argument names a command or asks for help.</summary>
    public static bool Handles(IReadOnlyList<string> args) =>
        args is [var first, ..] && (first is RegistryImportCommand.Name or DemoTruthCommand.Name || HelpOptions.Contains(first));

    /// <summary>Runs one command line, the command's name first, and returns its exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (settings, rest, problem) = SplitSettings(args);
        var root = new RootCommand(
            "The local host. Without a command it runs the Functions app's functions on this machine against Azurite (README),\n" +
            "configured by --Section:Key=value arguments; with one, it runs that command.")
        {
            HelpName = Invocation,
        };
        root.Add(RegistryImportCommand.Create(settings));
        root.Add(DemoTruthCommand.Create(settings));
        if (problem is not null)
        {
            var command = root.Subcommands.FirstOrDefault(c => c.Name == args[0]) ?? root;
            await CommandLineRunner.WriteUsageErrorAsync(error, command, [problem]);
            return ExitCodes.BadInput;
        }

        return await CommandLineRunner.RunAsync(root, rest, output, error, cancellationToken);
    }

    /// <summary>
    /// Takes the settings out of a command line, as the local host reads them: <c>--Key=value</c> or <c>--Key value</c> where the
    /// key has a section (<c>:</c> or <c>__</c>) or is <c>AzureWebJobsStorage</c>. The rest is the command's own.
    /// </summary>
    private static (Dictionary<string, string?> Settings, List<string> Others, string? Problem) SplitSettings(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var parts = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2) : [];
            if (i == 0 || parts.Length == 0 || !IsSetting(parts[0]))
            {
                rest.Add(arg);
                continue;
            }

            var value = parts.Length == 2 ? parts[1] : i + 1 < args.Count ? args[++i] : null;
            if (value is null)
            {
                return (settings, rest, $"setting {arg} has no value.");
            }

            settings[parts[0].Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return (settings, rest, null);
    }

    private static bool IsSetting(string key) =>
        key.Contains(':', StringComparison.Ordinal) || key.Contains("__", StringComparison.Ordinal)
        || key.Equals(StorageClients.ConnectionName, StringComparison.OrdinalIgnoreCase);
}
