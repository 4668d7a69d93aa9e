using System.Diagnostics;
using GosAnalytics.FakePlatforms;
using Microsoft.Extensions.Logging;
using static GosAnalytics.Collectors.Tests.Max.MaxHarness;

namespace GosAnalytics.Collectors.Tests.Max;

/// <summary>How the MAX source fails: which pages are skipped, permanently or not, with which reason — and that it never throws.</summary>
public class MaxPageSourceFailureTests
{
    [Fact]
    public async Task Without_a_bot_token_every_page_is_skipped_with_the_reason_and_no_call()
    {
        await using var max = await StartAsync();
        max.AddChannel();

        var result = await max.Source(new Dictionary<string, string?> { ["Max:BotToken"] = null }).CollectAsync(Request(Page(Link), Page("-1")), CancellationToken.None);

        Assert.Empty(result.Pages);
        Assert.All(result.Skipped, page => Assert.Equal(("The MAX bot token is not configured (Max__BotToken): MAX pages are not collected.", false), (page.Reason, page.Permanent)));
        Assert.Equal(2, result.Skipped.Count);
        Assert.Equal(0, max.Fake.Requests);
    }

    [Fact]
    public async Task A_refused_token_fails_the_batch_loudly_naming_the_setting_but_never_its_value()
    {
        await using var max = await StartAsync();
        max.AddChannel();
        const string Wrong = "wrong-bot-token-0123456789abcdefXYZ";

        var result = await max.Source(new Dictionary<string, string?> { ["Max:BotToken"] = Wrong }).CollectAsync(Request(Page(Link), Page("other")), CancellationToken.None);

        Assert.Empty(result.Pages);
        Assert.Equal(2, result.Skipped.Count);
        Assert.All(result.Skipped, page => Assert.Contains("Max__BotToken", page.Reason, StringComparison.Ordinal));
        Assert.Contains(result.Notices!, notice => notice.Contains("Max__BotToken", StringComparison.Ordinal) && notice.Contains("verify.token", StringComparison.Ordinal));
        Assert.Equal(1, max.Fake.Requests);
        Assert.Contains(max.Logs.GetSnapshot(), record => record.Level == LogLevel.Critical);
        Assert.All(result.Skipped.Select(p => p.Reason).Concat(result.Notices!), text => Assert.DoesNotContain(Wrong, text, StringComparison.Ordinal));
        Assert.All(max.Logs.GetSnapshot(), record => Assert.DoesNotContain(Wrong, record.AllText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_channel_that_removed_the_bot_is_skipped_permanently_and_the_others_are_collected()
    {
        await using var max = await StartAsync();
        max.AddChannel();
        max.AddChannel(-70000000000777, "rested").BotRemoved = true;

        var result = await max.Source().CollectAsync(Request(Page("rested"), Page(Link)), CancellationToken.None);

        Assert.Equal(Link, Assert.Single(result.Pages).Page.PageId);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("rested", true), (skipped.PageId, skipped.Permanent));
        Assert.Contains("chat.denied", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("administrator", skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("suspended", true)]
    [InlineData("removed", true)]
    [InlineData("closed", true)]
    [InlineData("left", false)]
    public async Task A_channel_that_is_not_active_is_skipped_with_its_status(string status, bool permanent)
    {
        await using var max = await StartAsync();
        max.AddChannel().Status = status;

        var result = await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None);

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(permanent, skipped.Permanent);
        Assert.Contains(status, skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(0, max.Fake.CallsOf("messages"));
    }

    [Fact]
    public async Task An_unknown_channel_is_skipped_permanently()
    {
        await using var max = await StartAsync();

        var skipped = Assert.Single((await max.Source().CollectAsync(Request(Page("-70000000000404")), CancellationToken.None)).Skipped);

        Assert.True(skipped.Permanent);
        Assert.StartsWith("MAX page '-70000000000404': MAX knows no such channel (HTTP 404 chat.not.found", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_id_that_names_no_channel_is_skipped_permanently_without_asking_MAX()
    {
        await using var max = await StartAsync();

        var skipped = Assert.Single((await max.Source().CollectAsync(Request(Page("12345")), CancellationToken.None)).Skipped);

        Assert.True(skipped.Permanent);
        Assert.StartsWith("MAX page '12345' is not a MAX channel id", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(0, max.Fake.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    public async Task Too_many_requests_and_server_errors_are_retried_and_the_page_collected(int status)
    {
        await using var max = await StartAsync();
        max.AddChannel();
        max.Fake.Inject(new FakeMaxFault("chats", HttpStatus: status));
        max.Fake.Inject(new FakeMaxFault("messages", HttpStatus: status));

        var result = await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None);

        Assert.Single(result.Pages);
        Assert.Equal((2, 2), (max.Fake.CallsOf("chats"), max.Fake.CallsOf("messages")));
    }

    [Fact]
    public async Task A_retry_after_header_is_honoured()
    {
        await using var max = await StartAsync();
        max.AddChannel();
        max.Fake.Inject(new FakeMaxFault("chats", HttpStatus: 503, RetryAfterSeconds: 1));

        var started = Stopwatch.GetTimestamp();
        var result = await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None);

        Assert.Single(result.Pages);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.95), "the retry waited for the second MAX asked for");
    }

    [Fact]
    public async Task Malformed_json_is_retried_and_the_page_collected()
    {
        await using var max = await StartAsync();
        max.AddChannel();
        max.Fake.Inject(new FakeMaxFault("messages", MalformedJson: true));

        var result = await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None);

        Assert.Single(Assert.Single(result.Pages).Posts);
        Assert.Equal(2, max.Fake.CallsOf("messages"));
    }

    [Fact]
    public async Task Malformed_json_on_every_try_skips_the_page_for_today_with_a_clear_reason()
    {
        await using var max = await StartAsync();
        max.AddChannel();
        for (var i = 0; i < 4; i++)
        {
            max.Fake.Inject(new FakeMaxFault("chats", MalformedJson: true));
        }

        var skipped = Assert.Single((await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None)).Skipped);

        Assert.False(skipped.Permanent);
        Assert.Equal($"MAX page '{Link}' was not collected after 4 tries: MAX answered GET /chats with malformed JSON (HTTP 200).", skipped.Reason);
    }

    [Fact]
    public async Task Answers_that_time_out_are_retried_and_then_the_page_is_skipped_for_today()
    {
        await using var max = await StartAsync();
        max.AddChannel();
        for (var i = 0; i < 2; i++)
        {
            max.Fake.Inject(new FakeMaxFault("chats", Delay: TimeSpan.FromSeconds(3)));
        }

        var skipped = Assert.Single((await max.Source(new Dictionary<string, string?> { ["Max:RequestTimeout"] = "00:00:00.300", ["Max:MaxAttempts"] = "2" })
            .CollectAsync(Request(Page(Link)), CancellationToken.None)).Skipped);

        Assert.False(skipped.Permanent);
        Assert.Equal($"MAX page '{Link}' was not collected after 2 tries: MAX did not answer within 0.3 s.", skipped.Reason);
        Assert.Equal(2, max.Fake.CallsOf("chats"));
    }

    [Fact]
    public async Task A_full_collection_logs_nothing_of_the_token()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        channel.AddCitizenComment(channel.Posts[0].Mid, "mid.q", 7, AsOf.AddHours(-2), TimeSpan.FromMinutes(5));
        max.Fake.Inject(new FakeMaxFault("messages", HttpStatus: 429));

        await max.Source().CollectAsync(Request(Page(Link), Page("-70000000000404")), CancellationToken.None);

        Assert.NotEmpty(max.Logs.GetSnapshot());
        Assert.All(max.Logs.GetSnapshot(), record => Assert.DoesNotContain(BotToken, record.AllText(), StringComparison.Ordinal));
    }
}
