using System.Net.Sockets;
using Azure;

namespace GosAnalytics.Storage;

/// <summary>What a failed storage call says about the storage account itself, as opposed to the one request.</summary>
public enum StorageFailureKind
{
    /// <summary>Not a storage failure, or one about this request only (a conflict, a missing blob, a bad argument).</summary>
    None,

    /// <summary>The account did not answer (connection refused or reset, timeout, 503), also after the SDK's own retries.</summary>
    Unavailable,

    /// <summary>A queue, table or container the pipeline creates at start is gone (e.g. an in-memory emulator restarted).</summary>
    MissingResource,
}

/// <summary>The one reading of storage exceptions: whether storage is away or lost its queues, tables or containers, and a one-line cause.</summary>
public static class StorageFailures
{
    private static readonly HashSet<string> MissingResourceCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "QueueNotFound", "TableNotFound", "ContainerNotFound",
    };

    public static StorageFailureKind Classify(Exception error) => error switch
    {
        RequestFailedException { Status: 404, ErrorCode: { } code } when MissingResourceCodes.Contains(code) => StorageFailureKind.MissingResource,
        RequestFailedException { Status: 0 or 503 } => StorageFailureKind.Unavailable,
        RequestFailedException => StorageFailureKind.None,
        HttpRequestException or SocketException or IOException or TimeoutException => StorageFailureKind.Unavailable,

        // The SDK's network timeout surfaces as a cancellation that nobody asked for.
        TaskCanceledException { InnerException: TimeoutException } => StorageFailureKind.Unavailable,

        // The SDK wraps the failures of its retries in an AggregateException.
        AggregateException { InnerExceptions.Count: > 0 } aggregate => aggregate.InnerExceptions.Select(Classify).Aggregate(Worst),
        _ => StorageFailureKind.None,
    };

    /// <summary>The first line of the underlying cause (never the connection string or the request URL's query).</summary>
    public static string Describe(Exception error)
    {
        // The SDK wraps its retries in an AggregateException whose own message is about retry settings, not the cause, and a
        // failure to send in a RequestFailedException without a status whose message is as general as its HttpRequestException's.
        while (error switch
        {
            AggregateException { InnerExceptions: [var first, ..] } => first,
            RequestFailedException { Status: 0, InnerException: { } inner } => inner,
            HttpRequestException { InnerException: { } inner } => inner,
            IOException { InnerException: SocketException inner } => inner,
            _ => null,
        } is { } cause)
        {
            error = cause;
        }

        var message = error is RequestFailedException { Status: > 0 } failed ? $"HTTP {failed.Status} {failed.ErrorCode}: {error.Message}" : error.Message;
        return error is OperationCanceledException ? "no answer in time." : message.Split('\n', 2)[0].Trim();
    }

    private static StorageFailureKind Worst(StorageFailureKind a, StorageFailureKind b) =>
        a == StorageFailureKind.None || b == StorageFailureKind.None ? StorageFailureKind.None : (StorageFailureKind)Math.Max((int)a, (int)b);
}
