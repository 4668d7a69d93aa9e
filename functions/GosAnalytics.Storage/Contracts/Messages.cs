using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;

namespace GosAnalytics.Storage.Contracts;

// Every message carries TraceParent: the W3C traceparent of its run's start (the span of the plan invocation that sent the
// attempt's first batches). Each stage invocation links its span to it, so the thousands of batch traces of a run lead back to
// one start (docs/operations.md, "Traces and metrics"). It is null in messages written before tracing existed and when
// nothing recorded the start; such messages are read and processed as before, their spans only lack the link.

/// <summary>A message of the daily run's queues: which attempt of which run it belongs to.</summary>
public interface IRunMessage
{
    string RunId { get; }

    int Attempt { get; }

    /// <summary>The batch the message is about; null for a message about the whole run.</summary>
    int? Batch { get; }

    /// <summary>The W3C traceparent of the run's start, when it was recorded.</summary>
    string? TraceParent { get; }
}

/// <summary>Collect one batch of a run. The batch's pages are stored in its <c>runbatches</c> row, so the message stays tiny.</summary>
public sealed record CollectMessage(string RunId, int Attempt, int BatchIndex, Platform Platform, string? TraceParent = null) : IRunMessage
{
    int? IRunMessage.Batch => BatchIndex;
}

/// <summary>Claim check: score the raw snapshot at <see cref="SnapshotBlob"/>.</summary>
public sealed record ScoreMessage(string RunId, int Attempt, int BatchIndex, Platform Platform, string SnapshotBlob, string ContentHash, int SchemaVersion, string? TraceParent = null) : IRunMessage
{
    int? IRunMessage.Batch => BatchIndex;
}

/// <summary>Aggregate a run whose batches are all scored.</summary>
public sealed record AggregateMessage(string RunId, int Attempt, string? TraceParent = null) : IRunMessage
{
    int? IRunMessage.Batch => null;
}

public static class PipelineMessages
{
    /// <summary>
    /// Parses a queue message body. A body that is not the expected message — not JSON, another shape, a run id that is not a day, an
    /// attempt below 1, a negative batch — is an <see cref="InvalidDataException"/> saying so: retrying it cannot help.
    /// </summary>
    public static T Parse<T>(string body)
        where T : class, IRunMessage
    {
        T message;
        try
        {
            message = JsonSerializer.Deserialize<T>(body, JsonConventions.Options)
                ?? throw new InvalidDataException($"Queue message is JSON null, expected {typeof(T).Name}.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Queue message is not a valid {typeof(T).Name}: {error.Message}", error);
        }
        catch (NotSupportedException error)
        {
            throw new InvalidDataException($"Queue message is not a valid {typeof(T).Name}: {error.Message}", error);
        }

        if (!DateOnly.TryParseExact(message.RunId, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
            || message.Attempt < 1
            || message.Batch < 0)
        {
            throw new InvalidDataException($"Queue message is not a valid {typeof(T).Name}: it needs a run id (yyyy-MM-dd), an attempt of at least 1 and a batch of at least 0.");
        }

        return message;
    }
}
