using System.Text.Json.Nodes;

namespace GosAnalytics.FakePlatforms;

/// <summary>
/// A channel the fake MAX knows, with its posts and their comments. <paramref name="link"/> is its public name (served as
/// <c>https://max.ru/name</c>); null for a private channel, reachable by chat id only.
/// </summary>
public sealed class FakeMaxChannel(long chatId, string? link, string title)
{
    public long ChatId { get; } = chatId;

    public string? Link { get; } = link;

    public string Title { get; set; } = title;

    /// <summary><c>channel</c>, <c>chat</c> or <c>dialog</c>.</summary>
    public string Type { get; set; } = "channel";

    /// <summary><c>active</c>, <c>removed</c>, <c>left</c>, <c>closed</c> or <c>suspended</c>.</summary>
    public string Status { get; set; } = "active";

    public long Participants { get; set; }

    public string? Description { get; set; }

    public bool HasIcon { get; set; } = true;

    /// <summary>The bot is not (or no longer) an administrator: every call about the channel answers 403 <c>chat.denied</c>.</summary>
    public bool BotRemoved { get; set; }

    /// <summary>Posts, in any order; served newest first.</summary>
    public List<FakeMaxPost> Posts { get; } = [];

    /// <summary>Comments by post <c>mid</c>, in any order; served newest first.</summary>
    public Dictionary<string, List<FakeMaxComment>> Comments { get; } = new(StringComparer.Ordinal);

    /// <summary>Members that the fake adds to every chat and message object, to show that a client ignores what it does not know.</summary>
    public bool WithUnknownFields { get; set; }

    public FakeMaxPost AddPost(string mid, DateTimeOffset at, string text = "Новость", long? views = 100, IReadOnlyList<string>? attachmentTypes = null, bool forward = false, string? url = null)
    {
        var post = new FakeMaxPost(mid, at, text, views, attachmentTypes ?? [], forward, url);
        Posts.Add(post);
        return post;
    }

    /// <summary>A citizen's comment under a post and, when <paramref name="replyAfter"/> is given, the channel's reply to it that much later.</summary>
    public void AddCitizenComment(string postMid, string commentMid, long userId, DateTimeOffset at, TimeSpan? replyAfter = null, string text = "Вопрос")
    {
        var comments = CommentsOf(postMid);
        comments.Add(new FakeMaxComment(commentMid, at, text, userId, ReplyTo: null));
        if (replyAfter is { } after)
        {
            comments.Add(new FakeMaxComment(commentMid + ".reply", at + after, "Ответ", SenderUserId: null, ReplyTo: commentMid));
        }
    }

    public List<FakeMaxComment> CommentsOf(string postMid)
    {
        if (!Comments.TryGetValue(postMid, out var comments))
        {
            Comments[postMid] = comments = [];
        }

        return comments;
    }

    internal JsonObject ToJson(long lastEventTime)
    {
        var chat = new JsonObject
        {
            ["chat_id"] = ChatId,
            ["type"] = Type,
            ["status"] = Status,
            ["title"] = Title,
            ["icon"] = HasIcon ? new JsonObject { ["url"] = $"https://i.max.ru/i?r={ChatId}" } : null,
            ["last_event_time"] = lastEventTime,
            ["participants_count"] = Participants,
            ["owner_id"] = null,
            ["participants"] = null,
            ["is_public"] = Link is not null,
            ["link"] = Link is null ? null : "https://max.ru/" + Link,
            ["description"] = Description,
            ["dialog_with_user"] = null,
            ["messages_count"] = Posts.Count,
            ["chat_message_id"] = null,
            ["pinned_message"] = null,
        };
        if (WithUnknownFields)
        {
            chat["reactions_enabled"] = true;
            chat["future_field"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        }

        return chat;
    }
}

/// <summary>A channel post. <paramref name="Views"/> null leaves <c>stat</c> out, as for a message the Bot API has no views of.</summary>
/// <param name="AttachmentTypes">Attachment <c>type</c>s: image, video, audio, file, share, sticker, location, or anything new.</param>
/// <param name="Url">The post's public link the fake serves as the message's <c>url</c>; null: one made up for a channel with a public name.</param>
public sealed record FakeMaxPost(string Mid, DateTimeOffset At, string Text, long? Views, IReadOnlyList<string> AttachmentTypes, bool Forward, string? Url = null);

/// <summary>A comment: a citizen's (<paramref name="SenderUserId"/> set) or the channel's (null), which may reply to another comment.</summary>
public sealed record FakeMaxComment(string Mid, DateTimeOffset At, string Text, long? SenderUserId, string? ReplyTo);
