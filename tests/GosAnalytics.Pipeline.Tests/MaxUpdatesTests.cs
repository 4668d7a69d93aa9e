using GosAnalytics.Pipeline.Registry;
using GosAnalytics.TestSupport;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>Reading MAX Bot API Update objects as the schema defines them.</summary>
public sealed class MaxUpdatesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void A_bot_added_update_becomes_an_added_event_with_the_chat_the_user_and_the_time()
    {
        var added = MaxUpdates.Read(MaxUpdateJson.Element(MaxUpdateJson.BotAdded(-70801090403050, MaxUpdateJson.Millis(At))));

        Assert.Equal(new MaxChannelEvent(MaxChannelEventKind.Added, -70801090403050, 4815162342, "Ирина Петрова", true, At), added);
    }

    [Fact]
    public void A_bot_removed_update_becomes_a_removed_event()
    {
        var removed = MaxUpdates.Read(MaxUpdateJson.Element(MaxUpdateJson.BotRemoved(-5, MaxUpdateJson.Millis(At), isChannel: false)));

        Assert.Equal((MaxChannelEventKind.Removed, -5L, false), (removed!.Kind, removed.ChatId, removed.IsChannel));
    }

    [Fact]
    public void A_timestamp_in_seconds_is_read_as_seconds_and_one_in_milliseconds_as_milliseconds()
    {
        Assert.Equal(At.AddMilliseconds(-123), MaxUpdates.Timestamp(At.ToUnixTimeSeconds()));
        Assert.Equal(At, MaxUpdates.Timestamp(At.ToUnixTimeMilliseconds()));
        Assert.Equal(At.AddMilliseconds(-123), MaxUpdates.Read(MaxUpdateJson.Element(MaxUpdateJson.BotAdded(-1, At.ToUnixTimeSeconds())))!.Timestamp);
    }

    [Fact]
    public void The_users_name_falls_back_to_the_username_and_a_chat_title_is_taken_when_the_update_carries_one()
    {
        var update = """{"update_type":"bot_added","timestamp":1775628268494,"chat_id":-7,"is_channel":true,"user":{"user_id":9,"first_name":"","username":"minobr_admin"},"chat":{"chat_id":-7,"title":"Минобразования Приамурья"}}""";

        var added = MaxUpdates.Read(MaxUpdateJson.Element(update))!;

        Assert.Equal(("minobr_admin", "Минобразования Приамурья"), (added.UserName, added.Title));
    }

    [Theory]
    [InlineData("""{"update_type":"message_created","timestamp":1775628268494,"message":{}}""")]
    [InlineData("""{"update_type":"bot_started","timestamp":1775628268494,"chat_id":1,"user":{"user_id":1}}""")]
    [InlineData("""{"update_type":"some_future_type"}""")]
    public void Other_update_types_are_ignored_without_an_error(string update) =>
        Assert.Null(MaxUpdates.Read(MaxUpdateJson.Element(update)));

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"timestamp":1775628268494}""", "'update_type'")]
    [InlineData("""{"update_type":"bot_added","timestamp":1775628268494,"user":{"user_id":1},"is_channel":true}""", "'chat_id'")]
    [InlineData("""{"update_type":"bot_added","timestamp":1775628268494,"chat_id":"-7","user":{"user_id":1},"is_channel":true}""", "'chat_id'")]
    [InlineData("""{"update_type":"bot_added","timestamp":1775628268494,"chat_id":-7,"is_channel":true}""", "'user'")]
    [InlineData("""{"update_type":"bot_added","timestamp":1775628268494,"chat_id":-7,"user":{},"is_channel":true}""", "'user_id'")]
    [InlineData("""{"update_type":"bot_removed","timestamp":1775628268494,"chat_id":-7,"user":{"user_id":1}}""", "'is_channel'")]
    [InlineData("""{"update_type":"bot_added","chat_id":-7,"user":{"user_id":1},"is_channel":true}""", "'timestamp'")]
    [InlineData("""{"update_type":"bot_added","timestamp":-5,"chat_id":-7,"user":{"user_id":1},"is_channel":true}""", "'timestamp'")]
    public void A_malformed_update_is_an_error_naming_the_field(string update, string named)
    {
        var error = Assert.Throws<MaxUpdateFormatException>(() => MaxUpdates.Read(MaxUpdateJson.Element(update)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
