using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text;
using GosAnalytics.Functions;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>scale</c>: the whole daily run of the synthetic country on the local host and a fresh in-memory Azurite, for each share of the
/// country asked for (1 %, 10 %, 100 % by default; every region present, each with that share of its pages). Each run is a child
/// process of the local host (<c>LocalHost:ExitAfterRun</c>, <c>LocalHost:RunReportFile</c>); its report gives per stage the wall and
/// busy time, the storage operations by kind with their bytes and the peak working set, and the bench adds Azurite's CPU time and
/// peak memory from <c>/proc</c>. Prints Markdown tables (docs/benchmarks.md, "Scale") and, with <c>--json</c>, the raw figures.
/// </summary>
internal static class ScaleBench
{
    public const string Name = "scale";

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- scale [--shares 0.01,0.1,1] [--json results.json] [--timeout-minutes 60]\n" +
        "  --shares           shares of the country's pages to run, each on a fresh Azurite (every region, each with that share of its pages)\n" +
        "  --json             also write the raw reports (host and Azurite) to this file\n" +
        "  --timeout-minutes  give up on a run after this long\n" +
        "  --setting          an extra local-host setting, Key=Value (repeatable through --setting:N=Key=Value)";

    private static readonly (string Column, string[] Kinds)[] OperationColumns =
    [
        ("blob reads", ["BlobRead"]),
        ("blob writes", ["BlobWrite"]),
        ("blob other", ["BlobProperties", "BlobList", "BlobDelete"]),
        ("table point reads", ["TablePointRead"]),
        ("table queries", ["TableQuery"]),
        ("table writes", ["TableWrite"]),
        ("table transactions", ["TableTransaction"]),
        ("queue sends", ["QueueSend"]),
        ("queue receives/updates/deletes", ["QueueReceive", "QueueUpdate", "QueueDelete"]),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        var shares = (settings["shares"] ?? "0.01,0.1,1").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = new List<double>();
        foreach (var text in shares)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is <= 0 or > 1)
            {
                await error.WriteLineAsync($"scale: --shares: '{text}' is not a share in (0, 1].\n{Usage}");
                return 2;
            }

            parsed.Add(share);
        }

        var timeout = TimeSpan.FromMinutes(double.Parse(settings["timeout-minutes"] ?? "60", CultureInfo.InvariantCulture));
        var extra = settings.GetSection("setting").GetChildren().Select(c => c.Value!).ToList();
        var results = new List<ScaleResult>();
        foreach (var share in parsed)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"scale: running {share:P0} of the country…"));
            results.Add(await RunShareAsync(share, extra, timeout, error, cancellationToken));
        }

        await output.WriteAsync(Format(results));
        if (settings["json"] is { } file)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }

        return results.All(r => r.Completed) ? 0 : 1;
    }

    private static async Task<ScaleResult> RunShareAsync(double share, IReadOnlyList<string> extra, TimeSpan timeout, TextWriter error, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.OnFreePorts(), NullLogger.Instance, cancellationToken);
        var azuriteCpuBefore = ProcStats.CpuSeconds(azurite.ProcessId);
        var report = Path.Combine(Path.GetTempPath(), $"gosanalytics-scale-{Guid.NewGuid():N}.json");
        string[] settings =
        [
            $"--AzureWebJobsStorage={azurite.Endpoints.ConnectionString}",
            $"--LocalHost:Port={AzuriteEndpoints.OnFreePorts().BlobPort}",
            "--LocalHost:StartAzurite=false",
            "--LocalHost:ExitAfterRun=true",
            $"--LocalHost:RunReportFile={report}",
            "--Demo:Regions=all",
            string.Create(CultureInfo.InvariantCulture, $"--Demo:PageShare={share}"),
            "--Logging:LogLevel:Default=Warning",
            .. extra.Select(setting => "--" + setting),
        ];
        var watch = Stopwatch.StartNew();
        var log = new StringBuilder();
        using var host = LocalHostProcess.Start(settings, log);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await host.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            host.Kill(entireProcessTree: true);
        }

        var processSeconds = watch.Elapsed.TotalSeconds;
        var azuriteCpu = ProcStats.CpuSeconds(azurite.ProcessId) - azuriteCpuBefore;
        var azuritePeak = ProcStats.PeakResidentBytes(azurite.ProcessId);
        if (!File.Exists(report))
        {
            await error.WriteLineAsync($"scale: the local host ended without a report (exit code {(host.HasExited ? host.ExitCode : -1)}). Its output:\n{log}");
            return new ScaleResult(share, false, processSeconds, null, azuriteCpu, azuritePeak);
        }

        var hostReport = JsonDocument.Parse(await File.ReadAllTextAsync(report, cancellationToken)).RootElement.Clone();
        File.Delete(report);
        var aggregation = await AggregateAgainAsync(azurite.Endpoints.ConnectionString, cancellationToken);
        return new ScaleResult(share, true, processSeconds, hostReport, azuriteCpu, azuritePeak) { Aggregation = aggregation };
    }

    /// <summary>
    /// The run's aggregation once more, alone, in this process (which has held nothing of the run), as a Flex Consumption instance
    /// running only the aggregate function would: its time and the peak working set sampled while it runs.
    /// </summary>
    private static async Task<AggregationAlone> AggregateAgainAsync(string connectionString, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = connectionString,
            ["Demo:Regions"] = "all",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddGosAnalytics(configuration).BuildServiceProvider();
        var runs = services.GetRequiredService<RunStore>();
        var run = (await runs.GetLatestStartedAsync(cancellationToken))!;
        await runs.UpdateRunAsync(run.RowKey, r =>
        {
            r.Phase = RunPhase.Aggregating;
            return true;
        }, cancellationToken);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = Environment.WorkingSet;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        await services.GetRequiredService<RunAggregator>().AggregateAsync(new AggregateMessage(run.RowKey, run.Attempt), cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return new AggregationAlone(seconds, before, peak);
    }

    private static string Format(IReadOnlyList<ScaleResult> results)
    {
        var text = new StringBuilder();
        var baseline = results.FirstOrDefault(r => r.Completed);
        text.AppendLine("| Share | Pages | Batches | Posts | Run (s) | Per page (ms) | Per page vs first | Host peak WS (MB) | Host CPU (s) | Azurite CPU (s) | Azurite share of one core | Azurite peak RSS (MB) | Storage ops/s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results.Where(r => r.Completed))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Share:P0} | {r.Pages:N0} | {r.Batches:N0} | {r.Posts:N0} | {r.RunSeconds:F1} | {r.MillisecondsPerPage:F2} | {r.MillisecondsPerPage / baseline!.MillisecondsPerPage:F2}× | {r.HostPeakBytes / 1e6:F0} | {r.HostCpuSeconds:F0} | {r.AzuriteCpuSeconds:F0} | {r.AzuriteCpuSeconds / r.RunSeconds:P0} | {r.AzuritePeakBytes / 1e6:F0} | {r.Operations.Sum(o => o.Count) / r.RunSeconds:F0} |"));
        }

        text.AppendLine();
        text.AppendLine("| Share | Aggregation alone, fresh process (s) | Working set before (MB) | Peak working set (MB) |");
        text.AppendLine("|---|---|---|---|");
        foreach (var r in results.Where(r => r.Aggregation is not null))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Share:P0} | {r.Aggregation!.Seconds:F1} | {r.Aggregation.WorkingSetBeforeBytes / 1e6:F0} | {r.Aggregation.PeakWorkingSetBytes / 1e6:F0} |"));
        }

        foreach (var r in results.Where(r => r.Completed))
        {
            text.AppendLine();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.Share:P0} of the country ({r.Pages:N0} pages, {r.Batches:N0} batches), per stage:"));
            text.AppendLine();
            text.AppendLine("| Stage | Invocations | Wall (s) | Busy (s) | Peak WS (MB) | " + string.Join(" | ", OperationColumns.Select(c => c.Column)) + " | MB sent | MB received | ops per batch |");
            text.AppendLine("|---|---|---|---|---|" + string.Concat(OperationColumns.Select(_ => "---|")) + "---|---|---|");
            foreach (var stage in r.Stages.Select(s => s.Stage).Append("other"))
            {
                var s = r.Stages.FirstOrDefault(x => x.Stage == stage);
                var ops = r.Operations.Where(o => o.Stage == stage).ToList();
                var counts = OperationColumns.Select(c => ops.Where(o => c.Kinds.Contains(o.Kind)).Sum(o => o.Count).ToString("N0", CultureInfo.InvariantCulture));
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {stage} | {s?.Invocations.ToString("N0", CultureInfo.InvariantCulture) ?? "–"} | {(s is null ? "–" : s.WallSeconds.ToString("F1", CultureInfo.InvariantCulture))} | {(s is null ? "–" : s.BusySeconds.ToString("F1", CultureInfo.InvariantCulture))} | {(s is null ? "–" : (s.PeakWorkingSetBytes / 1e6).ToString("F0", CultureInfo.InvariantCulture))} | {string.Join(" | ", counts)} | {ops.Sum(o => o.BytesSent) / 1e6:F1} | {ops.Sum(o => o.BytesReceived) / 1e6:F1} | {(double)ops.Sum(o => o.Count) / Math.Max(1, r.Batches):F1} |"));
            }
        }

        return text.ToString();
    }

    /// <summary>The aggregation run again alone in a fresh process: its time, and the working set before it and at its peak.</summary>
    private sealed record AggregationAlone(double Seconds, long WorkingSetBeforeBytes, long PeakWorkingSetBytes);

    /// <summary>One share's outcome: the local host's own report and what the bench read of Azurite.</summary>
    private sealed record ScaleResult(double Share, bool Completed, double ProcessSeconds, JsonElement? Host, double AzuriteCpuSeconds, long AzuritePeakBytes)
    {
        public AggregationAlone? Aggregation { get; init; }

        private JsonElement Run => Host!.Value.GetProperty("run");

        public int Pages => Run.GetProperty("pagesCollected").GetInt32();

        public int Batches => Run.GetProperty("batches").GetProperty("total").GetInt32();

        public int Posts => Run.GetProperty("posts").GetInt32();

        public double RunSeconds => Host!.Value.GetProperty("runSeconds").GetDouble();

        public double MillisecondsPerPage => RunSeconds * 1000 / Math.Max(1, Pages);

        public long HostPeakBytes => Host!.Value.GetProperty("host").GetProperty("peakWorkingSetBytes").GetInt64();

        public double HostCpuSeconds => Host!.Value.GetProperty("host").GetProperty("cpuSeconds").GetDouble();

        public IReadOnlyList<StageRow> Stages =>
            [.. Host!.Value.GetProperty("stages").EnumerateArray().Select(s => new StageRow(
                s.GetProperty("stage").GetString()!,
                s.GetProperty("invocations").GetInt32(),
                s.GetProperty("wallSeconds").GetDouble(),
                s.GetProperty("busySeconds").GetDouble(),
                s.GetProperty("peakWorkingSetBytes").GetInt64()))];

        public IReadOnlyList<(string Stage, string Kind, long Count, long BytesSent, long BytesReceived)> Operations =>
            [.. Host!.Value.GetProperty("storage").EnumerateArray().Select(o => (
                o.GetProperty("stage").GetString()!,
                o.GetProperty("kind").GetString()!,
                o.GetProperty("count").GetInt64(),
                o.GetProperty("bytesSent").GetInt64(),
                o.GetProperty("bytesReceived").GetInt64()))];
    }

    private sealed record StageRow(string Stage, int Invocations, double WallSeconds, double BusySeconds, long PeakWorkingSetBytes);

    /// <summary>What Linux says of a process in <c>/proc</c>: CPU time and peak resident memory.</summary>
    private static class ProcStats
    {
        public static double CpuSeconds(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // Fields 14 and 15 of stat (utime, stime), counted after the command name: indices 11 and 12; in clock ticks of 1/100 s.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        public static long PeakResidentBytes(int pid)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }
}
