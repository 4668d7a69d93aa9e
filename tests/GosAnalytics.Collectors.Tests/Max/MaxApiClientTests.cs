using System.Net;
using System.Text.Json;
using static GosAnalytics.Collectors.Tests.Max.MaxHarness;

namespace GosAnalytics.Collectors.Tests.Max;

/// <summary>The Bot API client: how it authenticates, and <c>GET /updates</c> for the code that learns which channels added the bot.</summary>
public class MaxApiClientTests
{
    [Fact]
    public async Task The_token_travels_raw_in_the_authorization_header_and_never_in_the_address()
    {
        await using var max = await StartAsync();
        max.AddChannel();

        var result = await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None);

        Assert.Single(result.Pages);
        Assert.Equal(0, max.Fake.UnauthorizedAnswers);
    }

    [Theory]
    [InlineData("Bearer " + BotToken, "")]
    [InlineData(null, "&access_token=" + BotToken)]
    [InlineData(BotToken, "&access_token=" + BotToken)]
    public async Task The_fake_refuses_a_bearer_prefix_and_a_token_in_the_query_as_MAX_does(string? authorization, string query)
    {
        await using var max = await StartAsync();
        max.AddChannel();
        using var client = new HttpClient { BaseAddress = max.Fake.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"chats/{Link}?v=0.0.33{query}");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"code":"verify.token","message":"Invalid access_token"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Updates_come_back_raw_with_the_marker_to_ask_from_next()
    {
        await using var max = await StartAsync();
        var added = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        max.Fake.AddBotAdded(ChatId, added, userId: 42);
        max.Fake.AddBotRemoved(-70000000000002, added.AddHours(1));
        var client = max.Client();

        var first = await client.GetUpdatesAsync(null, 100, 0, [], CancellationToken.None);
        var again = await client.GetUpdatesAsync(first.Marker, 100, 0, [], CancellationToken.None);
        max.Fake.AddBotAdded(-70000000000003, added.AddHours(2));
        var later = await client.GetUpdatesAsync(again.Marker, 100, 0, ["bot_added"], CancellationToken.None);

        Assert.Equal(2, first.Updates.Count);
        Assert.Equal(2, first.Marker);
        var update = first.Updates[0];
        Assert.Equal(("bot_added", ChatId, true, 42L), (update.GetProperty("update_type").GetString(), update.GetProperty("chat_id").GetInt64(), update.GetProperty("is_channel").GetBoolean(), update.GetProperty("user").GetProperty("user_id").GetInt64()));
        Assert.Equal(added.ToUnixTimeMilliseconds(), update.GetProperty("timestamp").GetInt64());
        Assert.Equal("bot_removed", first.Updates[1].GetProperty("update_type").GetString());
        Assert.Empty(again.Updates);
        Assert.Equal(2, again.Marker);
        Assert.Equal(-70000000000003, Assert.Single(later.Updates).GetProperty("chat_id").GetInt64());
        Assert.Equal(3, later.Marker);
    }

    [Fact]
    public async Task A_long_poll_longer_than_the_request_timeout_is_refused_before_any_call()
    {
        await using var max = await StartAsync();
        var client = max.Client(new Dictionary<string, string?> { ["Max:RequestTimeout"] = "00:00:30" });

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetUpdatesAsync(null, 100, 30, [], CancellationToken.None));

        Assert.Equal(0, max.Fake.Requests);
    }

    [Fact]
    public void Times_below_ten_to_the_eleventh_are_seconds_and_above_it_milliseconds()
    {
        var at = new DateTimeOffset(2026, 4, 8, 6, 4, 28, 494, TimeSpan.Zero);
        using var document = JsonDocument.Parse($$"""{"ms": {{at.ToUnixTimeMilliseconds()}}, "s": {{at.ToUnixTimeSeconds()}}, "text": "{{at.ToUnixTimeMilliseconds()}}"}""");

        Assert.Equal(at, Collectors.Max.MaxJson.Time(document.RootElement, "ms"));
        Assert.Equal(at.AddMilliseconds(-494), Collectors.Max.MaxJson.Time(document.RootElement, "s"));
        Assert.Equal(at, Collectors.Max.MaxJson.Time(document.RootElement, "text"));
    }
}
