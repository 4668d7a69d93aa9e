using System.Globalization;
using System.Text.Json.Nodes;

namespace GosAnalytics.FakePlatforms;

/// <summary>A community the fake VK serves: its description, wall (newest first, pinned on top), comments and videos, all as VK JSON.</summary>
public sealed class FakeVkGroup(long id, string screenName, string name)
{
    public long Id { get; } = id;

    public string ScreenName { get; } = screenName;

    public string Name { get; } = name;

    public long MembersCount { get; set; } = 1000;

    public bool Verified { get; set; }

    public bool? IsGovernmentOrganization { get; set; }

    public string? Deactivated { get; set; }

    public int IsClosed { get; set; }

    public string Description { get; set; } = "Официальная страница";

    public bool HasPhoto { get; set; } = true;

    public int? VideoLiveCount { get; set; }

    /// <summary><c>site</c>: the community's website; left out of the answer when null, as VK does for a community without one.</summary>
    public string? Site { get; set; }

    /// <summary><c>contacts</c> (<c>groups_contacts_item</c>: user_id, desc, phone, email); left out when empty.</summary>
    public List<JsonObject> Contacts { get; } = [];

    /// <summary>An error code every wall read answers with (15, 18, 30, 100, 203 …).</summary>
    public int? WallError { get; set; }

    /// <summary>The <c>error_msg</c> of <see cref="WallError"/>, when not VK's usual text.</summary>
    public string? WallErrorMessage { get; set; }

    public List<JsonObject> Posts { get; } = [];

    public Dictionary<long, List<JsonObject>> Comments { get; } = [];

    public List<JsonObject> Videos { get; } = [];

    public JsonObject Describe()
    {
        var group = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["screen_name"] = ScreenName,
            ["is_closed"] = IsClosed,
            ["type"] = "page",
            ["members_count"] = MembersCount,
            ["verified"] = Verified ? 1 : 0,
            ["description"] = Description,
            ["has_photo"] = HasPhoto ? 1 : 0,
            ["photo_200"] = HasPhoto ? $"https://sun1-1.userapi.com/s/v1/ig2/{Id}.jpg" : "https://vk.com/images/community_200.png",
        };
        if (IsGovernmentOrganization is { } government)
        {
            group["is_government_organization"] = government;
        }

        if (Deactivated is not null)
        {
            group["deactivated"] = Deactivated;
        }

        if (Site is not null)
        {
            group["site"] = Site;
        }

        if (Contacts.Count > 0)
        {
            group["contacts"] = new JsonArray([.. Contacts.Select(c => (JsonNode)c.DeepClone())]);
        }

        if (VideoLiveCount is { } lives)
        {
            group["video_live_count"] = lives;
        }

        return group;
    }

    /// <summary>
    /// Like VK: the pinned post first whatever its date, then the rest newest first. Raw JSON in parts (the posts are serialised
    /// once and shared), so that a benchmark measures the collector, not the fake.
    /// </summary>
    public IReadOnlyList<string> WallResponse(int offset, int count)
    {
        var wall = Wall();
        return Page(string.Create(CultureInfo.InvariantCulture, $"{{\"count\":{wall.Count},\"items\":["), wall.Skip(offset).Take(Math.Min(count, 100)));
    }

    public IReadOnlyList<string> CommentsResponse(long postId, int offset, int count)
    {
        var items = CommentsOf(postId);
        return Page(
            string.Create(CultureInfo.InvariantCulture, $"{{\"count\":{items.Count},\"current_level_count\":{items.Count},\"can_post\":1,\"items\":["),
            items.Skip(offset).Take(Math.Min(count, 100)));
    }

    /// <summary>An object whose last member is an array of already serialised items: <c>{head}item,item…]}</c>, as parts.</summary>
    private static List<string> Page(string head, IEnumerable<string> items)
    {
        var parts = new List<string> { head };
        foreach (var item in items)
        {
            if (parts.Count > 1)
            {
                parts.Add(",");
            }

            parts.Add(item);
        }

        parts.Add("]}");
        return parts;
    }

    /// <summary>
    /// A post's comments, serialised once per change of its list (like the wall): the collection bench runs this fake beside the
    /// collector on the same cores, and the fake's own work must not be what the bench measures.
    /// </summary>
    private List<string> CommentsOf(long postId)
    {
        lock (Comments)
        {
            var items = Comments.GetValueOrDefault(postId) ?? [];
            if (!commentsCache.TryGetValue(postId, out var cached) || cached.Count != items.Count)
            {
                commentsCache[postId] = cached = items.Select(comment => comment.ToJsonString()).ToList();
            }

            return cached;
        }
    }

    private readonly Dictionary<long, List<string>> commentsCache = [];

    public string VideosResponse() => new JsonObject
    {
        ["count"] = Videos.Count,
        ["items"] = new JsonArray(Videos.Select(v => (JsonNode)v.DeepClone()).ToArray()),
    }.ToJsonString();

    /// <summary>The wall in VK's order, serialised once per change of the post list.</summary>
    private List<string> Wall()
    {
        lock (Posts)
        {
            if (wallCache is null || wallCacheCount != Posts.Count)
            {
                wallCache = Posts.OrderByDescending(p => (int?)p["is_pinned"] ?? 0).ThenByDescending(p => (long)p["date"]!).Select(p => p.ToJsonString()).ToList();
                wallCacheCount = Posts.Count;
            }

            return wallCache;
        }
    }

    private List<string>? wallCache;
    private int wallCacheCount;

    /// <summary>A community post as <c>wall_wallpost_full</c>; <paramref name="views"/> null leaves the counter out, as on old posts.</summary>
    public JsonObject AddPost(long postId, DateTimeOffset date, string text, long? views = 100, long likes = 5, long reposts = 1, long comments = 0, bool pinned = false, bool repost = false, params string[] attachmentTypes)
    {
        var post = new JsonObject
        {
            ["inner_type"] = "wall_wallpost",
            ["id"] = postId,
            ["owner_id"] = -Id,
            ["from_id"] = -Id,
            ["date"] = date.ToUnixTimeSeconds(),
            ["post_type"] = repost ? "copy" : "post",
            ["text"] = text,
            ["comments"] = new JsonObject { ["count"] = comments, ["can_post"] = 1 },
            ["likes"] = new JsonObject { ["count"] = likes, ["user_likes"] = 0, ["can_like"] = 1 },
            ["reposts"] = new JsonObject { ["count"] = reposts, ["user_reposted"] = 0 },
            ["post_source"] = new JsonObject { ["type"] = "api" },
        };
        if (views is { } v)
        {
            post["views"] = new JsonObject { ["count"] = v };
        }

        if (pinned)
        {
            post["is_pinned"] = 1;
        }

        if (repost)
        {
            post["copy_history"] = new JsonArray(new JsonObject { ["id"] = 1, ["owner_id"] = -1, ["from_id"] = -1, ["date"] = date.ToUnixTimeSeconds() - 3600, ["text"] = "Исходная запись" });
        }

        if (attachmentTypes.Length > 0)
        {
            post["attachments"] = new JsonArray(attachmentTypes.Select(type => (JsonNode)new JsonObject { ["type"] = type, [type] = new JsonObject { ["id"] = 1, ["owner_id"] = -Id } }).ToArray());
        }

        Posts.Add(post);
        return post;
    }

    /// <summary>A citizen's top-level comment, optionally answered by the community in its thread <paramref name="replyAfter"/> later.</summary>
    public JsonObject AddCitizenComment(long postId, long commentId, long userId, DateTimeOffset date, TimeSpan? replyAfter = null, string? text = null)
    {
        var comment = new JsonObject
        {
            ["id"] = commentId,
            ["from_id"] = userId,
            ["post_id"] = postId,
            ["owner_id"] = -Id,
            ["date"] = date.ToUnixTimeSeconds(),
            ["text"] = text ?? "Когда отремонтируют дорогу?",
        };
        var replies = new JsonArray();
        if (replyAfter is { } delay)
        {
            replies.Add(new JsonObject
            {
                ["id"] = (commentId * 10) + 1,
                ["from_id"] = -Id,
                ["date"] = (date + delay).ToUnixTimeSeconds(),
                ["text"] = "Здравствуйте! Работы запланированы на июнь.",
                ["reply_to_user"] = userId,
                ["reply_to_comment"] = commentId,
                ["parents_stack"] = new JsonArray(commentId),
            });
        }

        comment["thread"] = new JsonObject { ["count"] = replies.Count, ["items"] = replies, ["author_replied"] = replies.Count > 0 };
        lock (Comments)
        {
            if (!Comments.TryGetValue(postId, out var list))
            {
                Comments[postId] = list = [];
            }

            list.Add(comment);
        }

        return comment;
    }

    public JsonObject AddLiveVideo(long videoId, DateTimeOffset start, string status, long views, long spectators, int duration, string title = "Прямой эфир главы района")
    {
        var video = new JsonObject
        {
            ["id"] = videoId,
            ["owner_id"] = -Id,
            ["title"] = title,
            ["type"] = "live",
            ["live"] = 1,
            ["live_status"] = status,
            ["date"] = start.ToUnixTimeSeconds(),
            ["duration"] = duration,
            ["views"] = views,
            ["spectators"] = spectators,
        };
        Videos.Add(video);
        return video;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"club{Id} ({ScreenName})");
}
