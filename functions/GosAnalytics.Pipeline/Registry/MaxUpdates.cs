using System.Text.Json;
using GosAnalytics.Core.Sources;

namespace GosAnalytics.Pipeline.Registry;

/// <summary>What happened to the bot in a MAX chat: added (an admin made it an administrator there) or removed.</summary>
public enum MaxChannelEventKind
{
    Added,
    Removed,
}

/// <summary>
/// A <c>bot_added</c> or <c>bot_removed</c> update of the MAX Bot API, as the channel inbox needs it.
/// </summary>
/// <param name="ChatId">The chat's id (channels are negative).</param>
/// <param name="UserId">The user who added or removed the bot.</param>
/// <param name="UserName">That user's display name (first and last name, else the username), or null when the update has none.</param>
/// <param name="IsChannel">True for a channel, false for a group chat.</param>
/// <param name="Timestamp">When it happened (UTC, millisecond precision).</param>
/// <param name="Title">The chat's title when the update carries one (<c>bot_added</c> as documented does not).</param>
public sealed record MaxChannelEvent(MaxChannelEventKind Kind, long ChatId, long UserId, string? UserName, bool IsChannel, DateTimeOffset Timestamp, string? Title = null);

/// <summary>An Update object that does not have the shape the MAX Bot API schema gives it. The message names the field.</summary>
public sealed class MaxUpdateFormatException(string message) : FormatException(message);

/// <summary>
/// Reads one <c>Update</c> object of the MAX Bot API (webhook body or an item of <c>GET /updates</c>): <c>bot_added</c> and
/// <c>bot_removed</c> (<c>BotAddedToChatUpdate</c>, <c>BotRemovedFromChatUpdate</c>: <c>chat_id</c>, <c>user</c>, <c>is_channel</c>,
/// <c>timestamp</c>) become a <see cref="MaxChannelEvent"/>; every other update type is not the inbox's business and reads as null.
/// </summary>
public static class MaxUpdates
{
    public const string BotAdded = "bot_added";
    public const string BotRemoved = "bot_removed";

    /// <summary>The event of a <c>bot_added</c> / <c>bot_removed</c> update, or null for any other update type.</summary>
    /// <exception cref="MaxUpdateFormatException">The object is not an Update, or a bot update lacks a field the schema requires.</exception>
    public static MaxChannelEvent? Read(JsonElement update)
    {
        if (update.ValueKind != JsonValueKind.Object)
        {
            throw new MaxUpdateFormatException($"An update must be a JSON object; got {Describe(update)}.");
        }

        if (!update.TryGetProperty("update_type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
        {
            throw new MaxUpdateFormatException("The update has no 'update_type' string.");
        }

        var kind = type.GetString() switch
        {
            BotAdded => MaxChannelEventKind.Added,
            BotRemoved => MaxChannelEventKind.Removed,
            _ => (MaxChannelEventKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        var chatId = Int64(update, "chat_id", type.GetString()!);
        if (chatId == 0)
        {
            throw new MaxUpdateFormatException($"The {type.GetString()} update's 'chat_id' is 0, which is no chat.");
        }

        if (!update.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object)
        {
            throw new MaxUpdateFormatException($"The {type.GetString()} update has no 'user' object.");
        }

        if (!update.TryGetProperty("is_channel", out var isChannel) || isChannel.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new MaxUpdateFormatException($"The {type.GetString()} update has no 'is_channel' boolean.");
        }

        return new MaxChannelEvent(
            kind.Value,
            chatId,
            Int64(user, "user_id", type.GetString() + " update's user"),
            UserName(user),
            isChannel.GetBoolean(),
            Timestamp(Int64(update, "timestamp", type.GetString()!)),
            Title(update));
    }

    /// <summary>A Unix time in milliseconds (as documented) or in seconds (<see cref="MaxTimestamps"/>).</summary>
    public static DateTimeOffset Timestamp(long value) =>
        MaxTimestamps.FromUnix(value) ?? throw new MaxUpdateFormatException($"'timestamp' {value} is not a time.");

    private static long Int64(JsonElement owner, string name, string what)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            throw new MaxUpdateFormatException($"The {what} has no '{name}' number.");
        }

        if (!value.TryGetInt64(out var number) || (name == "timestamp" && number <= 0))
        {
            throw new MaxUpdateFormatException($"The {what}'s '{name}' is not a valid {(name == "timestamp" ? "Unix time" : "64-bit integer id")}: {Shorten(value.GetRawText())}.");
        }

        return number;
    }

    /// <summary>"First Last", else the username, else the deprecated <c>name</c>; null when the user object has none of them.</summary>
    private static string? UserName(JsonElement user)
    {
        var full = string.Join(' ', new[] { Text(user, "first_name"), Text(user, "last_name") }.Where(part => part is not null));
        return full.Length > 0 ? full : Text(user, "username") ?? Text(user, "name");
    }

    /// <summary>The chat's title if the update carries one: a <c>chat</c> object (as <c>GET /chats/{id}</c> gives it) or a <c>title</c>.</summary>
    private static string? Title(JsonElement update) =>
        update.TryGetProperty("chat", out var chat) && chat.ValueKind == JsonValueKind.Object && Text(chat, "title") is { } title
            ? title
            : Text(update, "title");

    private static string? Text(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text
            ? text
            : null;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
