using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.FakePlatforms;

/// <summary>
/// A fake VK API (5.199 shapes) on a real port: <c>groups.getById</c>, <c>wall.get</c>, <c>wall.getComments</c>, <c>video.get</c> and
/// <c>execute</c> (VKScript of the form the collector writes). Like VK it enforces each token's requests per second (error 6, counted),
/// the daily <c>wall.get</c> budget (error 29, also inside execute), token types and refusals (5/27/28), captchas (14) and page errors.
/// </summary>
public sealed partial class FakeVk : FakeServer
{
    private readonly ConcurrentDictionary<string, FakeVkToken> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, FakeVkGroup> groups = new();
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeVkFault> faults = new();
    private readonly ConcurrentQueue<long> arrivals = new();
    private long tooManyRequests;
    private long requests;

    protected override string BasePath => "method";

    /// <summary>Answer <c>groups.getById</c> as API versions before 5.199 did: a bare array.</summary>
    public bool LegacyGroupsShape { get; set; }

    /// <summary>Added to every answer, to look like a network away.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Error-6 answers given: the collector's rate limiter should keep this at zero.</summary>
    public long TooManyRequestsAnswers => Interlocked.Read(ref tooManyRequests);

    /// <summary>HTTP requests received (an execute counts once, as VK counts it against the rate).</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>When each request arrived (<see cref="Stopwatch"/> timestamps), for throughput measurements.</summary>
    public IReadOnlyList<long> Arrivals => [.. arrivals];

    /// <summary>API calls made, by method, including the calls inside each execute.</summary>
    public int CallsOf(string method) => calls.GetValueOrDefault(method);

    public FakeVkToken AddToken(string value, string type = "service", double requestsPerSecond = 5, int dailyWallGetBudget = 5000)
    {
        var token = new FakeVkToken(value, type, requestsPerSecond, dailyWallGetBudget);
        tokens[value] = token;
        return token;
    }

    public FakeVkGroup AddGroup(FakeVkGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        groups[group.Id] = group;
        return group;
    }

    /// <summary>What the fake saw, for a client in another process (<c>GET /stats</c>).</summary>
    public FakeVkStats Stats() => new(Requests, TooManyRequestsAnswers, new Dictionary<string, int>(calls), Arrivals);

    /// <summary>The next request (of the fault's method, or any) misbehaves once as described.</summary>
    public void Inject(FakeVkFault fault) => faults.Enqueue(fault);

    private const string ArrivedItem = "fake-vk-arrived";

    protected override void Map(WebApplication app)
    {
        // The moment of arrival is taken first thing, before routing, so that the rate check sees as little of this
        // process's own scheduling as possible.
        app.Use((context, next) =>
        {
            context.Items[ArrivedItem] = Stopwatch.GetTimestamp();
            return next(context);
        });
        app.MapGet("/stats", () => Results.Json(Stats()));
        app.MapPost("/method/{method}", async (HttpContext context, string method) =>
        {
            var arrived = (long)context.Items[ArrivedItem]!;
            Interlocked.Increment(ref requests);
            arrivals.Enqueue(arrived);
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var parameters = form.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted);
            }

            if (TakeFault(method) is { } fault)
            {
                if (fault.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }

                if (fault.HttpStatus is { } status)
                {
                    return Results.StatusCode(status);
                }

                if (fault.MalformedJson)
                {
                    return Results.Text("{\"response\": [ {\"count\": 3, \"items\": [", "application/json");
                }

                if (fault.ErrorCode is { } code)
                {
                    return Json(Error(code, fault.ErrorMessage ?? "Injected error"));
                }
            }

            if (!parameters.TryGetValue("access_token", out var value) || !tokens.TryGetValue(value, out var token))
            {
                return Json(Error(5, "User authorization failed: invalid access_token (4)."));
            }

            token.CountRequest();
            if (token.RefusedWith is { } refusal)
            {
                return Json(Error(refusal, "Authorization failed"));
            }

            if (token.CaptchaNeeded)
            {
                var captcha = Error(14, "Captcha needed");
                captcha["error"]!["captcha_sid"] = "548247912340";
                captcha["error"]!["captcha_img"] = "https://api.vk.com/captcha.php?sid=548247912340";
                return Json(captcha);
            }

            if (!token.TryAdmit(arrived))
            {
                Interlocked.Increment(ref tooManyRequests);

                return Json(Error(6, "Too many requests per second"));
            }

            if (parameters.GetValueOrDefault("v") != "5.199")
            {
                return Json(Error(8, "Invalid request: versions below 5.0 are deprecated"));
            }

            if (method == "execute")
            {
                return new JsonParts(Execute(parameters.GetValueOrDefault("code") ?? "", token));
            }

            var answer = Invoke(method, parameters, token);
            return answer.Error is { } error ? Json(Error(error.Code, error.Message)) : new JsonParts(["{\"response\":", .. answer.Response!, "}"]);
        });
    }

    private FakeVkFault? TakeFault(string method)
    {
        if (faults.TryPeek(out var next) && (next.Method is null || next.Method == method) && faults.TryDequeue(out var taken))
        {
            return taken;
        }

        return null;
    }

    /// <summary>The answer to an execute, as parts: each call's answer is written out as it is, never joined into one string.</summary>
    private List<string> Execute(string code, FakeVkToken token)
    {
        Count("execute");
        var parts = new List<string> { "{\"response\":[" };
        var errors = new JsonArray();
        var first = true;
        foreach (Match call in ApiCall().Matches(code))
        {
            var method = call.Groups["method"].Value;
            var arguments = JsonNode.Parse(call.Groups["args"].Value)!.AsObject()
                .ToDictionary(pair => pair.Key, pair => pair.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : pair.Value!.ToJsonString(), StringComparer.Ordinal);
            var answer = Invoke(method, arguments, token);
            if (!first)
            {
                parts.Add(",");
            }

            first = false;
            if (answer.Error is { } error)
            {
                parts.Add("false");
                errors.Add(new JsonObject { ["method"] = method, ["error_code"] = error.Code, ["error_msg"] = error.Message });
            }
            else
            {
                parts.AddRange(answer.Response!);
            }
        }

        parts.Add("]");
        if (errors.Count > 0)
        {
            parts.Add(",\"execute_errors\":");
            parts.Add(errors.ToJsonString());
        }

        parts.Add("}");
        return parts;
    }

    /// <summary>One API method: its response as raw JSON (in parts), or its error.</summary>
    private (IReadOnlyList<string>? Response, (int Code, string Message)? Error) Invoke(string method, IReadOnlyDictionary<string, string> parameters, FakeVkToken token)
    {
        Count(method);
        return method switch
        {
            "groups.getById" => GetById(parameters),
            "wall.get" => WallGet(parameters, token),
            "wall.getComments" => WithGroup(parameters, group => group.CommentsResponse(
                long.Parse(parameters.GetValueOrDefault("post_id") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parameters.GetValueOrDefault("offset") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parameters.GetValueOrDefault("count") ?? "10", System.Globalization.CultureInfo.InvariantCulture))),
            "video.get" when token.Type != "user" => (null, (28, "Application authorization failed: method is unavailable with service token.")),
            "video.get" => WithGroup(parameters, group => [group.VideosResponse()]),
            _ => (null, (3, "Unknown method passed.")),
        };
    }

    private (IReadOnlyList<string>?, (int, string)?) GetById(IReadOnlyDictionary<string, string> parameters)
    {
        var ids = (parameters.GetValueOrDefault("group_ids") ?? parameters.GetValueOrDefault("group_id") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = new JsonArray();
        foreach (var id in ids)
        {
            // By number first (a dictionary look-up, not a scan of every group for every id), then by screen name.
            var number = id.Replace("club", "", StringComparison.Ordinal);
            var group = long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var groupId)
                && groupId.ToString(System.Globalization.CultureInfo.InvariantCulture) == number
                && groups.TryGetValue(groupId, out var byId)
                    ? byId
                    : groups.Values.FirstOrDefault(g => string.Equals(g.ScreenName, id, StringComparison.OrdinalIgnoreCase));
            if (group is null)
            {
                // Like VK: one unknown id spoils the whole call.
                return (null, (100, "One of the parameters specified was missing or invalid: group_ids is undefined"));
            }

            found.Add(group.Describe());
        }

        return LegacyGroupsShape ? ([found.ToJsonString()], null) : ([new JsonObject { ["groups"] = found, ["profiles"] = new JsonArray() }.ToJsonString()], null);
    }

    private (IReadOnlyList<string>?, (int, string)?) WallGet(IReadOnlyDictionary<string, string> parameters, FakeVkToken token)
    {
        if (!token.TrySpendWallGet())
        {
            return (null, (29, "Rate limit reached"));
        }

        return WithGroup(parameters, group => group.WallResponse(
            int.Parse(parameters.GetValueOrDefault("offset") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parameters.GetValueOrDefault("count") ?? "20", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private (IReadOnlyList<string>?, (int, string)?) WithGroup(IReadOnlyDictionary<string, string> parameters, Func<FakeVkGroup, IReadOnlyList<string>> answer)
    {
        var ownerId = long.Parse(parameters.GetValueOrDefault("owner_id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        if (!groups.TryGetValue(-ownerId, out var group))
        {
            return (null, (100, "One of the parameters specified was missing or invalid: owner_id is incorrect"));
        }

        if (group.WallError is { } code)
        {
            return (null, (code, group.WallErrorMessage ?? (code == 15 ? "Access denied: this wall available only for community members" : "Error")));
        }

        return group.IsClosed > 0 ? (null, (15, "Access denied: this wall available only for community members")) : (answer(group), null);
    }

    private void Count(string method) => calls.AddOrUpdate(method, 1, (_, n) => n + 1);

    private static JsonObject Error(int code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["error_code"] = code,
            ["error_msg"] = message,
            ["request_params"] = new JsonArray(new JsonObject { ["key"] = "v", ["value"] = "5.199" }),
        },
    };

    private static IResult Json(JsonNode body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    /// <summary>
    /// A JSON body written from its parts straight into the response, UTF-8 encoded into the pipe's pooled buffers. Joining an
    /// execute answer of a few hundred kilobytes into strings first cost the fake about a megabyte of large-object garbage per
    /// request, and the collections that followed paused it: beside the collection bench, a paused fake stamps the requests
    /// that queued meanwhile as arriving together.
    /// </summary>
    private sealed class JsonParts(IReadOnlyList<string> parts) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = parts.Sum(part => (long)System.Text.Encoding.UTF8.GetByteCount(part));
            foreach (var part in parts)
            {
                System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, part.AsSpan(), response.BodyWriter);
            }

            await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }

    [GeneratedRegex(@"API\.(?<method>[a-zA-Z]+\.[a-zA-Z]+)\((?<args>\{[^}]*\})\)")]
    private static partial Regex ApiCall();
}

/// <summary>A token the fake knows: its type, rate, daily budget and misbehaviour.</summary>
public sealed class FakeVkToken(string value, string type, double requestsPerSecond, int dailyWallGetBudget)
{
    private readonly Lock sync = new();
    private readonly Queue<long> admitted = new();
    private int wallGetSpent;
    private long requests;

    public string Value { get; } = value;

    public string Type { get; } = type;

    public double RequestsPerSecond { get; } = requestsPerSecond;

    /// <summary>Answer every request with this auth error (5, 27 or 28).</summary>
    public int? RefusedWith { get; set; }

    public bool CaptchaNeeded { get; set; }

    public int WallGetSpent => wallGetSpent;

    /// <summary>Requests that came with this token, answered or refused.</summary>
    public long Requests => Interlocked.Read(ref requests);

    internal void CountRequest() => Interlocked.Increment(ref requests);

    /// <summary>VK's counting: more than the allowed number of requests within any one second is error 6.</summary>
    public bool TryAdmit(long arrivedTimestamp)
    {
        lock (sync)
        {
            var windowStart = arrivedTimestamp - Stopwatch.Frequency;
            while (admitted.Count > 0 && admitted.Peek() <= windowStart)
            {
                admitted.Dequeue();
            }

            if (admitted.Count >= Math.Max(1, (int)Math.Floor(RequestsPerSecond)))
            {
                return false;
            }

            admitted.Enqueue(arrivedTimestamp);
            return true;
        }
    }

    public bool TrySpendWallGet() => Interlocked.Increment(ref wallGetSpent) <= dailyWallGetBudget;
}

/// <summary>Counters of a fake VK; arrivals are <see cref="Stopwatch"/> timestamps (a monotonic clock shared by processes on Linux).</summary>
public sealed record FakeVkStats(long Requests, long TooManyRequestsAnswers, IReadOnlyDictionary<string, int> Calls, IReadOnlyList<long> Arrivals);

/// <summary>One misbehaviour for the next matching request; an error's <c>error_msg</c> is <paramref name="ErrorMessage"/> when given.</summary>
public sealed record FakeVkFault(string? Method = null, int? HttpStatus = null, bool MalformedJson = false, int? ErrorCode = null, TimeSpan Delay = default, string? ErrorMessage = null);
