using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// A demo day through the local host with OpenTelemetry's in-memory exporters: a span per stage invocation with the run's ids, every
/// later invocation linked to the run's start across the queue hops, the same ids on log lines, and a run report whose per-stage figures
/// come from the same instruments. Run alone (no other test's host adds spans or stage measurements meanwhile).
/// </summary>
[Collection(nameof(TracingTests))]
public sealed class TracingTests(TracingTests.Fixture fixture) : IClassFixture<TracingTests.Fixture>
{
    private Activity Plan => Assert.Single(fixture.StageSpans(PipelineStages.Plan));

    [Fact]
    public void Every_stage_of_the_run_is_a_span_with_the_run_id_and_attempt_and_each_batch_span_names_its_batch()
    {
        var batches = fixture.Run.GetProperty("batches").GetProperty("total").GetInt32();
        var collects = fixture.StageSpans(PipelineStages.Collect);
        var scores = fixture.StageSpans(PipelineStages.Score);

        Assert.True(batches > Fixture.BatchesInFlight, "the run must be longer than its window, so that scoring sends collect messages too");
        Assert.Single(fixture.StageSpans(PipelineStages.Aggregate));
        Assert.Equal(batches, collects.Count);
        Assert.Equal(batches, scores.Count);
        Assert.All(fixture.StageSpans(null), span => Assert.Equal((fixture.RunId, 1), (span.GetTagItem(StageTags.RunId), span.GetTagItem(StageTags.Attempt))));
        foreach (var span in collects.Concat(scores))
        {
            var index = (int)span.GetTagItem(StageTags.BatchIndex)!;
            Assert.Equal($"{fixture.RunId}/{index:D4}", span.GetTagItem(StageTags.BatchId));
            Assert.Equal(DemoPipelineFixture.RegionCode, span.GetTagItem(StageTags.Region));
            Assert.Contains((string)span.GetTagItem(StageTags.Platform)!, EnumCodes.AllCodes<Platform>());
        }

        Assert.Equal(Enumerable.Range(0, batches), collects.Select(s => (int)s.GetTagItem(StageTags.BatchIndex)!).Order());
    }

    [Fact]
    public void Every_collect_score_and_aggregate_span_links_to_the_runs_start_across_the_queue_hops()
    {
        var plan = Plan;
        var later = fixture.StageSpans(PipelineStages.Collect)
            .Concat(fixture.StageSpans(PipelineStages.Score))
            .Concat(fixture.StageSpans(PipelineStages.Aggregate))
            .ToList();

        Assert.All(later, span =>
        {
            var link = Assert.Single(span.Links);
            Assert.Equal((plan.TraceId, plan.SpanId), (link.Context.TraceId, link.Context.SpanId));

            // A trace per invocation, not one trace of thousands of spans.
            Assert.NotEqual(plan.TraceId, span.TraceId);
        });
    }

    [Fact]
    public void Storage_operations_and_platform_requests_of_an_invocation_are_children_of_its_stage_span()
    {
        var collect = fixture.StageSpans(PipelineStages.Collect)[0];

        var children = fixture.Telemetry.Spans.Where(span => span.ParentSpanId == collect.SpanId).ToList();

        Assert.Contains(children, span => span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && Equals(span.GetTagItem("az.namespace"), "Microsoft.Storage"));
        Assert.All(children, child => Assert.Equal(collect.TraceId, child.TraceId));
    }

    [Fact]
    public async Task A_read_request_is_a_serve_span_with_the_served_run_inside_the_http_request_span()
    {
        using var response = await fixture.Http.GetAsync("rankings?region=28&top=5");
        response.EnsureSuccessStatusCode();

        var serve = Assert.Single(fixture.Telemetry.Spans, span => span.Source.Name == PipelineStages.ActivitySourceName && span.DisplayName == PipelineStages.Serve
            && fixture.Telemetry.Spans.Any(request => request.SpanId == span.ParentSpanId && request.Kind == ActivityKind.Server && Equals(request.GetTagItem("url.path"), "/api/rankings")));
        Assert.Equal((fixture.RunId, 1), (serve.GetTagItem(StageTags.RunId), serve.GetTagItem(StageTags.Attempt)));
        var request = Assert.Single(fixture.Telemetry.Spans, span => span.SpanId == serve.ParentSpanId);
        Assert.Null(request.GetTagItem("url.query"));
    }

    [Fact]
    public void Log_lines_written_inside_a_stage_carry_its_ids_and_its_trace()
    {
        var plan = Plan;

        var planned = Assert.Single(fixture.Telemetry.Logs, record => record.CategoryName == "GosAnalytics.Pipeline.Coordinate.RunCoordinator"
            && record.FormattedMessage?.Contains("enqueued", StringComparison.Ordinal) == true && record.TraceId == plan.TraceId);
        var collected = fixture.Telemetry.Logs.Where(record => record.CategoryName == "GosAnalytics.Pipeline.Collect.BatchCollector").ToList();

        Assert.Equal(plan.SpanId, planned.SpanId);
        var scope = InMemoryTelemetry.ScopeValues(planned).ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal((fixture.RunId, 1), (scope[StageTags.RunId], scope[StageTags.Attempt]));
        Assert.NotEmpty(collected);
        Assert.All(collected, record =>
        {
            var ids = InMemoryTelemetry.ScopeValues(record).ToDictionary(pair => pair.Key, pair => pair.Value);
            Assert.Equal((PipelineStages.Collect, fixture.RunId), (ids[StageTags.Stage], ids[StageTags.RunId]));
            Assert.True(ids.ContainsKey(StageTags.BatchId));
        });
    }

    [Fact]
    public void The_run_report_gives_each_stage_its_invocations_failures_and_durations_from_the_stage_instruments()
    {
        var stages = fixture.Report.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);

        Assert.Equal(PipelineStages.All, stages.Keys);
        foreach (var (name, stage) in stages)
        {
            var spans = fixture.StageSpans(name);
            Assert.Equal(spans.Count, stage.GetProperty("invocations").GetInt32());
            Assert.Equal(0, stage.GetProperty("failures").GetInt32());
            var (busy, mean, p95, max) = (Seconds(stage, "busySeconds"), Seconds(stage, "meanSeconds"), Seconds(stage, "p95Seconds"), Seconds(stage, "maxSeconds"));
            Assert.Equal(busy / spans.Count, mean, 6);
            Assert.InRange(p95, spans.Min(s => s.Duration.TotalSeconds) * 0.5, max);
            Assert.InRange(mean, 0.000001, max);
        }
    }

    private static double Seconds(JsonElement stage, string property) => stage.GetProperty(property).GetDouble();

    /// <summary>The local host on a demo region of some thirty batches, a window of sixteen, with in-memory exporters and a run report.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const int BatchesInFlight = 16;

        private readonly AzuriteFixture azurite = new();
        private readonly string reportFile = Path.Combine(Path.GetTempPath(), $"gosanalytics-run-report-{Guid.NewGuid():N}.json");
        private LocalHostUnderTest? host;

        public InMemoryTelemetry Telemetry { get; } = new();

        public HttpClient Http => host!.Http;

        public JsonElement Run { get; private set; }

        public string RunId => Run.GetProperty("runId").GetString()!;

        public JsonElement Report { get; private set; }

        /// <summary>The run's spans of one stage (every stage: null), in the order they ended.</summary>
        public IReadOnlyList<Activity> StageSpans(string? stage) =>
            [.. Telemetry.Spans.Where(span => span.Source.Name == PipelineStages.ActivitySourceName && span.DisplayName != PipelineStages.Serve
                && (stage is null || span.DisplayName == stage) && Equals(span.GetTagItem(StageTags.RunId), RunId))];

        public async Task InitializeAsync()
        {
            await azurite.InitializeAsync();
            host = await LocalHostUnderTest.StartAsync(azurite, settings =>
            {
                settings["Demo:PageCount"] = "60";
                settings["Pipeline:BatchSize"] = "2";
                settings["Pipeline:BatchesInFlight"] = BatchesInFlight.ToString(CultureInfo.InvariantCulture);
                settings["LocalHost:RunReportFile"] = reportFile;

                // The console stays quiet; the exported logs have the information lines.
                settings["Logging:OpenTelemetry:LogLevel:Default"] = "Information";
            }, Telemetry);
            Run = await DemoPipelineFixture.WaitForCompletedRunAsync(Http, TimeSpan.FromMinutes(3));
            Report = await ReadReportAsync(TimeSpan.FromMinutes(1));
        }

        /// <summary>The report is written just after the run completes.</summary>
        private async Task<JsonElement> ReadReportAsync(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    return JsonDocument.Parse(await File.ReadAllTextAsync(reportFile)).RootElement;
                }
                catch (Exception error) when (error is IOException or JsonException)
                {
                    // Not written yet, or being written.
                    await Task.Delay(100);
                }
            }

            throw new TimeoutException($"No run report in {reportFile}.");
        }

        public async Task DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await azurite.DisposeAsync();
            File.Delete(reportFile);
        }
    }
}

/// <summary>Spans and stage measurements are process-wide: the tracing tests run when no other test's host runs.</summary>
[CollectionDefinition(nameof(TracingTests), DisableParallelization = true)]
public sealed class TracingTestsCollection;
