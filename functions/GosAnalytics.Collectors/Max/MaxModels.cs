using System.Text.Json;
using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;

namespace GosAnalytics.Collectors.Max;

/// <summary>The Bot API's times; every other member is read with <see cref="PlatformJson"/>.</summary>
internal static class MaxJson
{
    /// <summary>A Bot API time (<see cref="MaxTimestamps"/>: milliseconds, or seconds).</summary>
    public static DateTimeOffset? Time(JsonElement element, string name) => PlatformJson.Long(element, name) is { } value ? MaxTimestamps.FromUnix(value) : null;
}

/// <summary>A chat as <c>GET /chats/{chatId}</c> answers it; only what the collector reads.</summary>
/// <param name="Description">The channel's description, where a channel shows its contacts and site (a Chat has no field for them).</param>
internal sealed record MaxChat(long ChatId, string? Type, string? Status, string? Title, long ParticipantsCount, string? Link, bool HasDescription, bool HasIcon, string? Description = null)
{
    public static MaxChat? Read(JsonElement chat) =>
        PlatformJson.Long(chat, "chat_id") is not { } id
            ? null
            : new MaxChat(
                id,
                PlatformJson.String(chat, "type"),
                PlatformJson.String(chat, "status"),
                PlatformJson.String(chat, "title"),
                PlatformJson.Long(chat, "participants_count") ?? 0,
                PlatformJson.String(chat, "link"),
                !string.IsNullOrWhiteSpace(PlatformJson.String(chat, "description")),
                PlatformJson.Object(chat, "icon") is { } icon && !string.IsNullOrWhiteSpace(PlatformJson.String(icon, "url")),
                PlatformJson.String(chat, "description"));

    /// <summary>The channel's public name from its <c>link</c> (<c>https://max.ru/name</c>), lower-case; null for a private channel.</summary>
    public string? PublicName
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Link))
            {
                return null;
            }

            var text = Link.Trim();
            var path = Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri.AbsolutePath : text;
            var name = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimStart('@');
            return string.IsNullOrEmpty(name) ? null : name.ToLowerInvariant();
        }
    }
}

/// <summary>
/// A channel post (<c>Message</c>) or a comment (<c>CommentMessage</c>): both have a body with <c>mid</c>, a timestamp, an
/// optional sender (null: on behalf of the channel) and an optional link (<c>forward</c> or <c>reply</c>).
/// </summary>
/// <param name="Url">A channel post's public link (<c>url</c>, <c>https://max.ru/{name}/{code}</c>), kept only when it is an absolute https URL (<see cref="PageUrls.Given"/>).</param>
internal sealed record MaxMessage(
    string Mid,
    DateTimeOffset Timestamp,
    string Text,
    IReadOnlyDictionary<AttachmentKind, int> Attachments,
    long? SenderId,
    bool SenderIsBot,
    string? LinkType,
    string? LinkedMid,
    long? Views,
    string? Url = null)
{
    public bool HasSender => SenderId is not null;

    /// <summary>The message, or null without a <c>mid</c> or a time (it can be neither named nor placed in the window).</summary>
    public static MaxMessage? Read(JsonElement message)
    {
        var body = PlatformJson.Object(message, "body");
        var mid = body is { } b ? PlatformJson.String(b, "mid") : null;
        if (string.IsNullOrEmpty(mid) || MaxJson.Time(message, "timestamp") is not { } timestamp)
        {
            return null;
        }

        var attachments = new Dictionary<AttachmentKind, int>();
        foreach (var attachment in PlatformJson.Array(body!.Value, "attachments"))
        {
            var kind = KindOf(PlatformJson.String(attachment, "type"));
            if (kind is { } k)
            {
                attachments[k] = attachments.GetValueOrDefault(k) + 1;
            }
        }

        var sender = PlatformJson.Object(message, "sender");
        var link = PlatformJson.Object(message, "link");
        var linked = link is { } l ? PlatformJson.Object(l, "message") : null;
        return new MaxMessage(
            mid,
            timestamp,
            PlatformJson.String(body.Value, "text") ?? "",
            attachments,
            sender is { } s ? PlatformJson.Long(s, "user_id") ?? 0 : null,
            sender is { } bot && PlatformJson.Bool(bot, "is_bot") == true,
            link is { } type ? PlatformJson.String(type, "type") : null,
            linked is { } m ? PlatformJson.String(m, "mid") : null,
            PlatformJson.Object(message, "stat") is { } stat ? PlatformJson.Long(stat, "views") : null,
            PageUrls.Given(PlatformJson.String(message, "url")));
    }

    /// <summary>
    /// What an attachment counts as. Stickers, contacts, locations, buttons and any type the schema adds later are
    /// <see cref="AttachmentKind.Other"/>: a new type must never fail a page.
    /// </summary>
    public static AttachmentKind? KindOf(string? type) => type?.ToLowerInvariant() switch
    {
        null or "" => null,
        "image" => AttachmentKind.Photo,
        "video" => AttachmentKind.Video,
        "audio" => AttachmentKind.Audio,
        "file" => AttachmentKind.Document,
        "share" => AttachmentKind.Link,
        _ => AttachmentKind.Other,
    };
}
