using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GosAnalytics.Core.Scoring;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>serve</c>: the read API under load. Runs the synthetic country (or a share of it) through a local host on a fresh Azurite, then
/// drives each read route with <c>wrk</c> (an external tool: <c>apt-get install wrk</c>) beside the static documents the same host
/// serves, and reports requests per second and p99 latency as ratios to the static document. Then starts a second, fresh host on the
/// same storage and times its first national queries (cold: nothing loaded, nothing compiled).
/// </summary>
internal static partial class ServeBench
{
    public const string Name = "serve";

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- serve [--share 1] [--connections 100] [--threads 2] [--seconds 10]\n" +
        "  --share        share of the country's pages to run and serve (every region present)\n" +
        "  --connections  wrk connections (-c)\n" +
        "  --threads      wrk threads (-t)\n" +
        "  --seconds      wrk duration per route (-d)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        var share = double.Parse(settings["share"] ?? "1", CultureInfo.InvariantCulture);
        var connections = int.Parse(settings["connections"] ?? "100", CultureInfo.InvariantCulture);
        var threads = int.Parse(settings["threads"] ?? "2", CultureInfo.InvariantCulture);
        var seconds = int.Parse(settings["seconds"] ?? "8", CultureInfo.InvariantCulture);
        if (share is <= 0 or > 1 || !File.Exists("/usr/bin/wrk"))
        {
            await error.WriteLineAsync($"serve: needs a share in (0, 1] and wrk (/usr/bin/wrk).\n{Usage}");
            return 2;
        }

        await using var azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.OnFreePorts(), NullLogger.Instance, cancellationToken);
        var port = AzuriteEndpoints.OnFreePorts().BlobPort;
        var baseUrl = $"http://127.0.0.1:{port}/api/";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        string[] hostSettings =
        [
            $"--AzureWebJobsStorage={azurite.Endpoints.ConnectionString}",
            $"--LocalHost:Port={port}",
            "--LocalHost:StartAzurite=false",
            "--LocalHost:ServeBenchmarkDocuments=true",
            "--Demo:Regions=all",
            string.Create(CultureInfo.InvariantCulture, $"--Demo:PageShare={share}"),
            "--Logging:LogLevel:Default=Warning",
        ];

        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"serve: running {share:P0} of the country…"));
        var rows = new List<string>();
        using (var host = LocalHostProcess.Start(hostSettings))
        {
            var run = await WaitForRunAsync(http, TimeSpan.FromHours(1), cancellationToken);
            await error.WriteLineAsync($"serve: run {run.GetProperty("runId")} completed with {run.GetProperty("pagesCollected")} pages; measuring routes…");
            var top = await http.GetFromJsonAsync<JsonElement>("rankings?top=1", cancellationToken);
            var page = top.GetProperty("items")[0];
            var routes = new List<string>
            {
                "rankings?top=50",
                "rankings?top=50&region=77",
                "rankings?top=50&kind=education",
            };
            routes.AddRange(IndexComponents.All.Select(component => $"rankings?top=50&sort={component}"));
            routes.AddRange(
            [
                $"pages/{page.GetProperty("platform").GetString()}/{page.GetProperty("pageId").GetString()}",
                "regions",
                "regions/77",
                "posts/top",
                "runs/latest",
                "openapi.json",
            ]);

            // Each route between two runs of a static document of its own size (the mean of the two is its reference), so that the
            // machine's drift over the minutes of the bench cancels out.
            var staticBase = baseUrl.Replace("/api/", "/bench/static/", StringComparison.Ordinal);
            rows.Add("| Route | Body (bytes) | Requests/s | p99 (ms) | Static of that size: requests/s, p99 (ms) | Requests/s ÷ static | p99 ÷ static |");
            rows.Add("|---|---|---|---|---|---|---|");
            foreach (var route in routes)
            {
                var body = await http.GetByteArrayAsync(route, cancellationToken);
                var before = await WrkAsync(staticBase + body.Length.ToString(CultureInfo.InvariantCulture), connections, threads, seconds, cancellationToken);
                var (rps, p99) = await WrkAsync(baseUrl + route, connections, threads, seconds, cancellationToken);
                var after = await WrkAsync(staticBase + body.Length.ToString(CultureInfo.InvariantCulture), connections, threads, seconds, cancellationToken);
                var staticRps = (before.Rps + after.Rps) / 2;
                var staticP99 = (before.P99Ms + after.P99Ms) / 2;
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| `{route}` | {body.Length:N0} | {rps:N0} | {p99:F1} | {staticRps:N0}, {staticP99:F1} | {rps / staticRps:F2} | {p99 / staticP99:F2} |"));
                await error.WriteLineAsync($"serve: {rows[^1]}");
            }

            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(cancellationToken);
        }

        // A fresh process on the same storage: nothing loaded, nothing compiled. Serving only (no start-up run).
        using (LocalHostProcess.Start([.. hostSettings, "--LocalHost:RunTimersAtStartup=false", "--LocalHost:ReportFirstRun=false"]))
        {
            await WaitForHttpAsync(http, cancellationToken);
            rows.Add("");
            rows.Add("| Cold query (fresh process) | Time to the answer (ms) |");
            rows.Add("|---|---|");
            foreach (var route in new[] { "rankings?top=50", "rankings?top=50&sort=engagement", "rankings?top=50&region=77", "posts/top", "regions" })
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(route, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"| `{route}` ({(int)response.StatusCode}) | {watch.Elapsed.TotalMilliseconds:F0} |"));
            }
        }

        await output.WriteLineAsync(string.Join(Environment.NewLine, rows));
        return 0;
    }

    private static async Task<JsonElement> WaitForRunAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var run = await http.GetFromJsonAsync<JsonElement>("runs/latest", cancellationToken);
                if (run.GetProperty("status").GetString() == "completed")
                {
                    // The read side picks the new run up within its pointer cache time.
                    await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
                    return run;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or no run yet.
            }

            await Task.Delay(1000, cancellationToken);
        }

        throw new TimeoutException("The run did not complete in time.");
    }

    private static async Task WaitForHttpAsync(HttpClient http, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("openapi.json", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Runs wrk against one URL; returns requests per second and the 99th percentile latency in milliseconds.</summary>
    private static async Task<(double Rps, double P99Ms)> WrkAsync(string url, int connections, int threads, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t", $"{threads}", "-c", $"{connections}", "-d", $"{seconds}s", "--latency", url })
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var text = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        var rps = double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(text);
        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        var milliseconds = p99.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
        if (Non2xx().Match(text) is { Success: true } errors)
        {
            throw new InvalidOperationException($"wrk got {errors.Groups[1].Value} non-2xx answers from {url}:\n{text}");
        }

        return (rps, milliseconds);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"\s99%\s+([\d.]+)(us|ms|s|m)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
