using System.Globalization;
using GosAnalytics.TestSupport.FaultDrills;
using Microsoft.Extensions.Configuration;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>drills</c>: the fault drills at full size (<see cref="FaultDrills"/>) — the host killed at random moments, storage paused, storage
/// lost, every message delivered twice, a poisoned batch — each compared with a clean run of the same day. Prints each try as it ends,
/// then the Markdown of docs/operations.md, "Fault drills"; exits 1 when any try failed (its host log goes to stderr).
/// </summary>
internal static class DrillBench
{
    public const string Name = "drills";

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- drills [--drills kill,pause,storage-lost,duplicates,poison] [--pages 300] [--tries 10] [--seed 1] [--pause-seconds 30] [--lease-seconds 30] [--log-dir DIR]\n" +
        "  --drills         which drills, comma-separated (default: all)\n" +
        "  --pages          pages of the demo region each run collects\n" +
        "  --tries          tries of the kill and storage-lost drills, each at another random moment of the run\n" +
        "  --seed           the seed of those moments\n" +
        "  --pause-seconds  how long storage hangs in the pause drill\n" +
        "  --lease-seconds  the local host's message lease: a killed host's messages come back after it\n" +
        "  --log-dir        also write each try's host log to <drill>-<try>.log in this folder (a failed try's log goes to stderr anyway)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        var drills = (settings["drills"] ?? string.Join(',', DrillOptions.All)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!Positive(settings["pages"] ?? "300", out var pages) || !Positive(settings["tries"] ?? "10", out var tries)
            || !int.TryParse(settings["seed"] ?? "1", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            || !Positive(settings["pause-seconds"] ?? "30", out var pause) || !Positive(settings["lease-seconds"] ?? "30", out var lease))
        {
            await error.WriteLineAsync($"drills: --pages, --tries, --pause-seconds and --lease-seconds must be positive whole numbers, --seed a whole number.\n{Usage}");
            return 2;
        }

        if (drills.FirstOrDefault(d => !DrillOptions.All.Contains(d)) is { } unknown)
        {
            await error.WriteLineAsync($"drills: unknown drill '{unknown}'; the drills are {string.Join(", ", DrillOptions.All)}.\n{Usage}");
            return 2;
        }

        var options = new DrillOptions
        {
            Drills = drills,
            Pages = pages,
            Tries = tries,
            Seed = seed,
            Pause = TimeSpan.FromSeconds(pause),
            MessageLease = TimeSpan.FromSeconds(lease),
        };
        var report = await FaultDrills.RunAsync(options, error, cancellationToken);
        if (settings["log-dir"] is { } folder)
        {
            Directory.CreateDirectory(folder);
            foreach (var result in report.Results)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"{result.Drill}-{result.Try}.log"), result.Log, cancellationToken);
            }
        }

        foreach (var failed in report.Results.Where(r => !r.Passed))
        {
            await error.WriteLineAsync($"--- host log of {failed.Drill} #{failed.Try}:\n{failed.Log}");
        }

        await output.WriteAsync(report.ToMarkdown());
        return report.Passed ? 0 : 1;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
