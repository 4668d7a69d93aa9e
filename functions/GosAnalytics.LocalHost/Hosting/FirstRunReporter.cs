using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GosAnalytics.Core.Json;
using GosAnalytics.Storage;
using GosAnalytics.Core.Domain;
using GosAnalytics.Demo;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Options;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// After the start-up run completes, prints the region's top 10 and where the API is served; optionally stops the process.
/// This is what the README's first command shows.
/// </summary>
internal sealed class FirstRunReporter(
    IEnumerable<TimerScheduler> timers,
    StageRecorder stages,
    StorageClients storage,
    RunStore runStore,
    RunStatusService runs,
    TimeProvider clock,
    RankingService rankings,
    IOptions<LocalHostOptions> options,
    IOptions<DemoSourceOptions> demo,
    IHostApplicationLifetime lifetime,
    StorageRecovery recovery,
    ILogger<FirstRunReporter> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ReportFirstRun && !settings.ExitAfterRun && settings.RunReportFile is null)
        {
            return;
        }

        try
        {
            await Task.WhenAll(timers.Select(t => t.StartupRun)).WaitAsync(stoppingToken);
            // The run the start-up timer started: the last complete Moscow day.
            var runId = RunCoordinator.RunIdOf(MoscowTime.LastCompleteDay(clock.GetUtcNow()));
            var run = await WaitForCompletionAsync(runId, stoppingToken);
            if (run is null)
            {
                return;
            }

            if (settings.ReportFirstRun)
            {
                await PrintReportAsync(run, stoppingToken);
            }

            if (settings.RunReportFile is { } file)
            {
                await WriteReportFileAsync(file, run, stoppingToken);
            }

            if (settings.ExitAfterRun)
            {
                lifetime.StopApplication();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception error) when (recovery.Report(error))
        {
            logger.LogWarning("The start-up run could not be reported: storage went away; the host goes on serving");
        }
    }

    private async Task<RunStatus?> WaitForCompletionAsync(string runId, CancellationToken stoppingToken)
    {
        string? lastProgress = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            RunEntity? entity;
            RunStatus? run;
            try
            {
                entity = await runStore.GetRunAsync(runId, stoppingToken);
                run = entity is null ? null : await runs.DescribeAsync(entity, stoppingToken);
            }
            catch (Exception error) when (recovery.Report(error))
            {
                // Storage is away: wait for it (the recovery says so) and go on waiting for the run.
                await recovery.WhenAvailableAsync(stoppingToken);
                continue;
            }

            if (entity?.Phase.IsFinished() == true)
            {
                return run;
            }

            var progress = run is null ? null : $"{run.Batches.Scored}/{run.Batches.Total}";
            if (run is not null && progress != lastProgress)
            {
                logger.LogInformation("Run {RunId}: {Scored} of {Total} batches scored ({Status})", run.RunId, run.Batches.Scored, run.Batches.Total, run.Status);
                lastProgress = progress;
            }

            await Task.Delay(PollInterval, stoppingToken);
        }

        return null;
    }

    /// <summary>The run's report as JSON, for scripts and the scale bench.</summary>
    private async Task WriteReportFileAsync(string file, RunStatus run, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var report = new
        {
            run,
            runSeconds = ((run.CompletedAt ?? clock.GetUtcNow()) - run.StartedAt).TotalSeconds,
            stages = stages.Report().Select(s => new
            {
                s.Stage,
                s.Invocations,
                s.Failures,
                s.FirstStartSeconds,
                s.LastEndSeconds,
                s.WallSeconds,
                s.BusySeconds,
                s.MeanSeconds,
                s.P95Seconds,
                s.MaxSeconds,
                s.PeakWorkingSetBytes,
            }),
            storage = storage.Operations.Snapshot()
                .OrderBy(pair => pair.Key.Stage, StringComparer.Ordinal).ThenBy(pair => pair.Key.Kind)
                .Select(pair => new { pair.Key.Stage, Kind = pair.Key.Kind.ToString(), pair.Value.Count, pair.Value.BytesSent, pair.Value.BytesReceived }),
            host = new
            {
                peakWorkingSetBytes = process.PeakWorkingSet64,
                cpuSeconds = process.TotalProcessorTime.TotalSeconds,
                gcCollections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
                serverGc = System.Runtime.GCSettings.IsServerGC,
                processorCount = Environment.ProcessorCount,
            },
        };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, JsonConventions.Options), cancellationToken);
    }

    private async Task PrintReportAsync(RunStatus run, CancellationToken cancellationToken)
    {
        var elapsed = (run.CompletedAt ?? clock.GetUtcNow()) - run.StartedAt;
        // One demo region: its top 10; several (the synthetic country): the country's.
        int? region = string.IsNullOrWhiteSpace(demo.Value.Regions) ? demo.Value.RegionCode : null;
        var query = new RankingQuery(region, null, null, Period.Week, RankingQuery.SortByIndex, 10, 0);
        var top = await rankings.QueryAsync(query, cancellationToken);
        var baseUrl = $"http://localhost:{options.Value.Port}/api";
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {run.RunId} (attempt {run.Attempt}) ended {run.Status} in {elapsed.TotalSeconds:F1} s: {run.PagesCollected} pages, {run.Posts} posts, {run.Batches.Total} batches{(run.IsDemo ? " — DEMO DATA" : "")}.");
        foreach (var problem in run.Outcome?.Problems ?? [])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Problem: {problem.Message}");
        }

        if (run.Outcome is { Served: false })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Not served: the API serves {run.ServedRunId ?? "no run yet"} (reasons: {baseUrl}/runs/latest).");
        }

        if (run.ContentModelVersion is { } model)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Posts scored by content-quality model {model}.");
        }

        if (run.Pages == 0)
        {
            text.AppendLine("No pages are registered. While this host runs, add them with");
            text.AppendLine("  dotnet run --project functions/GosAnalytics.LocalHost -- registry-import pages.csv   (docs/registry.md)");
            text.AppendLine(CultureInfo.InvariantCulture, $"then start a run with POST {baseUrl}/runs (with the key printed at start).");
        }
        else if (run.PagesSkipped > 0 || run.PagesResting > 0 || run.Notices.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{run.PagesSkipped} pages skipped and {run.PagesResting} resting after permanent failures (reasons: {baseUrl}/runs/latest).");
            foreach (var notice in run.Notices)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  Note: {notice}");
            }
        }

        if (top is not null && top.Page.Items.Count > 0)
        {
            var scope = region is null ? "the country" : $"{top.RegionName} ({region})";
            text.AppendLine(CultureInfo.InvariantCulture, $"Top 10 by quality index, {scope}, period: week ending {top.Run.MetricDay:yyyy-MM-dd}:");
            text.AppendLine(CultureInfo.InvariantCulture, $"{"#",3}  {"Index",6}  {"Platform",-8}  {"Kind",-18}  {"Subscribers",11}  Name");
            foreach (var (rank, item, _, _) in top.Page.Items)
            {
                var name = item.Name.Length > 60 ? item.Name[..59] + "…" : item.Name;
                text.AppendLine(CultureInfo.InvariantCulture, $"{rank,3}  {item.Index,6:F2}  {item.Platform.ToCode(),-8}  {item.Kind.ToCode(),-18}  {item.Subscribers,11:N0}  {name}");
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"API: {baseUrl}/rankings{(region is null ? "" : $"?region={region}")}   (also {baseUrl}/runs/latest, {baseUrl}/pages/{{platform}}/{{pageId}}, {baseUrl}/model)");
        text.AppendLine(CultureInfo.InvariantCulture, $"Dashboard: {baseUrl}/dashboard   OpenAPI: {baseUrl}/openapi.json");
        text.AppendLine(CultureInfo.InvariantCulture, $"POST {baseUrl}/runs and {baseUrl}/registry take the key printed at start ({FunctionKeys.Header} header or ?{FunctionKeys.QueryParameter}=).");
        text.AppendLine(options.Value.ExitAfterRun ? "Stopping (LocalHost:ExitAfterRun)." : "Serving until Ctrl+C.");
        Console.Out.Write(text.ToString());
        await Console.Out.FlushAsync(cancellationToken);
    }
}
