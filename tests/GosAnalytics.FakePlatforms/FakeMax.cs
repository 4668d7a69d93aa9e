using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.FakePlatforms;

/// <summary>
/// A fake MAX Bot API (schema v0.0.32/33 shapes) on a real port: <c>GET /chats/{chatId|link}</c>, <c>GET /messages</c> (newest
/// first, paged by <c>before</c>), <c>GET /messages/{mid}/comments</c> and <c>GET /updates</c> (long polling with a marker). Like
/// MAX it wants the raw token in the <c>Authorization</c> header (401 <c>verify.token</c> for anything else, a <c>Bearer</c> prefix
/// or an <c>access_token</c> query parameter included), allows <see cref="RequestsPerSecond"/> requests in any one second (429
/// beyond, counted), and answers errors as <c>{"code","message"}</c>.
/// </summary>
public sealed class FakeMax(string botToken) : FakeServer
{
    private const string ArrivedItem = "fake-max-arrived";

    private readonly ConcurrentDictionary<long, FakeMaxChannel> channels = new();
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeMaxFault> faults = new();
    private readonly ConcurrentQueue<long> arrivals = new();
    private readonly Lock rateSync = new();
    private readonly Queue<long> admitted = new();
    private readonly Lock updatesSync = new();
    private readonly List<JsonObject> updates = [];
    private long requests;
    private long tooManyRequests;
    private long unauthorized;

    public string BotToken { get; } = botToken;

    /// <summary>MAX's limit per bot: more requests than this within any one second answer 429.</summary>
    public int RequestsPerSecond { get; set; } = 30;

    /// <summary>Serve every time (and read every <c>before</c>) in seconds instead of milliseconds.</summary>
    public bool TimestampsInSeconds { get; set; }

    /// <summary>Added to every answer, to look like a network away.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Answer <c>/messages</c> as an API that does not know <c>before</c> does: always the newest page.</summary>
    public bool IgnoreBefore { get; set; }

    /// <summary>HTTP requests received, answered or refused.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>429 answers given: the collector's pacing should keep this at zero.</summary>
    public long TooManyRequestsAnswers => Interlocked.Read(ref tooManyRequests);

    /// <summary>401 answers given (a wrong or missing token, a <c>Bearer</c> prefix, a token in the query).</summary>
    public long UnauthorizedAnswers => Interlocked.Read(ref unauthorized);

    /// <summary>When each request arrived (<see cref="Stopwatch"/> timestamps), for throughput measurements.</summary>
    public IReadOnlyList<long> Arrivals => [.. arrivals];

    /// <summary>Requests by route: <c>chats</c>, <c>messages</c>, <c>comments</c>, <c>updates</c>.</summary>
    public int CallsOf(string route) => calls.GetValueOrDefault(route);

    public FakeMaxStats Stats() => new(Requests, TooManyRequestsAnswers, new Dictionary<string, int>(calls), Arrivals);

    public FakeMaxChannel AddChannel(FakeMaxChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        channels[channel.ChatId] = channel;
        return channel;
    }

    /// <summary>The next request (of the fault's route, or any) misbehaves once as described.</summary>
    public void Inject(FakeMaxFault fault) => faults.Enqueue(fault);

    /// <summary>A <c>bot_added</c> update (<c>BotAddedToChatUpdate</c>): the bot was made an administrator of <paramref name="chatId"/>.</summary>
    public void AddBotAdded(long chatId, DateTimeOffset at, long userId = 1001, bool isChannel = true) => AddUpdate("bot_added", chatId, at, userId, isChannel);

    /// <summary>A <c>bot_removed</c> update (<c>BotRemovedFromChatUpdate</c>).</summary>
    public void AddBotRemoved(long chatId, DateTimeOffset at, long userId = 1001, bool isChannel = true) => AddUpdate("bot_removed", chatId, at, userId, isChannel);

    private void AddUpdate(string type, long chatId, DateTimeOffset at, long userId, bool isChannel)
    {
        var update = new JsonObject
        {
            ["update_type"] = type,
            ["timestamp"] = Time(at),
            ["chat_id"] = chatId,
            ["user"] = new JsonObject
            {
                ["user_id"] = userId,
                ["first_name"] = "Администратор",
                ["last_name"] = null,
                ["username"] = null,
                ["is_bot"] = false,
                ["last_activity_time"] = Time(at),
            },
            ["is_channel"] = isChannel,
        };
        lock (updatesSync)
        {
            updates.Add(update);
        }
    }

    protected override void Map(WebApplication app)
    {
        // The moment of arrival is taken first thing, before routing, so that the rate check sees as little of this process's
        // own scheduling as possible.
        app.Use((context, next) =>
        {
            context.Items[ArrivedItem] = Stopwatch.GetTimestamp();
            return next(context);
        });
        app.MapGet("/stats", () => Results.Json(Stats()));
        app.MapGet("/chats/{chat}", (HttpContext context, string chat) => HandleAsync(context, "chats", () => Chat(chat)));
        app.MapGet("/messages", (Delegate)((HttpContext context) => HandleAsync(context, "messages", () => Messages(context.Request.Query))));
        app.MapGet("/messages/{mid}/comments", (HttpContext context, string mid) => HandleAsync(context, "comments", () => Comments(mid, context.Request.Query)));
        app.MapGet("/updates", (Delegate)((HttpContext context) => HandleAsync(context, "updates", () => Updates(context.Request.Query))));
    }

    private async Task<IResult> HandleAsync(HttpContext context, string route, Func<IResult> answer)
    {
        var arrived = (long)context.Items[ArrivedItem]!;
        Interlocked.Increment(ref requests);
        arrivals.Enqueue(arrived);
        calls.AddOrUpdate(route, 1, (_, count) => count + 1);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization != BotToken || context.Request.Query.ContainsKey("access_token"))
        {
            Interlocked.Increment(ref unauthorized);
            return Error(StatusCodes.Status401Unauthorized, "verify.token", "Invalid access_token");
        }

        if (!TryAdmit(arrived))
        {
            Interlocked.Increment(ref tooManyRequests);
            return Error(StatusCodes.Status429TooManyRequests, "too.many.requests", "Too many requests");
        }

        if (TakeFault(route) is { } fault)
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }

            if (fault.RetryAfterSeconds is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }

            if (fault.HttpStatus is { } status)
            {
                return Error(status, status == 503 ? "service.unavailable" : "internal.error", "Injected failure");
            }

            if (fault.MalformedJson)
            {
                return Results.Text("{\"messages\": [ {\"sender\": null, \"timestamp\": ", "application/json");
            }
        }

        return answer();
    }

    private FakeMaxFault? TakeFault(string route)
    {
        if (faults.TryPeek(out var next) && (next.Route is null || next.Route == route) && faults.TryDequeue(out var taken))
        {
            return taken;
        }

        return null;
    }

    /// <summary>MAX's counting: more than <see cref="RequestsPerSecond"/> admitted requests within any one second is 429.</summary>
    private bool TryAdmit(long arrived)
    {
        lock (rateSync)
        {
            var windowStart = arrived - Stopwatch.Frequency;
            while (admitted.Count > 0 && admitted.Peek() <= windowStart)
            {
                admitted.Dequeue();
            }

            if (admitted.Count >= RequestsPerSecond)
            {
                return false;
            }

            admitted.Enqueue(arrived);
            return true;
        }
    }

    private IResult Chat(string chat)
    {
        var channel = Find(chat);
        if (channel is null)
        {
            return Error(StatusCodes.Status404NotFound, "chat.not.found", $"Chat {chat} not found");
        }

        return channel.BotRemoved ? Denied() : Json(channel.ToJson(Time(DateTimeOffset.UtcNow)));
    }

    private FakeMaxChannel? Find(string chat)
    {
        if (long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return channels.GetValueOrDefault(id);
        }

        var name = chat.TrimStart('@');
        return channels.Values.FirstOrDefault(c => string.Equals(c.Link, name, StringComparison.OrdinalIgnoreCase));
    }

    private IResult Messages(IQueryCollection query)
    {
        if (!long.TryParse(query["chat_id"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return Error(StatusCodes.Status400BadRequest, "proto.payload", "chat_id or message_ids is required");
        }

        if (!TryCount(query, out var count, out var problem))
        {
            return problem!;
        }

        if (!channels.TryGetValue(chatId, out var channel))
        {
            return Error(StatusCodes.Status404NotFound, "chat.not.found", $"Chat {chatId} not found");
        }

        if (channel.BotRemoved)
        {
            return Denied();
        }

        var before = IgnoreBefore ? null : Before(query);
        var page = channel.Posts
            .Where(p => before is null || Time(p.At) < before)
            .OrderByDescending(p => p.At)
            .Take(count)
            .Select(p => (JsonNode)PostJson(channel, p))
            .ToArray();
        return Json(new JsonObject { ["messages"] = new JsonArray(page) });
    }

    private IResult Comments(string mid, IQueryCollection query)
    {
        if (!TryCount(query, out var count, out var problem))
        {
            return problem!;
        }

        var channel = channels.Values.FirstOrDefault(c => c.Posts.Any(p => p.Mid == mid));
        if (channel is null)
        {
            return Error(StatusCodes.Status404NotFound, "message.not.found", $"Message {mid} not found");
        }

        if (channel.BotRemoved)
        {
            return Denied();
        }

        var before = Before(query);
        var page = channel.Comments.GetValueOrDefault(mid, [])
            .Where(c => before is null || Time(c.At) < before)
            .OrderByDescending(c => c.At)
            .Take(count)
            .Select(c => (JsonNode)CommentJson(channel, mid, c))
            .ToArray();
        return Json(new JsonObject { ["messages"] = new JsonArray(page) });
    }

    private IResult Updates(IQueryCollection query)
    {
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 100;
        if (limit is < 1 or > 1000)
        {
            return Error(StatusCodes.Status400BadRequest, "proto.payload", "limit: must be between 1 and 1000");
        }

        var marker = long.TryParse(query["marker"], CultureInfo.InvariantCulture, out var m) ? m : 0;
        var types = query["types"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        lock (updatesSync)
        {
            // The marker is the index of the next update: what a client has not seen yet. Types filter what is served, not the marker.
            var from = (int)Math.Clamp(marker, 0, updates.Count);
            var served = updates.Skip(from).Take(limit).ToList();
            var next = from + served.Count;
            var items = served
                .Where(u => types.Count == 0 || types.Contains(u["update_type"]!.GetValue<string>()))
                .Select(u => u.DeepClone())
                .ToArray();
            return Json(new JsonObject { ["updates"] = new JsonArray(items), ["marker"] = next });
        }
    }

    /// <summary>The code of a post's public link, like MAX's (<c>AZvGd2khRSE</c>): 11 base64url characters, stable for a <paramref name="mid"/>.</summary>
    public static string PublicCode(string mid) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(mid)).AsSpan(0, 8));

    private JsonObject PostJson(FakeMaxChannel channel, FakeMaxPost post)
    {
        var attachments = new JsonArray();
        foreach (var type in post.AttachmentTypes)
        {
            attachments.Add(AttachmentJson(type, post.Mid));
        }

        var message = new JsonObject
        {
            ["sender"] = null,
            ["recipient"] = new JsonObject { ["chat_id"] = channel.ChatId, ["chat_type"] = "channel", ["user_id"] = null },
            ["timestamp"] = Time(post.At),
            ["link"] = post.Forward
                ? new JsonObject
                {
                    ["type"] = "forward",
                    ["sender"] = null,
                    ["chat_id"] = -70000000000001L,
                    ["message"] = new JsonObject { ["mid"] = "mid.original" + post.Mid, ["seq"] = 1, ["text"] = "Оригинал", ["attachments"] = null, ["markup"] = null },
                }
                : null,
            ["body"] = new JsonObject
            {
                ["mid"] = post.Mid,
                ["seq"] = 116327994376978687L,
                ["text"] = post.Text,
                ["attachments"] = attachments,
                ["markup"] = new JsonArray(),
            },
            // As the Bot API: the post's public link carries an opaque code, not the mid; a private channel's posts have none.
            ["url"] = post.Url ?? (channel.Link is null ? null : $"https://max.ru/{channel.Link}/{PublicCode(post.Mid)}"),
        };
        if (post.Views is { } views)
        {
            message["stat"] = new JsonObject { ["views"] = views };
        }

        if (channel.WithUnknownFields)
        {
            message["reactions"] = new JsonObject { ["👍"] = 5 };
        }

        return message;
    }

    private JsonObject CommentJson(FakeMaxChannel channel, string postMid, FakeMaxComment comment) => new()
    {
        ["sender"] = comment.SenderUserId is { } user
            ? new JsonObject { ["user_id"] = user, ["first_name"] = "Житель", ["last_name"] = null, ["username"] = null, ["is_bot"] = false }
            : null,
        ["recipient"] = new JsonObject { ["chat_id"] = channel.ChatId, ["chat_type"] = "channel", ["post_id"] = postMid },
        ["timestamp"] = Time(comment.At),
        ["link"] = comment.ReplyTo is { } target
            ? new JsonObject
            {
                ["type"] = "reply",
                ["message"] = new JsonObject { ["mid"] = target, ["seq"] = 1, ["text"] = "Вопрос" },
            }
            : null,
        ["body"] = new JsonObject { ["mid"] = comment.Mid, ["seq"] = 116327994376978688L, ["text"] = comment.Text, ["markup"] = null },
    };

    /// <summary>An attachment in the schema's shape for its type; a type the schema does not know gets an empty payload.</summary>
    private static JsonObject AttachmentJson(string type, string mid) => type switch
    {
        "image" => new JsonObject { ["type"] = type, ["payload"] = new JsonObject { ["photo_id"] = 1, ["token"] = "img-" + mid, ["url"] = "https://i.max.ru/p/" + mid } },
        "video" => new JsonObject
        {
            ["type"] = type,
            ["payload"] = new JsonObject { ["url"] = "https://max.ru/v/" + mid, ["token"] = "vid-" + mid },
            ["thumbnail"] = new JsonObject { ["url"] = "https://i.max.ru/t/" + mid },
            ["width"] = 1280,
            ["height"] = 720,
            ["duration"] = 95,
        },
        "audio" or "file" => new JsonObject { ["type"] = type, ["payload"] = new JsonObject { ["url"] = "https://max.ru/f/" + mid, ["token"] = "f-" + mid }, ["filename"] = "doc.pdf", ["size"] = 1024 },
        "share" => new JsonObject { ["type"] = type, ["payload"] = new JsonObject { ["url"] = "https://gosuslugi.ru/" }, ["title"] = "Госуслуги", ["description"] = null, ["image_url"] = null },
        "sticker" => new JsonObject { ["type"] = type, ["payload"] = new JsonObject { ["url"] = "https://i.max.ru/s/1", ["code"] = "s1" }, ["width"] = 128, ["height"] = 128 },
        "location" => new JsonObject { ["type"] = type, ["latitude"] = 50.27, ["longitude"] = 127.53 },
        _ => new JsonObject { ["type"] = type, ["payload"] = new JsonObject() },
    };

    private static bool TryCount(IQueryCollection query, out int count, out IResult? problem)
    {
        problem = null;
        count = 50;
        if (query.ContainsKey("count") && (!int.TryParse(query["count"], CultureInfo.InvariantCulture, out count) || count is < 1 or > 100))
        {
            problem = Error(StatusCodes.Status400BadRequest, "proto.payload", "count: must be between 1 and 100");
            return false;
        }

        return true;
    }

    private static long? Before(IQueryCollection query) =>
        long.TryParse(query["before"], CultureInfo.InvariantCulture, out var before) ? before : null;

    private long Time(DateTimeOffset at) => TimestampsInSeconds ? at.ToUnixTimeSeconds() : at.ToUnixTimeMilliseconds();

    private static IResult Denied() =>
        Error(StatusCodes.Status403Forbidden, "chat.denied", "user suspended bot or it doesn't have access to chat");

    private static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["code"] = code, ["message"] = message }.ToJsonString(), "application/json", statusCode: status);

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}

/// <summary>Counters of a fake MAX; arrivals are <see cref="Stopwatch"/> timestamps (a monotonic clock shared by processes on Linux).</summary>
public sealed record FakeMaxStats(long Requests, long TooManyRequestsAnswers, IReadOnlyDictionary<string, int> Calls, IReadOnlyList<long> Arrivals);

/// <summary>
/// One misbehaviour for the next matching request (<paramref name="Route"/>: <c>chats</c>, <c>messages</c>, <c>comments</c>,
/// <c>updates</c>, or any): a pause first, then an HTTP error (with a <c>Retry-After</c> of <paramref name="RetryAfterSeconds"/>
/// when given) or a body cut off mid-JSON.
/// </summary>
public sealed record FakeMaxFault(string? Route = null, int? HttpStatus = null, bool MalformedJson = false, TimeSpan Delay = default, int? RetryAfterSeconds = null);
