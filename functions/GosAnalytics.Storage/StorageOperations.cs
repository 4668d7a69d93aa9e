using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GosAnalytics.Storage;

/// <summary>What a storage request did, as the scale bench and the coordination tests count it.</summary>
public enum StorageOperationKind
{
    BlobRead,
    BlobWrite,
    BlobProperties,
    BlobList,
    BlobDelete,
    TablePointRead,
    TableQuery,
    TableWrite,
    TableTransaction,
    TableOther,
    QueueSend,
    QueueReceive,
    QueueUpdate,
    QueueDelete,
    QueueOther,
    Other,
}

/// <summary>The three storage services the pipeline uses.</summary>
public enum StorageService
{
    Blob,
    Queue,
    Table,
}

/// <summary>Counts and bytes of one kind of storage operation.</summary>
public readonly record struct StorageOperationTally(long Count, long BytesSent, long BytesReceived);

/// <summary>
/// Counts every request the process's storage clients send, by the pipeline stage that sent it and the kind of operation, with the
/// bytes on the wire. A stage names itself with <see cref="Stage"/>; the name flows with the async call into the SDK's pipeline.
/// Always on: an increment per request costs nothing next to the request itself.
/// </summary>
public sealed class StorageOperationCounter
{
    /// <summary>Requests sent outside any named stage (start-up, hosting, polling queues).</summary>
    public const string NoStage = "other";

    private static readonly AsyncLocal<string?> CurrentStage = new();
    private readonly ConcurrentDictionary<(string Stage, StorageOperationKind Kind), Tally> tallies = new();

    /// <summary>Attributes the storage requests of the calling flow to <paramref name="stage"/> until disposed.</summary>
    public static IDisposable Stage(string stage)
    {
        var previous = CurrentStage.Value;
        CurrentStage.Value = stage;
        return new Restore(previous);
    }

    /// <summary>The pipeline policy that counts the requests of one service's client.</summary>
    internal HttpPipelinePolicy PolicyFor(StorageService service) => new CountingPolicy(this, service);

    /// <summary>A copy of the counts so far: (stage, kind) → tally.</summary>
    public IReadOnlyDictionary<(string Stage, StorageOperationKind Kind), StorageOperationTally> Snapshot() =>
        tallies.ToDictionary(pair => pair.Key, pair => pair.Value.Read());

    /// <summary>How many operations of <paramref name="kind"/> the stage sent so far.</summary>
    public long Count(string stage, StorageOperationKind kind) => tallies.TryGetValue((stage, kind), out var tally) ? tally.Read().Count : 0;

    public void Reset() => tallies.Clear();

    internal void Record(StorageOperationKind kind, long sent, long received)
    {
        var tally = tallies.GetOrAdd((CurrentStage.Value ?? NoStage, kind), _ => new Tally());
        tally.Add(sent, received);
    }

    /// <summary>Classifies a request by service, method and path (the REST API of each service).</summary>
    internal static StorageOperationKind Classify(StorageService service, string method, Uri uri)
    {
        var path = uri.AbsolutePath;
        var query = uri.Query;
        if (service == StorageService.Table)
        {
            return method switch
            {
                "POST" when path.EndsWith("/$batch", StringComparison.Ordinal) => StorageOperationKind.TableTransaction,
                "GET" when path.EndsWith(')') && path.Contains("PartitionKey=", StringComparison.Ordinal) => StorageOperationKind.TablePointRead,
                "GET" => StorageOperationKind.TableQuery,
                "PUT" or "MERGE" or "PATCH" or "DELETE" => StorageOperationKind.TableWrite,
                "POST" when !path.EndsWith("/Tables", StringComparison.OrdinalIgnoreCase) => StorageOperationKind.TableWrite,
                _ => StorageOperationKind.TableOther,
            };
        }

        if (service == StorageService.Queue)
        {
            var messages = path.Contains("/messages", StringComparison.Ordinal);
            return method switch
            {
                "POST" when messages => StorageOperationKind.QueueSend,
                "GET" when messages => StorageOperationKind.QueueReceive,
                "PUT" when messages => StorageOperationKind.QueueUpdate,
                "DELETE" when messages => StorageOperationKind.QueueDelete,
                _ => StorageOperationKind.QueueOther,
            };
        }

        if (query.Contains("comp=list", StringComparison.Ordinal))
        {
            return StorageOperationKind.BlobList;
        }

        return method switch
        {
            "GET" when !query.Contains("restype=", StringComparison.Ordinal) && !query.Contains("comp=", StringComparison.Ordinal) => StorageOperationKind.BlobRead,
            "PUT" when !query.Contains("restype=container", StringComparison.Ordinal) => StorageOperationKind.BlobWrite,
            "HEAD" => StorageOperationKind.BlobProperties,
            "DELETE" => StorageOperationKind.BlobDelete,
            _ => StorageOperationKind.Other,
        };
    }

    private sealed class Tally
    {
        private long count;
        private long sent;
        private long received;

        public void Add(long bytesSent, long bytesReceived)
        {
            Interlocked.Increment(ref count);
            Interlocked.Add(ref sent, bytesSent);
            Interlocked.Add(ref received, bytesReceived);
        }

        public StorageOperationTally Read() => new(Interlocked.Read(ref count), Interlocked.Read(ref sent), Interlocked.Read(ref received));
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentStage.Value = previous;
    }

    /// <summary>Counts each try of a request once it has an answer, so SDK retries count as the operations they are.</summary>
    private sealed class CountingPolicy(StorageOperationCounter counter, StorageService service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Record(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Record(message);
        }

        private void Record(HttpMessage message)
        {
            var request = message.Request;
            var sent = request.Headers.TryGetValue("Content-Length", out var length) && long.TryParse(length, out var bytes) ? bytes : 0;
            var received = message.HasResponse && message.Response.Headers.ContentLength is { } answer ? answer : 0;
            counter.Record(Classify(service, request.Method.Method, request.Uri.ToUri()), sent, received);
        }
    }
}
