using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GosAnalytics.TestSupport.HttpFuzz;

/// <summary>An answer: status, headers and (decompressed) body; or why there was none.</summary>
public sealed record FuzzResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? Failure = null)
{
    /// <summary>The fuzz closed the connection itself (an aborted upload): no answer is expected.</summary>
    public static FuzzResponse Aborted { get; } = new(0, new Dictionary<string, string>(), [], "aborted by the client");

    public static FuzzResponse None(string failure) => new(0, new Dictionary<string, string>(), [], failure);

    public string? MediaType => Headers.TryGetValue("Content-Type", out var value) ? value.Split(';')[0].Trim().ToLowerInvariant() : null;

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Sends a fuzz request over a raw socket, one connection per request: HTTP clients would normalise what the fuzz must send as it is
/// (dot segments, bad escapes, NUL bytes, request lines, framing), and cannot abort an upload half-way. Bodies are sent while the
/// answer is read, so that a server answering early (413) is heard.
/// </summary>
public static class FuzzClient
{
    private const int MaxBody = 64 * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<FuzzResponse> SendAsync(int port, FuzzRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var token = timeout.Token;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(request.Head(port), token);
            var reader = new ResponseReader(stream, request.Method == "HEAD");
            if (request.Body is not { } body)
            {
                return await reader.ReadAsync(token);
            }

            if (body.AbortAfter is { } abortAfter)
            {
                await SendBodyAsync(stream, body, abortAfter, null, token);
                await Task.Delay(body.PauseBeforeAbort, token);
                if (body.ResetOnAbort)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                socket.Close();
                return FuzzResponse.Aborted;
            }

            if (body.ExpectContinue)
            {
                var first = await reader.ReadAsync(token, returnContinue: true);
                if (first.Status != 100)
                {
                    return first;
                }
            }

            var answer = reader.ReadAsync(token);
            try
            {
                await SendBodyAsync(stream, body, null, answer, token);
            }
            catch (Exception error) when (error is IOException or SocketException)
            {
                // The server stopped reading (it answered early, or refused the request); its answer tells why.
            }

            return await answer;
        }
        catch (Exception error) when (error is IOException or SocketException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return FuzzResponse.None($"{error.GetType().Name}: {error.Message}");
        }
    }

    /// <summary>Writes the body (content, then filler up to its length), chunked or not; stops early when the answer is already in.</summary>
    private static async Task SendBodyAsync(Stream stream, FuzzBody body, long? stopAfter, Task? answered, CancellationToken cancellationToken)
    {
        var total = stopAfter ?? body.Length;
        var filler = new byte[64 * 1024];
        Array.Fill(filler, (byte)' ');
        if (body.Chunked && body.MalformedChunk)
        {
            await stream.WriteAsync("ZZ\r\n"u8.ToArray(), cancellationToken);
        }

        for (long sent = 0; sent < total;)
        {
            if (answered?.IsCompleted == true)
            {
                return;
            }

            var piece = sent < body.Content.Length
                ? body.Content.AsMemory((int)sent, (int)Math.Min(body.Content.Length - sent, total - sent))
                : filler.AsMemory(0, (int)Math.Min(filler.Length, total - sent));
            if (body.Chunked)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"), cancellationToken);
                await stream.WriteAsync(piece, cancellationToken);
                await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            }
            else
            {
                await stream.WriteAsync(piece, cancellationToken);
            }

            sent += piece.Length;
        }

        if (body.Chunked && stopAfter is null)
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
        }
    }

    /// <summary>Reads one HTTP/1.1 answer: status line, headers, and a body framed by length, chunks, or the end of the connection.</summary>
    private sealed class ResponseReader(Stream stream, bool head)
    {
        private byte[] buffer = new byte[16 * 1024];
        private int start;
        private int end;

        public async Task<FuzzResponse> ReadAsync(CancellationToken cancellationToken, bool returnContinue = false)
        {
            while (true)
            {
                var statusLine = await ReadLineAsync(cancellationToken);
                if (statusLine is null)
                {
                    return FuzzResponse.None("the connection closed before an answer");
                }

                var parts = statusLine.Split(' ', 3);
                if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                {
                    return FuzzResponse.None($"not an HTTP status line: {FuzzRequest.Shorten(statusLine, 100)}");
                }

                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        var name = line[..colon].Trim();
                        var value = line[(colon + 1)..].Trim();
                        headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
                    }
                }

                if (status is >= 100 and < 200)
                {
                    if (status == 100 && returnContinue)
                    {
                        return new FuzzResponse(status, headers, []);
                    }

                    continue;
                }

                var body = head || status is 204 or 304 ? []
                    : headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase) ? await ReadChunksAsync(cancellationToken)
                    : headers.TryGetValue("Content-Length", out var length) ? await ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken)
                    : await ReadToEndAsync(cancellationToken);
                return new FuzzResponse(status, headers, Decode(body, headers));
            }
        }

        private static byte[] Decode(byte[] body, Dictionary<string, string> headers)
        {
            if (!headers.TryGetValue("Content-Encoding", out var encoding) || body.Length == 0)
            {
                return body;
            }

            using var compressed = new MemoryStream(body);
            using Stream decoder = encoding.Trim().ToLowerInvariant() switch
            {
                "br" => new BrotliStream(compressed, CompressionMode.Decompress),
                "gzip" => new GZipStream(compressed, CompressionMode.Decompress),
                _ => compressed,
            };
            using var plain = new MemoryStream();
            decoder.CopyTo(plain);
            return plain.ToArray();
        }

        private async Task<byte[]> ReadChunksAsync(CancellationToken cancellationToken)
        {
            using var body = new MemoryStream();
            while (await ReadLineAsync(cancellationToken) is { } sizeLine)
            {
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                    {
                        // Trailers.
                    }

                    break;
                }

                body.Write(await ReadBytesAsync(size, cancellationToken));
                await ReadLineAsync(cancellationToken);
            }

            return body.ToArray();
        }

        private async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            if (count > MaxBody)
            {
                throw new IOException($"An answer of {count:N0} bytes is more than the fuzz reads.");
            }

            while (end - start < count)
            {
                if (!await FillAsync(cancellationToken))
                {
                    throw new IOException("The connection closed in the middle of the answer.");
                }
            }

            var bytes = buffer.AsSpan(start, count).ToArray();
            start += count;
            return bytes;
        }

        private async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
        {
            while (await FillAsync(cancellationToken))
            {
                // Until the server closes the connection.
            }

            var bytes = buffer.AsSpan(start, end - start).ToArray();
            start = end;
            return bytes;
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var at = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (at >= 0)
                {
                    var line = Encoding.Latin1.GetString(buffer, start, at).TrimEnd('\r');
                    start += at + 1;
                    return line;
                }

                if (!await FillAsync(cancellationToken))
                {
                    return null;
                }
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                if (buffer.Length >= MaxBody)
                {
                    throw new IOException("The answer is longer than the fuzz reads.");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            end += read;
            return read > 0;
        }
    }
}
