using System.Globalization;
using System.Text.Json;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Collectors.Max;

/// <summary>
/// Tolerant reads of the Bot API's JSON: every member may be missing or null, unknown members are ignored, and ids and counters
/// may come as numbers or strings. A shape the collector does not know is never an error of the page.
/// </summary>
internal static class MaxJson
{
    /// <summary>
    /// Times below this are seconds, above it milliseconds: 10^11 seconds is the year 5138, 10^11 milliseconds is March 1973.
    /// The schema says milliseconds (13 digits in the official stubs), but the text of <c>from</c>/<c>to</c> says only "Unix timestamp".
    /// </summary>
    public const long MillisecondsThreshold = 100_000_000_000;

    public static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(name, out value)
            && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    public static string? String(JsonElement element, string name) =>
        TryGet(element, name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Long(JsonElement element, string name) =>
        TryGet(element, name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var number) => number,
                JsonValueKind.Number when value.TryGetDouble(out var real) => (long)real,
                JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;

    public static bool? Bool(JsonElement element, string name) =>
        TryGet(element, name, out var value) ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;

    public static JsonElement? Object(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    /// <summary>A Bot API time: milliseconds since the epoch, or seconds when the value is below <see cref="MillisecondsThreshold"/>.</summary>
    public static DateTimeOffset? Time(JsonElement element, string name) => Long(element, name) is { } value ? FromUnix(value) : null;

    public static DateTimeOffset? FromUnix(long value)
    {
        if (value <= 0)
        {
            return null;
        }

        try
        {
            return value < MillisecondsThreshold ? DateTimeOffset.FromUnixTimeSeconds(value) : DateTimeOffset.FromUnixTimeMilliseconds(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>A chat as <c>GET /chats/{chatId}</c> answers it; only what the collector reads.</summary>
internal sealed record MaxChat(long ChatId, string? Type, string? Status, string? Title, long ParticipantsCount, string? Link, bool HasDescription, bool HasIcon)
{
    public static MaxChat? Read(JsonElement chat) =>
        MaxJson.Long(chat, "chat_id") is not { } id
            ? null
            : new MaxChat(
                id,
                MaxJson.String(chat, "type"),
                MaxJson.String(chat, "status"),
                MaxJson.String(chat, "title"),
                MaxJson.Long(chat, "participants_count") ?? 0,
                MaxJson.String(chat, "link"),
                !string.IsNullOrWhiteSpace(MaxJson.String(chat, "description")),
                MaxJson.Object(chat, "icon") is { } icon && !string.IsNullOrWhiteSpace(MaxJson.String(icon, "url")));

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
internal sealed record MaxMessage(
    string Mid,
    DateTimeOffset Timestamp,
    string Text,
    IReadOnlyDictionary<AttachmentKind, int> Attachments,
    long? SenderId,
    bool SenderIsBot,
    string? LinkType,
    string? LinkedMid,
    long? Views)
{
    public bool HasSender => SenderId is not null;

    /// <summary>The message, or null without a <c>mid</c> or a time (it can be neither named nor placed in the window).</summary>
    public static MaxMessage? Read(JsonElement message)
    {
        var body = MaxJson.Object(message, "body");
        var mid = body is { } b ? MaxJson.String(b, "mid") : null;
        if (string.IsNullOrEmpty(mid) || MaxJson.Time(message, "timestamp") is not { } timestamp)
        {
            return null;
        }

        var attachments = new Dictionary<AttachmentKind, int>();
        foreach (var attachment in MaxJson.Array(body!.Value, "attachments"))
        {
            var kind = KindOf(MaxJson.String(attachment, "type"));
            if (kind is { } k)
            {
                attachments[k] = attachments.GetValueOrDefault(k) + 1;
            }
        }

        var sender = MaxJson.Object(message, "sender");
        var link = MaxJson.Object(message, "link");
        var linked = link is { } l ? MaxJson.Object(l, "message") : null;
        return new MaxMessage(
            mid,
            timestamp,
            MaxJson.String(body.Value, "text") ?? "",
            attachments,
            sender is { } s ? MaxJson.Long(s, "user_id") ?? 0 : null,
            sender is { } bot && MaxJson.Bool(bot, "is_bot") == true,
            link is { } type ? MaxJson.String(type, "type") : null,
            linked is { } m ? MaxJson.String(m, "mid") : null,
            MaxJson.Object(message, "stat") is { } stat ? MaxJson.Long(stat, "views") : null);
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
