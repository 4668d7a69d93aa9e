using System.Diagnostics;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The run's start travels in the queue messages as a W3C traceparent, and messages written before it did stay readable.</summary>
public sealed class MessageTraceTests
{
    private static readonly string TraceParent = NewTraceParent();

    [Fact]
    public void Every_message_keeps_its_traceparent_through_the_queue_body()
    {
        var collect = new CollectMessage("2026-11-20", 2, 17, Platform.Telegram, TraceParent);
        var score = new ScoreMessage("2026-11-20", 2, 17, Platform.Telegram, "2026-11-20/telegram/0017.json", "abc", 3, TraceParent);
        var aggregate = new AggregateMessage("2026-11-20", 2, TraceParent);

        Assert.Equal(collect, PipelineMessages.Parse<CollectMessage>(Body(collect)));
        Assert.Equal(score, PipelineMessages.Parse<ScoreMessage>(Body(score)));
        Assert.Equal(aggregate, PipelineMessages.Parse<AggregateMessage>(Body(aggregate)));
        Assert.Contains($"\"traceParent\":\"{TraceParent}\"", Body(collect), StringComparison.Ordinal);
    }

    [Fact]
    public void A_traceparent_read_back_names_the_same_trace_and_span()
    {
        var parsed = PipelineMessages.Parse<CollectMessage>(Body(new CollectMessage("2026-11-20", 1, 0, Platform.Vk, TraceParent)));

        var link = Assert.Single(StageContext.LinkTo(parsed.TraceParent)!);
        Assert.StartsWith($"00-{link.Context.TraceId}-{link.Context.SpanId}-", TraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_written_before_tracing_are_read_with_no_trace()
    {
        var collect = PipelineMessages.Parse<CollectMessage>("""{"runId":"2026-11-20","attempt":1,"batchIndex":4,"platform":"vk"}""");
        var score = PipelineMessages.Parse<ScoreMessage>(
            """{"runId":"2026-11-20","attempt":1,"batchIndex":4,"platform":"vk","snapshotBlob":"2026-11-20/vk/0004.json","contentHash":"h","schemaVersion":3}""");
        var aggregate = PipelineMessages.Parse<AggregateMessage>("""{"runId":"2026-11-20","attempt":1}""");

        Assert.Equal(new CollectMessage("2026-11-20", 1, 4, Platform.Vk), collect);
        Assert.Equal(new ScoreMessage("2026-11-20", 1, 4, Platform.Vk, "2026-11-20/vk/0004.json", "h", 3), score);
        Assert.Equal(new AggregateMessage("2026-11-20", 1), aggregate);
        Assert.Null(StageContext.LinkTo(collect.TraceParent));
    }

    private static string Body<T>(T message) => JsonSerializer.Serialize(message, JsonConventions.Options);

    private static string NewTraceParent()
    {
        using var activity = new Activity("start").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.Start();
        return activity.Id!;
    }
}
