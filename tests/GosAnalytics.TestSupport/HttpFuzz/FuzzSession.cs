using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.LocalHost.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.TestSupport.HttpFuzz;

/// <summary>How a fuzz run goes: how many requests, the seed, how many at once, the function key, and settings for the host.</summary>
public sealed record FuzzOptions(int Requests = 10_000, int Seed = 1, int Parallelism = 8, string? FunctionKey = null)
{
    /// <summary>More settings for the local host (<c>--Section:Key=value</c>), e.g. the key it enforces.</summary>
    public IReadOnlyList<string> HostSettings { get; init; } = [];

    /// <summary>When set, the host's whole log is written to this file.</summary>
    public string? LogFile { get; init; }
}

/// <summary>
/// A whole fuzz run: a fresh Azurite and a local host process on free ports serving a small demo country (three regions), every
/// request of the seed sent and checked, then the host's log read for stack traces and errors. The bench's <c>fuzz</c> command and the
/// test suite both run this, with 10,000 and a few hundred requests.
/// </summary>
public static class FuzzSession
{
    public static async Task<FuzzReport> RunAsync(FuzzOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        await using var azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.OnFreePorts(), NullLogger.Instance, cancellationToken);
        var port = AzuriteEndpoints.OnFreePorts().BlobPort;
        var log = new StringBuilder();
        string[] settings =
        [
            $"--AzureWebJobsStorage={azurite.Endpoints.ConnectionString}",
            $"--LocalHost:Port={port.ToString(CultureInfo.InvariantCulture)}",
            "--LocalHost:StartAzurite=false",
            "--LocalHost:ReportFirstRun=false",
            "--Demo:Regions=28,77,50",
            "--Demo:PageShare=0.03",
            .. options.HostSettings,
        ];
        using var host = LocalHostProcess.Start(settings, log);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/api/"), Timeout = TimeSpan.FromMinutes(1) };
            var ranking = await WaitForRankingAsync(http, host, log, cancellationToken);
            var routes = FuzzRoutes.Read(JsonDocument.Parse(await http.GetStringAsync("openapi.json", cancellationToken)).RootElement);
            var pages = ranking.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("platform").GetString()!, i.GetProperty("pageId").GetString()!)).ToList();
            var regions = ranking.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("regionCode").GetInt32()).Distinct().Order().ToList();
            var samples = new FuzzSamples(pages, regions, MoscowTime.LastCompleteDay(DateTimeOffset.UtcNow));
            var generator = new FuzzGenerator(routes, samples, options.Seed, options.FunctionKey);

            await progress.WriteLineAsync($"fuzz: {routes.Count} routes, {pages.Count} pages in regions {string.Join(", ", regions)}; sending {options.Requests:N0} requests (seed {options.Seed})…");
            var report = new FuzzReport(options.Seed) { Routes = [.. routes.Select(r => r.Name)] };
            var watch = Stopwatch.StartNew();
            var done = 0;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, options.Requests),
                new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var request = generator.Create(index);
                    var response = await FuzzClient.SendAsync(port, request, token);
                    report.Add(request, response, Check(request, response, options.FunctionKey));
                    if (Interlocked.Increment(ref done) % 1000 == 0)
                    {
                        await progress.WriteLineAsync($"fuzz: {done:N0} requests, {report.ServerErrors} × 5xx, {report.ViolationCount} broken rules");
                    }
                });
            report.Elapsed = watch.Elapsed;

            // What the host logs about the last requests reaches its console within moments.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            string text;
            lock (log)
            {
                text = log.ToString();
            }

            report.ReadLog(text);
            if (options.LogFile is { } file)
            {
                await File.WriteAllTextAsync(file, text, cancellationToken);
            }

            return report;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static List<string> Check(FuzzRequest request, FuzzResponse response, string? functionKey)
    {
        try
        {
            return [.. FuzzChecks.Check(request, response, functionKey)];
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return [$"an answer {response.Status} that could not be read as its route's answer ({error.Message}): {FuzzRequest.Shorten(response.Text, 200)}"];
        }
    }

    /// <summary>Waits for the start-up run to be served and answers its first page of rankings (the fuzz's sample of pages and regions).</summary>
    private static async Task<JsonElement> WaitForRankingAsync(HttpClient http, Process host, StringBuilder log, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with code {host.ExitCode}:\n{Tail(log)}");
            }

            try
            {
                using var response = await http.GetAsync("rankings?top=200", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"The local host served no run within 5 minutes:\n{Tail(log)}");
    }

    private static string Tail(StringBuilder log)
    {
        lock (log)
        {
            var text = log.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }
}
