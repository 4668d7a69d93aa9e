using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>
/// What one stage invocation leaves behind (<see cref="PipelineStages.RunAsync"/>): a span with the run's ids linked to the run's
/// start, the same ids on every log line, and a duration measurement that says whether it failed. Each test uses its own run id and
/// stage name, so that spans and measurements of tests running alongside are told apart.
/// </summary>
public sealed class StageTelemetryTests : IDisposable
{
    private readonly string runId = $"test-{Guid.NewGuid():N}";
    private readonly string stage = $"stage-{Guid.NewGuid():N}";
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ConcurrentQueue<(double Seconds, Dictionary<string, object?> Tags)> durations = new();
    private readonly ActivityListener activities;
    private readonly MeterListener meters = new();
    private readonly FakeLogCollector logs = new();

    public StageTelemetryTests()
    {
        activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineStages.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(StageTags.RunId), runId))
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineStages.MeterName && instrument.Name == PipelineStages.DurationInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            var values = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                values[tag.Key] = tag.Value;
            }

            if (Equals(values.GetValueOrDefault(PipelineStages.StageTag), stage))
            {
                durations.Enqueue((seconds, values));
            }
        });
        meters.Start();
    }

    private ILogger Logger => new FakeLogger(logs);

    [Fact]
    public async Task A_stage_invocation_is_a_span_named_after_its_stage_with_the_runs_ids_and_a_link_to_the_runs_start()
    {
        using var start = new Activity("run start").SetIdFormat(ActivityIdFormat.W3C).Start();
        start.Stop();
        var context = new StageContext(runId, Attempt: 2, BatchIndex: 41, Platform: Platform.Ok, RunTrace: start.Id);

        await PipelineStages.RunAsync(stage, context, Logger, _ => Task.CompletedTask);

        var span = Assert.Single(spans);
        Assert.Equal(stage, span.DisplayName);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                [StageTags.Stage] = stage,
                [StageTags.RunId] = runId,
                [StageTags.Attempt] = 2,
                [StageTags.BatchIndex] = 41,
                [StageTags.BatchId] = $"{runId}/0041",
                [StageTags.Platform] = "ok",
            },
            span.TagObjects.ToDictionary(tag => tag.Key, tag => tag.Value));
        var link = Assert.Single(span.Links);
        Assert.Equal((start.TraceId, start.SpanId), (link.Context.TraceId, link.Context.SpanId));
        Assert.NotEqual(start.TraceId, span.TraceId);
        var (_, tags) = Assert.Single(durations);
        Assert.False(tags.ContainsKey(PipelineStages.ErrorTypeTag));
    }

    [Fact]
    public async Task Every_log_line_inside_a_stage_carries_its_ids_including_those_learnt_on_the_way()
    {
        var logger = Logger;

        await PipelineStages.RunAsync(stage, new StageContext(runId, BatchIndex: 3), logger, async invocation =>
        {
            logger.LogInformation("Before the batch row is read");
            await Task.Yield();
            invocation.Identify(attempt: 4, region: 28);
            logger.LogInformation("After");
        });
        logger.LogInformation("Outside");

        var records = logs.GetSnapshot();
        Assert.Equal(["Before the batch row is read", "After", "Outside"], records.Select(r => r.Message));
        Assert.Equal((runId, 3, null, null), (ScopeValue(records[0], StageTags.RunId), ScopeValue(records[0], StageTags.BatchIndex), ScopeValue(records[0], StageTags.Attempt), ScopeValue(records[0], StageTags.Region)));
        Assert.Equal((runId, 3, 4, 28), (ScopeValue(records[1], StageTags.RunId), ScopeValue(records[1], StageTags.BatchIndex), ScopeValue(records[1], StageTags.Attempt), ScopeValue(records[1], StageTags.Region)));
        Assert.Empty(records[2].Scopes);
        var span = Assert.Single(spans);
        Assert.Equal((4, 28), (span.GetTagItem(StageTags.Attempt), span.GetTagItem(StageTags.Region)));
    }

    [Fact]
    public async Task A_failed_invocation_marks_its_span_and_its_duration_with_the_error_type_never_the_message_and_rethrows()
    {
        const string Secret = "vk1.a.secret-token-in-an-error-message";

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() =>
            PipelineStages.RunAsync(stage, new StageContext(runId, Attempt: 1), Logger, _ => throw new InvalidDataException($"access_token={Secret}")));

        Assert.Contains(Secret, thrown.Message, StringComparison.Ordinal);
        var span = Assert.Single(spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(InvalidDataException).FullName, span.GetTagItem(PipelineStages.ErrorTypeTag));
        Assert.DoesNotContain(Secret, span.StatusDescription ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains(Secret, StringComparison.Ordinal) == true);
        Assert.Empty(span.Events);
        var (_, tags) = Assert.Single(durations);
        Assert.Equal(typeof(InvalidDataException).FullName, tags[PipelineStages.ErrorTypeTag]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public async Task A_message_without_a_valid_run_trace_is_processed_with_an_unlinked_span(string? runTrace)
    {
        var ran = false;

        await PipelineStages.RunAsync(stage, new StageContext(runId, RunTrace: runTrace), Logger, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        Assert.Empty(Assert.Single(spans).Links);
    }

    [Fact]
    public async Task The_trace_a_stage_hands_on_is_its_own_span_and_stage_contexts_take_it_from_every_message()
    {
        string? handedOn = null;

        await PipelineStages.RunAsync(stage, new StageContext(runId), Logger, invocation =>
        {
            handedOn = invocation.TraceParent;
            return Task.CompletedTask;
        });

        var plan = Assert.Single(spans);
        Assert.Equal(plan.Id, handedOn);
        Assert.Equal(handedOn, StageContext.Of(new CollectMessage(runId, 1, 0, Platform.Vk, handedOn)).RunTrace);
        Assert.Equal(handedOn, StageContext.Of(new ScoreMessage(runId, 1, 0, Platform.Vk, "raw/x", "hash", 1, handedOn)).RunTrace);
        Assert.Equal(handedOn, StageContext.Of(new AggregateMessage(runId, 1, handedOn)).RunTrace);
    }

    public void Dispose()
    {
        activities.Dispose();
        meters.Dispose();
    }

    private static object? ScopeValue(FakeLogRecord record, string key) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(scope => scope).Where(pair => pair.Key == key).Select(pair => pair.Value).LastOrDefault();
}
