using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using GosAnalytics.Functions.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Kestrel answers a request it cannot parse (a NUL or a malformed escape in the path, a bad request line or header, headers or a
/// target too long) by itself, before any middleware runs: <c>4xx</c>, <c>Content-Length: 0</c>, <c>Connection: close</c>, and no
/// hook to change it. This connection middleware gives exactly that answer the problem+json body every other error has, by
/// rewriting it as Kestrel writes it; every other byte passes through untouched.
/// </summary>
/// <remarks>
/// The answer is recognised by its shape, which no answer of the app has (<see cref="HttpProblemResponses"/> gives every error of
/// the app a body): a status line of 4xx or 5xx whose headers, written at once, say <c>Content-Length: 0</c> and <c>Connection: close</c>.
/// </remarks>
internal static class KestrelRejections
{
    private static readonly byte[] StatusLinePrefix = "HTTP/1.1 "u8.ToArray();
    private static readonly byte[] EmptyLength = "\r\nContent-Length: 0\r\n"u8.ToArray();
    private static readonly byte[] ConnectionClose = "\r\nConnection: close\r\n"u8.ToArray();
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    public static void UseProblemBodiesForRejections(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Transport = new Transport(connection.Transport);
            return next(connection);
        });

    /// <summary>The response with a problem body, or null when <paramref name="written"/> is not a rejection Kestrel wrote.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        if (written.Length < StatusLinePrefix.Length + 3
            || !written.StartsWith(StatusLinePrefix)
            || written[StatusLinePrefix.Length] is not ((byte)'4' or (byte)'5')
            || !written.EndsWith(EndOfHeaders)
            || written.IndexOf(EmptyLength) < 0
            || written.IndexOf(ConnectionClose) < 0
            || !int.TryParse(written.Slice(StatusLinePrefix.Length, 3), out var status))
        {
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes((ProblemDetails)Problems.ForStatus(status, Detail(status)).Value!);
        var at = written.IndexOf(EmptyLength);
        var headers = Encoding.ASCII.GetBytes($"\r\nContent-Type: {Problems.ContentType}; charset=utf-8\r\nContent-Length: {body.Length}\r\n");
        return [.. written[..at], .. headers, .. written[(at + EmptyLength.Length)..], .. body];
    }

    private static string Detail(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "The request did not arrive in time; nothing was done.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this server accepts; nothing was done.",
        StatusCodes.Status414RequestUriTooLong => "The request target (path and query) is too long; nothing was done.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large; nothing was done.",
        _ => "The request could not be read: its request line or headers are malformed (for example a NUL or a malformed escape in the path). Nothing was done.",
    };

    private sealed class Transport(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new RejectionWriter(inner.Output);
    }

    /// <summary>Passes every write through; a rejection, which Kestrel writes in one piece, is swapped for its rewrite.</summary>
    private sealed class RejectionWriter(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> lastMemory;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => lastMemory = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (bytes <= lastMemory.Length && Rewrite(lastMemory.Span[..bytes]) is { } rewritten)
            {
                lastMemory = default;
                inner.Write(rewritten);
                return;
            }

            lastMemory = default;
            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
    }
}
