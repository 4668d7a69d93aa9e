using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using GosAnalytics.Core.Json;
using GosAnalytics.Pipeline;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// A finished answer: its body as sent (JSON or CSV), its strong ETag (a hash of the body), and its gzip and Brotli forms, made the
/// first time a client asks for them. Immutable, so one instance serves every request for it.
/// </summary>
public sealed class Answer
{
    /// <summary>Bodies smaller than this go uncompressed: the headers would cost more than the saving.</summary>
    private const int CompressFrom = 1024;

    private readonly Lazy<byte[]> gzip;
    private readonly Lazy<byte[]> brotli;

    public Answer(byte[] body, string contentType, string? fileName = null)
    {
        Body = body;
        ContentType = contentType;
        FileName = fileName;
        ETag = $"\"{Convert.ToBase64String(SHA256.HashData(body).AsSpan(0, 18)).Replace('+', '-').Replace('/', '_')}\"";
        gzip = new(() => Compress(body, stream => new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true)));
        brotli = new(() => Compress(body, stream => new BrotliStream(stream, CompressionLevel.Optimal, leaveOpen: true)));
    }

    public byte[] Body { get; }

    public string ContentType { get; }

    /// <summary>Set for downloads (CSV): the file name the browser saves it under.</summary>
    public string? FileName { get; }

    public string ETag { get; }

    public static Answer Json<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, JsonConventions.Options), "application/json; charset=utf-8");

    /// <summary>
    /// The body in the best encoding the client accepts (Brotli, then gzip), or as is. An answer written once serves every later
    /// request, so compressing hard is paid once.
    /// </summary>
    public (byte[] Bytes, string? Encoding) For(HttpRequest request)
    {
        if (Body.Length < CompressFrom)
        {
            return (Body, null);
        }

        var accepted = request.Headers.AcceptEncoding.ToString();
        if (Accepts(accepted, "br"))
        {
            return (brotli.Value, "br");
        }

        return Accepts(accepted, "gzip") ? (gzip.Value, "gzip") : (Body, null);
    }

    /// <summary>The memory the answer holds, its compressed forms included once made (for the cache's size limit).</summary>
    public long Size => Body.Length + (Body.Length / 2);

    private static bool Accepts(string acceptEncoding, string coding) =>
        StringWithQualityHeaderValue.TryParseList(acceptEncoding.Split(','), out var values)
        && values.Any(v => string.Equals(v.Value.Value, coding, StringComparison.OrdinalIgnoreCase) && (v.Quality ?? 1) > 0);

    private static byte[] Compress(byte[] body, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream(body.Length / 4);
        using (var stream = compressor(output))
        {
            stream.Write(body);
        }

        return output.ToArray();
    }
}

/// <summary>
/// Writes an <see cref="Answer"/>: <c>304 Not Modified</c> when the client's <c>If-None-Match</c> names its ETag, else the body in
/// the best accepted encoding, with <c>ETag</c>, <c>Vary: Accept-Encoding</c> and <c>Cache-Control: no-cache</c> (clients revalidate:
/// a newer run may be served at any time, and revalidating an unchanged answer costs a 304).
/// </summary>
public sealed class AnswerResult(Answer answer) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.ETag = answer.ETag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.CacheControl = "no-cache";
        if (Matches(request.Headers.IfNoneMatch.ToString(), answer.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var (bytes, encoding) = answer.For(request);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = answer.ContentType;
        response.ContentLength = bytes.Length;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        if (answer.FileName is not null)
        {
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = answer.FileName, FileName = answer.FileName }.ToString();
        }

        await response.Body.WriteAsync(bytes, context.HttpContext.RequestAborted);
    }

    /// <summary>RFC 9110 §13.1.2: <c>*</c>, or any listed tag whose opaque part equals ours (weak comparison).</summary>
    internal static bool Matches(string ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Length == 0)
        {
            return false;
        }

        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || (candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate) == etag)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Writes a <see cref="StreamedAnswer"/> (a download of any length) straight to the response body, as an attachment. Its ETag names the
/// served run and the query (the same question of the same run writes the same bytes), so a repeated download can be answered 304.
/// </summary>
public sealed class StreamedAnswerResult(StreamedAnswer answer, string etag) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "no-cache";
        if (AnswerResult.Matches(request.Headers.IfNoneMatch.ToString(), etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = answer.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = answer.FileName, FileName = answer.FileName }.ToString();
        await answer.WriteAsync(response.Body, context.HttpContext.RequestAborted);
    }
}

/// <summary>
/// The read routes' answers, made once per served run and query: the key is the route, the query's parameters in a fixed order and
/// the served pointer's revision (<see cref="RankingReader.GetServedAsync"/>: the served run and a newer run that is not served), so a
/// newer run — served or not — is a new key and older entries age out. Answers are held in a memory cache bounded by
/// <see cref="ServeOptions.AnswerCacheMegabytes"/>. Requests that miss an answer together wait for one making of it. Before any run
/// is served, every read route answers 404, naming a newer run that finished without being served.
/// </summary>
public sealed class AnswerCache(RankingReader reader, IOptions<ServeOptions> options, TimeProvider clock, ILogger<AnswerCache> logger) : IDisposable
{
    /// <summary>The run id in keys, spans and logs while no run is served.</summary>
    private const string NoRun = "none";

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.AnswerCacheMegabytes) * 1024L * 1024L });

    /// <summary>Answers being made, by key.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<Answer?>>> making = new(StringComparer.Ordinal);

    /// <summary>
    /// The answer to <paramref name="request"/> for the served run: cached, or made by <paramref name="produce"/> (null: the route's
    /// not-found answer, which is not cached).
    /// </summary>
    public async Task<IActionResult> ServeAsync(HttpRequest request, Func<Task<Answer?>> produce, Func<IActionResult> notFound, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        return await PipelineStages.RunAsync(PipelineStages.Serve, new StageContext(served?.Run?.RunId ?? NoRun, served?.Run?.Attempt), logger, async _ =>
        {
            if (served?.Run is null)
            {
                return Problems.NoRunServed(served?.Newer);
            }

            var key = KeyOf(request, served.Revision);
            var answer = cache.Get<Cached>(key)?.Answer ?? await MakeOnceAsync(key, long.MaxValue, produce);
            return answer is null ? notFound() : (IActionResult)new AnswerResult(answer);
        });
    }

    /// <summary>
    /// A download written as it is made (<see cref="StreamedAnswerResult"/>), never cached: an export of the whole country is not held in
    /// memory. <paramref name="produce"/> gives null for the route's not-found answer. Before any run is served, 404 as every read route.
    /// </summary>
    public async Task<IActionResult> StreamAsync(HttpRequest request, Func<Task<StreamedAnswer?>> produce, Func<IActionResult> notFound, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        return await PipelineStages.RunAsync(PipelineStages.Serve, new StageContext(served?.Run?.RunId ?? NoRun, served?.Run?.Attempt), logger, async _ =>
        {
            if (served?.Run is null)
            {
                return Problems.NoRunServed(served?.Newer);
            }

            var etag = $"\"{Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(KeyOf(request, served.Revision))).AsSpan(0, 18)).Replace('+', '-').Replace('/', '_')}\"";
            return await produce() is { } answer ? new StreamedAnswerResult(answer, etag) : notFound();
        });
    }

    /// <summary>
    /// An answer that changes while a run goes on (its progress), fresh for <paramref name="lifetime"/>. After that the stale answer is
    /// still served at once while one making of the new one runs in the background: a client polling every second never waits for the
    /// storage reads behind it, and many clients cause one making a second.
    /// </summary>
    public async Task<IActionResult> ServeForAsync(HttpRequest request, TimeSpan lifetime, Func<CancellationToken, Task<Answer?>> produce, Func<IActionResult> notFound, CancellationToken cancellationToken)
    {
        var key = KeyOf(request, "live");
        if (cache.Get<Cached>(key) is { } cached)
        {
            if (clock.GetTimestamp() >= cached.FreshUntil && !making.ContainsKey(key))
            {
                _ = RefreshAsync(key, lifetime, produce);
            }

            return new AnswerResult(cached.Answer);
        }

        var answer = await MakeOnceAsync(key, FreshUntil(lifetime), () => produce(cancellationToken));
        return answer is null ? notFound() : new AnswerResult(answer);
    }

    public void Dispose() => cache.Dispose();

    private async Task RefreshAsync(string key, TimeSpan lifetime, Func<CancellationToken, Task<Answer?>> produce)
    {
        try
        {
            // Not the request's token: the request is answered already.
            await MakeOnceAsync(key, FreshUntil(lifetime), () => produce(CancellationToken.None));
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Refreshing the answer {Key} failed; the previous one is served until the next try", key);
        }
    }

    private long FreshUntil(TimeSpan lifetime) => clock.GetTimestamp() + (long)(lifetime.TotalSeconds * clock.TimestampFrequency);

    /// <summary>
    /// Makes the answer once for every request that missed it meanwhile, and caches it (fresh until <paramref name="freshUntil"/>, a
    /// <see cref="TimeProvider"/> timestamp). A making cancelled with the request that started it is made again by the next one.
    /// </summary>
    private async Task<Answer?> MakeOnceAsync(string key, long freshUntil, Func<Task<Answer?>> produce)
    {
        var made = new Lazy<Task<Answer?>>(async () =>
        {
            var answer = await produce();
            if (answer is not null)
            {
                // A live answer stays a while after it goes stale, to be served during its refresh.
                using var entry = cache.CreateEntry(key);
                entry.Value = new Cached(answer, freshUntil);
                entry.Size = answer.Size;
                entry.AbsoluteExpirationRelativeToNow = freshUntil == long.MaxValue ? TimeSpan.FromDays(1) : TimeSpan.FromMinutes(1);
            }

            return answer;
        });
        var shared = making.GetOrAdd(key, made);
        try
        {
            return await shared.Value;
        }
        catch (OperationCanceledException) when (!ReferenceEquals(shared, made))
        {
            return await produce();
        }
        finally
        {
            making.TryRemove(KeyValuePair.Create(key, shared));
        }
    }

    /// <summary>Route and parameters, names lower-cased and sorted: the same question asked in another order is the same key.</summary>
    private static string KeyOf(HttpRequest request, string run)
    {
        var parameters = request.Query
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => $"{p.Key.ToLowerInvariant()}={p.Value}");
        return $"{run}|{request.Path.Value}?{string.Join("&", parameters)}";
    }

    /// <summary>A cached answer and, for a live one, until when it is fresh (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record Cached(Answer Answer, long FreshUntil);
}
