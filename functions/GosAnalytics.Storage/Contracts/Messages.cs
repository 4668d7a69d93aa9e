using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;

namespace GosAnalytics.Storage.Contracts;

// Every message carries TraceParent: the W3C traceparent of its run's start (the span of the plan invocation that sent the
// attempt's first batches). Each stage invocation links its span to it, so the thousands of batch traces of a run lead back to
// one start (docs/operations.md, "Traces and metrics"). It is null in messages written before tracing existed and when
// nothing recorded the start; such messages are read and processed as before, their spans only lack the link.

/// <summary>Collect one batch of a run. The batch's pages are stored in its <c>runbatches</c> row, so the message stays tiny.</summary>
public sealed record CollectMessage(string RunId, int Attempt, int BatchIndex, Platform Platform, string? TraceParent = null);

/// <summary>Claim check: score the raw snapshot at <see cref="SnapshotBlob"/>.</summary>
public sealed record ScoreMessage(string RunId, int Attempt, int BatchIndex, Platform Platform, string SnapshotBlob, string ContentHash, int SchemaVersion, string? TraceParent = null);

/// <summary>Aggregate a run whose batches are all scored.</summary>
public sealed record AggregateMessage(string RunId, int Attempt, string? TraceParent = null);

public static class PipelineMessages
{
    /// <summary>Parses a queue message body; a body that is not the expected message is a clear error (the message ends in the poison queue).</summary>
    public static T Parse<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, JsonConventions.Options)
                ?? throw new InvalidDataException($"Queue message is JSON null, expected {typeof(T).Name}.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Queue message is not a valid {typeof(T).Name}: {error.Message}", error);
        }
    }
}
