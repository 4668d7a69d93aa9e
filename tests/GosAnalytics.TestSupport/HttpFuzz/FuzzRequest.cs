using System.Text;

namespace GosAnalytics.TestSupport.HttpFuzz;

/// <summary>A request body: its bytes, how it is framed, and how its sending may go wrong on purpose.</summary>
public sealed record FuzzBody(byte[] Content, string? ContentType = null)
{
    /// <summary>Sent with <c>Transfer-Encoding: chunked</c> instead of a <c>Content-Length</c>.</summary>
    public bool Chunked { get; init; }

    /// <summary>When larger than <see cref="Content"/>, the body goes on with filler bytes up to this length (made while sending).</summary>
    public long FillTo { get; init; }

    /// <summary>The connection is closed after this many bytes, short of the length it declared: an aborted upload.</summary>
    public long? AbortAfter { get; init; }

    /// <summary>An aborted upload ends with a reset (RST) rather than a close (FIN).</summary>
    public bool ResetOnAbort { get; init; }

    /// <summary>How long an aborted upload waits before it closes: long enough for a function to be reading it.</summary>
    public TimeSpan PauseBeforeAbort { get; init; }

    /// <summary>Ask with <c>Expect: 100-continue</c> and send the body only when the server asks for it (as curl does with big bodies).</summary>
    public bool ExpectContinue { get; init; }

    /// <summary>A chunked body whose first chunk size is not hexadecimal.</summary>
    public bool MalformedChunk { get; init; }

    public long Length => Math.Max(Content.Length, FillTo);
}

/// <summary>
/// One request of the fuzz, fully determined by the seed and its index: the route it aims at, what is hostile about it, the bytes
/// to send, and what a right answer is.
/// </summary>
public sealed record FuzzRequest(int Index, string Route, string Kind, string Method, string Target)
{
    public const string UnknownRoute = "(unknown route)";
    public const string MalformedRequest = "(malformed request)";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public FuzzBody? Body { get; init; }

    /// <summary>The request line and headers as raw bytes, for requests HTTP clients refuse to send (NUL bytes, bad request lines).</summary>
    public byte[]? RawHead { get; init; }

    /// <summary>Statuses that are right for this request; empty when any answer below 500 is (the fuzz cannot tell).</summary>
    public IReadOnlyList<int> Expected { get; init; } = [];

    /// <summary>A 400 must name the parameter (or <c>body</c>) in <c>errors</c>: the request reached a function with a bad value.</summary>
    public bool MustName { get; init; }

    /// <summary>The names a 400 may give in <c>errors</c>: the route's parameters, the query's names as decoded, and <c>body</c>.</summary>
    public IReadOnlySet<string> Names { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>For <c>POST /api/runs</c> that should start a run: the day asked for, in the query or the body (null: the default day).</summary>
    public DateOnly? RunDay { get; init; }

    /// <summary>Whether this request carries the right function key.</summary>
    public bool SentKey { get; init; }

    public bool Aborts => Body?.AbortAfter is not null;

    /// <summary>The request line and headers to send.</summary>
    public byte[] Head(int port)
    {
        if (RawHead is not null)
        {
            return RawHead;
        }

        var head = new StringBuilder($"{Method} {Target} HTTP/1.1\r\n");
        bool Has(string name) => Headers.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        if (!Has("Host"))
        {
            head.Append($"Host: localhost:{port}\r\n");
        }

        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (Body is { } body && !Has("Content-Length") && !Has("Transfer-Encoding"))
        {
            head.Append(body.Chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length}\r\n");
        }

        if (Body?.ContentType is { } contentType && !Has("Content-Type"))
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        if (Body?.ExpectContinue == true)
        {
            head.Append("Expect: 100-continue\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    /// <summary>One line that says what was sent, short enough for a report.</summary>
    public string Describe()
    {
        var target = RawHead is not null ? Encoding.Latin1.GetString(RawHead).Split('\n')[0].TrimEnd('\r') : $"{Method} {Target}";
        var body = Body is null ? "" : $" body: {Body.Length:N0} bytes{(Body.Chunked ? " chunked" : "")}{(Body.AbortAfter is null ? "" : " aborted")}";
        return $"#{Index} [{Kind}] {Shorten(Printable(target), 160)}{body}";
    }

    internal static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + $"…({text.Length:N0} chars)";

    private static string Printable(string text) => new([.. text.Select(c => char.IsControl(c) ? '·' : c)]);
}
