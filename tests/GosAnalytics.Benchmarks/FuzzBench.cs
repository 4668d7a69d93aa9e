using System.Globalization;
using GosAnalytics.TestSupport.HttpFuzz;
using Microsoft.Extensions.Configuration;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>fuzz</c>: hostile HTTP requests over every route of the OpenAPI document against a local host on a fresh Azurite
/// (<see cref="FuzzSession"/>; the test suite runs the same with a few hundred). Deterministic per seed. Prints the answers by status
/// and by route as Markdown (docs/operations.md, "HTTP fuzz") and every broken rule; exits 1 when any rule was broken.
/// </summary>
internal static class FuzzBench
{
    public const string Name = "fuzz";

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- fuzz [--requests 10000] [--seed 1] [--parallel 8] [--key KEY] [--log FILE]\n" +
        "  --requests  how many requests (request i of a seed is always the same request)\n" +
        "  --seed      the seed of the requests\n" +
        "  --parallel  requests in flight at once\n" +
        "  --log       write the host's whole log to this file\n" +
        "  --key       a key the host it starts takes as its master key, sent as x-functions-key to routes that need one (without it, 401 counts as a right answer there)\n" +
        "  --setting   an extra local-host setting, Key=Value (repeatable through --setting:N=Key=Value)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        if (!int.TryParse(settings["requests"] ?? "10000", NumberStyles.None, CultureInfo.InvariantCulture, out var requests) || requests < 1
            || !int.TryParse(settings["seed"] ?? "1", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            || !int.TryParse(settings["parallel"] ?? "8", NumberStyles.None, CultureInfo.InvariantCulture, out var parallel) || parallel is < 1 or > 256)
        {
            await error.WriteLineAsync($"fuzz: --requests and --parallel must be positive whole numbers, --seed a whole number.\n{Usage}");
            return 2;
        }

        var options = new FuzzOptions(requests, seed, parallel, settings["key"])
        {
            // The host it starts takes the key as its master key, so that keyed routes are fuzzed past the 401.
            HostSettings = [.. settings.GetSection("setting").GetChildren().Select(c => "--" + c.Value), .. settings["key"] is { } key ? [$"--LocalHost:MasterKey={key}"] : Array.Empty<string>()],
            LogFile = settings["log"],
        };
        var report = await FuzzSession.RunAsync(options, error, cancellationToken);
        await output.WriteAsync(report.ToMarkdown());
        return report.Passed ? 0 : 1;
    }
}
