using System.Text.Json;

namespace GosAnalytics.TestSupport;

/// <summary>MAX Bot API Update objects in the schema's shape (<c>BotAddedToChatUpdate</c>, <c>BotRemovedFromChatUpdate</c>), for tests.</summary>
public static class MaxUpdateJson
{
    /// <summary>A channel id no other test uses (MAX channels are negative), so that tests sharing an emulator do not see each other's chats.</summary>
    public static long NewChatId() => -Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    /// <summary>A moment in milliseconds since the Unix epoch, as MAX writes timestamps.</summary>
    public static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static string BotAdded(long chatId, long timestamp, long userId = 4815162342, string firstName = "Ирина", string? lastName = "Петрова", bool isChannel = true) =>
        Bot("bot_added", chatId, timestamp, userId, firstName, lastName, isChannel);

    public static string BotRemoved(long chatId, long timestamp, long userId = 4815162342, string firstName = "Ирина", string? lastName = "Петрова", bool isChannel = true) =>
        Bot("bot_removed", chatId, timestamp, userId, firstName, lastName, isChannel);

    /// <summary>An update of another type (a post in a channel), which the inbox ignores.</summary>
    public static string MessageCreated(long chatId, long timestamp) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["update_type"] = "message_created",
            ["timestamp"] = timestamp,
            ["message"] = new Dictionary<string, object?>
            {
                ["recipient"] = new Dictionary<string, object?> { ["chat_id"] = chatId, ["chat_type"] = "channel" },
                ["timestamp"] = timestamp,
                ["body"] = new Dictionary<string, object?> { ["mid"] = "mid.1", ["seq"] = 1, ["text"] = "Пост" },
            },
        });

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Bot(string type, long chatId, long timestamp, long userId, string firstName, string? lastName, bool isChannel) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["update_type"] = type,
            ["timestamp"] = timestamp,
            ["chat_id"] = chatId,
            ["user"] = new Dictionary<string, object?>
            {
                ["user_id"] = userId,
                ["first_name"] = firstName,
                ["last_name"] = lastName,
                ["username"] = null,
                ["is_bot"] = false,
                ["last_activity_time"] = timestamp,
                ["name"] = firstName,
            },
            ["is_channel"] = isChannel,
            ["user_locale"] = "ru",
        });
}
