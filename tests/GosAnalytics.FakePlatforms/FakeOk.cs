using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.FakePlatforms;

/// <summary>
/// OK's <c>fb.do</c> endpoint for <c>url.getInfo</c>, <c>group.getInfo</c>, <c>group.getCounters</c> and <c>mediatopic.getTopics</c>.
/// It checks the application key, the signature (by its own copy of the documented rule, so that a client bug cannot hide behind a
/// shared implementation) and the token, answering errors like OK: HTTP 200, a JSON error body and the <c>invocation-error</c> header.
/// </summary>
public sealed class FakeOk(string applicationKey, string applicationSecretKey, string accessToken) : FakeServer
{
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> queryStrings = new();
    private readonly ConcurrentDictionary<string, int> malformedLeft = new(StringComparer.Ordinal);
    private readonly Lock failuresSync = new();
    private readonly Queue<(FakeOkFailure Kind, string? Method)> failures = new();

    public string ApplicationKey { get; } = applicationKey;

    public string ApplicationSecretKey { get; } = applicationSecretKey;

    public string AccessToken { get; } = accessToken;

    public Dictionary<string, FakeOkGroup> Groups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<FakeOkTopic>> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>Short names that <c>url.getInfo</c> resolves to something other than a group, e.g. <c>ivan.petrov → USER</c>.</summary>
    public Dictionary<string, (string Id, string Type)> OtherObjects { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Errors <c>mediatopic.getTopics</c> answers for a group id instead of its feed, e.g. 456 GROUP_RESTRICTION.</summary>
    public Dictionary<string, (int Code, string Message)> TopicErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors <c>group.getInfo</c> answers for the whole call when its <c>uids</c> include one of these ids, e.g. 160 PARAM_GROUP_ID.</summary>
    public Dictionary<string, (int Code, string Message)> GroupInfoErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Every call answers 102 PARAM_SESSION_EXPIRED, as when a long-lived token was not renewed.</summary>
    public bool SessionExpired { get; set; }

    /// <summary>Methods that answer the literal <c>null</c> (an empty result).</summary>
    public HashSet<string> NullMethods { get; } = new(StringComparer.Ordinal);

    /// <summary>Answer group beans with upper-case member names (<c>UID</c>, <c>MEMBERS_COUNT</c>).</summary>
    public bool UpperCaseGroupFields { get; set; }

    /// <summary>Answers take this long (cancelled when the client gives up); <see cref="SlowMethod"/> limits it to one method.</summary>
    public TimeSpan Delay { get; set; }

    public string? SlowMethod { get; set; }

    /// <summary>Raw query strings of the requests that had one; a client that keeps secrets out of URLs leaves this empty.</summary>
    public IReadOnlyCollection<string> QueryStrings => queryStrings;

    public int CallsOf(string method) => calls.GetValueOrDefault(method);

    public int TotalCalls => calls.Values.Sum();

    /// <summary>The next <paramref name="times"/> calls (of <paramref name="method"/>, or of any method) fail transiently.</summary>
    public void FailNext(int times, FakeOkFailure kind, string? method = null)
    {
        lock (failuresSync)
        {
            for (var i = 0; i < times; i++)
            {
                failures.Enqueue((kind, method));
            }
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> answer a body cut off mid-JSON.</summary>
    public void AnswerMalformed(string method, int times = 1) => malformedLeft[method] = times;

    /// <summary>The documented signature rule, written independently of the client's.</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string token, string secretKey)
    {
        var secret = Md5(token + secretKey);
        var text = string.Concat(parameters
            .Where(p => p.Key is not ("access_token" or "session_key" or "sig"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        return Md5(text + secret);
    }

#pragma warning disable CA5351 // OK's protocol uses MD5.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    protected override void Map(WebApplication app) => app.MapMethods("/fb.do", ["GET", "POST"], HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.QueryString.HasValue)
        {
            queryStrings.Enqueue(context.Request.QueryString.Value!);
        }

        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                parameters[key] = value.ToString();
            }
        }

        var method = parameters.GetValueOrDefault("method") ?? "";
        calls.AddOrUpdate(method, 1, (_, count) => count + 1);

        if (Delay > TimeSpan.Zero && (SlowMethod is null || SlowMethod == method))
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (TakeFailure(method) is { } failure)
        {
            if (failure == FakeOkFailure.Http503)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await WriteErrorAsync(context, 2, "SERVICE : Service temporary unavailable");
            return;
        }

        if (malformedLeft.TryGetValue(method, out var left) && left > 0 && malformedLeft.TryUpdate(method, left - 1, left))
        {
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.WriteAsync("{\"media_topics\":[{\"id\":", context.RequestAborted);
            return;
        }

        if (parameters.GetValueOrDefault("application_key") != ApplicationKey)
        {
            await WriteErrorAsync(context, 101, "PARAM_API_KEY : Application not exist");
            return;
        }

        var token = parameters.GetValueOrDefault("access_token") ?? "";
        if (parameters.GetValueOrDefault("sig") != Sign(parameters, token, ApplicationSecretKey))
        {
            await WriteErrorAsync(context, 104, "PARAM_SIGNATURE : Invalid signature");
            return;
        }

        if (SessionExpired || token != AccessToken)
        {
            await WriteErrorAsync(context, 102, "PARAM_SESSION_EXPIRED : Session expired");
            return;
        }

        if (NullMethods.Contains(method))
        {
            await WriteJsonAsync(context, "null");
            return;
        }

        switch (method)
        {
            case "url.getInfo":
                await UrlGetInfoAsync(context, parameters);
                break;
            case "group.getInfo":
                await GroupGetInfoAsync(context, parameters);
                break;
            case "group.getCounters":
                await GroupGetCountersAsync(context, parameters);
                break;
            case "mediatopic.getTopics":
                await GetTopicsAsync(context, parameters);
                break;
            default:
                await WriteErrorAsync(context, 3, "METHOD : Method does not exist");
                break;
        }
    }

    private FakeOkFailure? TakeFailure(string method)
    {
        lock (failuresSync)
        {
            if (failures.TryPeek(out var next) && (next.Method is null || next.Method == method))
            {
                failures.Dequeue();
                return next.Kind;
            }

            return null;
        }
    }

    private Task UrlGetInfoAsync(HttpContext context, Dictionary<string, string> parameters)
    {
        var url = parameters.GetValueOrDefault("url") ?? "";
        const string Prefix = "https://ok.ru/";
        var name = url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? url[Prefix.Length..].Trim('/') : "";
        var group = Groups.Values.FirstOrDefault(g => string.Equals(g.ShortName, name, StringComparison.OrdinalIgnoreCase));
        if (group is not null)
        {
            return WriteJsonAsync(context, new JsonObject { ["objectId"] = long.Parse(group.Id, CultureInfo.InvariantCulture), ["objectIdStr"] = group.Id, ["type"] = "GROUP" }.ToJsonString());
        }

        if (OtherObjects.TryGetValue(name, out var other))
        {
            return WriteJsonAsync(context, new JsonObject { ["objectId"] = long.Parse(other.Id, CultureInfo.InvariantCulture), ["type"] = other.Type }.ToJsonString());
        }

        return WriteErrorAsync(context, 300, "NOT_FOUND : Object not found");
    }

    private Task GroupGetInfoAsync(HttpContext context, Dictionary<string, string> parameters)
    {
        var fields = Fields(parameters, "fields");
        var ids = (parameters.GetValueOrDefault("uids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var id in ids)
        {
            if (GroupInfoErrors.TryGetValue(id, out var error))
            {
                return WriteErrorAsync(context, error.Code, error.Message);
            }
        }

        var answer = new JsonArray();
        foreach (var id in ids)
        {
            if (!Groups.TryGetValue(id, out var group))
            {
                continue; // OK leaves unknown ids out of the array.
            }

            var bean = new JsonObject();
            void Put(string field, JsonNode? value)
            {
                if (fields.Contains(field) && value is not null)
                {
                    bean[UpperCaseGroupFields ? field.ToUpperInvariant() : field] = value;
                }
            }

            Put("uid", group.Id);
            Put("name", group.Name);
            Put("shortname", group.ShortName);
            Put("members_count", group.MembersInInfo ? group.Members : null);
            Put("description", group.Description);
            Put("pic_avatar", group.PicAvatar);
            Put("access_type", group.AccessType);
            Put("homepage_url", group.HomepageUrl);
            answer.Add(bean);
        }

        return WriteJsonAsync(context, answer.ToJsonString());
    }

    private Task GroupGetCountersAsync(HttpContext context, Dictionary<string, string> parameters)
    {
        if (!Groups.TryGetValue(parameters.GetValueOrDefault("group_id") ?? "", out var group))
        {
            return WriteErrorAsync(context, 160, "PARAM_GROUP_ID : Invalid group id");
        }

        var counters = new JsonObject();
        if (Fields(parameters, "counterTypes").Contains("members"))
        {
            counters["members"] = group.Members;
        }

        return WriteJsonAsync(context, new JsonObject { ["counters"] = counters }.ToJsonString());
    }

    private Task GetTopicsAsync(HttpContext context, Dictionary<string, string> parameters)
    {
        var gid = parameters.GetValueOrDefault("gid") ?? "";
        if (TopicErrors.TryGetValue(gid, out var error))
        {
            return WriteErrorAsync(context, error.Code, error.Message);
        }

        if (!Groups.ContainsKey(gid))
        {
            return WriteErrorAsync(context, 160, "PARAM_GROUP_ID : Invalid group id");
        }

        var fields = Fields(parameters, "fields");
        var count = int.TryParse(parameters.GetValueOrDefault("count"), CultureInfo.InvariantCulture, out var c) ? Math.Clamp(c, 1, 100) : 10;
        var offset = parameters.GetValueOrDefault("anchor") is { } anchor ? DecodeAnchor(anchor) : 0;

        // The feed order: pinned first, then newest first.
        var feed = Topics.GetValueOrDefault(gid, []).OrderByDescending(t => t.IsSticky).ThenByDescending(t => t.CreatedAt).ToList();
        var items = new JsonArray();
        foreach (var topic in feed.Skip(offset).Take(count))
        {
            items.Add(TopicJson(topic, fields));
        }

        var next = offset + count;
        var answer = new JsonObject
        {
            ["media_topics"] = items,
            ["entities"] = new JsonObject(),
            ["has_more"] = next < feed.Count,
        };
        if (next < feed.Count)
        {
            answer["anchor"] = EncodeAnchor(next);
        }

        return WriteJsonAsync(context, answer.ToJsonString());
    }

    private static JsonObject TopicJson(FakeOkTopic topic, HashSet<string> fields)
    {
        var json = new JsonObject();
        void Put(string field, JsonNode? value)
        {
            if (fields.Contains("media_topic." + field) && value is not null)
            {
                json[field] = value;
            }
        }

        Put("id", topic.Id);
        Put("created_ms", topic.CreatedAt.ToUnixTimeMilliseconds());
        Put("is_sticky", topic.IsSticky ? true : null);
        var media = new JsonArray();
        foreach (var item in topic.Media ?? [])
        {
            var node = new JsonObject { ["type"] = item.Type };
            switch (item.Type)
            {
                case "text":
                    node["text"] = item.Text ?? "";
                    break;
                case "photo":
                    node["photo_refs"] = new JsonArray(Enumerable.Range(1, item.Refs).Select(i => (JsonNode)$"photo:{topic.Id}{i}").ToArray());
                    break;
                case "movie":
                    node["movie_refs"] = new JsonArray(Enumerable.Range(1, item.Refs).Select(i => (JsonNode)$"movie:{topic.Id}{i}").ToArray());
                    break;
                case "reshare":
                    node["reshare_owner_refs"] = new JsonArray((JsonNode)"group:1");
                    break;
            }

            media.Add(node);
        }

        Put("media", media);
        Put("like_summary", topic.Likes is { } likes ? new JsonObject { ["count"] = likes, ["self"] = false } : null);
        Put("discussion_summary", topic.Comments is { } comments ? new JsonObject { ["comments_count"] = comments } : null);
        Put("reshare_summary", topic.Reshares is { } reshares ? new JsonObject { ["count"] = reshares, ["self"] = false } : null);
        Put("views_count", topic.Views);
        return json;
    }

    private static HashSet<string> Fields(Dictionary<string, string> parameters, string name) =>
        (parameters.GetValueOrDefault(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    // Opaque to the client, like OK's own anchors.
    private static string EncodeAnchor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeAnchor(string anchor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(anchor));
            return text.StartsWith("offset:", StringComparison.Ordinal) ? int.Parse(text["offset:".Length..], CultureInfo.InvariantCulture) : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int code, string message)
    {
        context.Response.Headers["invocation-error"] = code.ToString(CultureInfo.InvariantCulture);
        return WriteJsonAsync(context, new JsonObject { ["error_code"] = code, ["error_msg"] = message, ["error_data"] = null }.ToJsonString());
    }

    private static Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json;charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}
