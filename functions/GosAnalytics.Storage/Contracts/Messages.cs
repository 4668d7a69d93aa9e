using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;

namespace GosAnalytics.Storage.Contracts;

/// <summary>Collect one batch of a run. The batch's pages are stored in its <c>runbatches</c> row, so the message stays tiny.</summary>
public sealed record CollectMessage(string RunId, int Attempt, int BatchIndex, Platform Platform);

/// <summary>Claim check: score the raw snapshot at <see cref="SnapshotBlob"/>.</summary>
public sealed record ScoreMessage(string RunId, int Attempt, int BatchIndex, Platform Platform, string SnapshotBlob, string ContentHash, int SchemaVersion);

/// <summary>Aggregate a run whose batches are all scored.</summary>
public sealed record AggregateMessage(string RunId, int Attempt);

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
