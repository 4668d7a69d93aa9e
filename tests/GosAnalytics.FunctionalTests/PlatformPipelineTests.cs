using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>The daily run with the real VK, OK and Telegram collectors against fake platforms, from registry import to rankings.</summary>
public sealed class PlatformPipelineTests(PlatformPipelineFixture fixture) : IClassFixture<PlatformPipelineFixture>
{
    private int ServedCount => fixture.Served.Count;

    [Fact]
    public void The_run_collects_every_served_page_and_skips_the_three_broken_ones_with_reasons()
    {
        var run = fixture.FirstRun;

        Assert.Equal("vk-api+ok-api+telegram-web+max-bot-api", run.GetProperty("source").GetString());
        Assert.False(run.GetProperty("isDemo").GetBoolean());
        var skipped = run.GetProperty("skippedPages").EnumerateArray().ToDictionary(s => s.GetProperty("pageId").GetString()!, s => s);
        // Named first, so that a page skipped for another reason says which and why.
        Assert.True(skipped.Count == 3, "Skipped: " + string.Join("; ", skipped.Select(s => $"{s.Key}: {s.Value.GetProperty("reason").GetString()}")));
        Assert.Equal(ServedCount, run.GetProperty("pagesCollected").GetInt32());
        Assert.Equal(3, run.GetProperty("pagesSkipped").GetInt32());
        Assert.Contains("deleted", skipped[PlatformPipelineFixture.DeletedVkGroup.ToString(CultureInfo.InvariantCulture)].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("not found", skipped[PlatformPipelineFixture.UnknownOkGroup].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("no public web preview", skipped[PlatformPipelineFixture.DisabledTelegramChannel].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.All(skipped.Values, s => Assert.True(s.GetProperty("permanent").GetBoolean()));
    }

    [Fact]
    public void Days_that_collected_every_page_but_those_gone_for_good_are_completed_and_served()
    {
        foreach (var run in new[] { fixture.FirstRun, fixture.SecondRun })
        {
            Assert.Equal("completed", run.GetProperty("status").GetString());
            Assert.True(run.GetProperty("outcome").GetProperty("served").GetBoolean());
            Assert.Empty(run.GetProperty("failedBatches").EnumerateArray());
        }
    }

    [Fact]
    public void A_day_when_VK_refuses_every_token_ends_partial_below_the_threshold_and_the_report_says_why()
    {
        var run = fixture.ThirdRun;
        var outcome = run.GetProperty("outcome");

        Assert.Equal("partial", run.GetProperty("status").GetString());
        Assert.False(outcome.GetProperty("served").GetBoolean());
        Assert.True(outcome.GetProperty("coverage").GetDouble() < outcome.GetProperty("minCoverage").GetDouble());
        Assert.Equal(["belowCoverage", "pagesSkipped"], outcome.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Contains(outcome.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("VK refused every configured token", StringComparison.Ordinal));
        Assert.Equal("2026-11-21", run.GetProperty("servedRunId").GetString());
        Assert.DoesNotContain("vk-service-token-for-tests", run.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rankings?period=day&top=500")]
    [InlineData("regions")]
    [InlineData("regions/28")]
    [InlineData("posts/top")]
    [InlineData("broadcasts/top")]
    public async Task Every_read_answer_keeps_serving_the_last_good_day_and_names_the_newer_day_and_why_it_is_not_shown(string route)
    {
        var answer = await fixture.Http.GetFromJsonAsync<JsonElement>(route);

        Assert.Equal("2026-11-21", answer.GetProperty("runId").GetString());
        Assert.Equal("completed", answer.GetProperty("runOutcome").GetProperty("status").GetString());
        var newer = answer.GetProperty("newerRun");
        Assert.Equal(("2026-11-22", "partial", false), (newer.GetProperty("runId").GetString(), newer.GetProperty("status").GetString(), newer.GetProperty("served").GetBoolean()));
        Assert.Contains(newer.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "belowCoverage");
    }

    [Theory]
    [InlineData("rankings?period=month&top=500", "/api/rankings", "200")]
    [InlineData("regions", "/api/regions", "200")]
    [InlineData("regions/28", "/api/regions/{code}", "200")]
    [InlineData("posts/top", "/api/posts/top", "200")]
    [InlineData("broadcasts/top", "/api/broadcasts/top", "200")]
    [InlineData("runs/latest", "/api/runs/latest", "200")]
    [InlineData("pages/telegram/" + PlatformPipelineFixture.DisabledTelegramChannel, "/api/pages/{platform}/{pageId}", "404")]
    public async Task Answers_with_a_newer_run_kept_back_and_notices_match_their_documented_schema(string url, string path, string status)
    {
        using var response = await fixture.Http.GetAsync(url);

        Assert.Equal(status, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        OpenApiServedTests.AssertMatches(path, status, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_whose_broadcasts_were_not_collected_are_served_with_null_broadcasts_and_the_notice_in_rankings_and_profiles()
    {
        var items = (await fixture.Http.GetFromJsonAsync<JsonElement>("rankings?period=month&top=500")).GetProperty("items").EnumerateArray().ToList();

        var notCollected = items.Where(i => i.GetProperty("platform").GetString() != "vk").ToList();
        Assert.NotEmpty(notCollected);
        Assert.All(notCollected, item =>
        {
            Assert.Equal(JsonValueKind.Null, item.GetProperty("metrics").GetProperty("broadcasts").ValueKind);
            Assert.Contains("broadcastsNotCollected", item.GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
        });
        Assert.All(items.Where(i => i.GetProperty("platform").GetString() == "vk"), item =>
        {
            Assert.Equal(JsonValueKind.Number, item.GetProperty("metrics").GetProperty("broadcasts").ValueKind);
            Assert.DoesNotContain("broadcastsNotCollected", item.GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
        });

        var page = notCollected[0];
        var profile = await fixture.Http.GetFromJsonAsync<JsonElement>($"pages/{page.GetProperty("platform").GetString()}/{page.GetProperty("pageId").GetString()}?period=month");
        Assert.Contains("broadcastsNotCollected", profile.GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("current").GetProperty("metrics").GetProperty("broadcasts").ValueKind);
        Assert.Equal("2026-11-22", profile.GetProperty("newerRun").GetProperty("runId").GetString());
    }

    [Fact]
    public async Task A_page_skipped_for_good_has_a_profile_answer_that_says_why_it_is_not_ranked()
    {
        using var response = await fixture.Http.GetAsync($"pages/telegram/{PlatformPipelineFixture.DisabledTelegramChannel}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("was not collected in the served run", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no public web preview", problem.GetProperty("notCollected").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_report_carries_the_collectors_notices()
    {
        var notices = fixture.FirstRun.GetProperty("notices").EnumerateArray().Select(n => n.GetString()!).ToList();

        Assert.Contains(notices, n => n.StartsWith("Telegram:", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.StartsWith("OK", StringComparison.Ordinal));
        Assert.DoesNotContain(notices, n => n.Contains("user token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Raw_snapshots_hold_what_the_platforms_served_post_for_post()
    {
        var blobs = new JsonBlobStore(fixture.Storage);
        var names = await blobs.ListAsync(StorageNames.RawContainer, "2026-11-20/", CancellationToken.None);
        var collected = new Dictionary<PageKey, PageSnapshot>();
        foreach (var name in names)
        {
            var snapshot = await blobs.ReadAsync<RawSnapshot>(StorageNames.RawContainer, name, CancellationToken.None);
            foreach (var page in snapshot!.Pages)
            {
                collected[page.Page.Key] = page;
            }

            Assert.False(snapshot.IsDemo);
        }

        foreach (var served in fixture.Served)
        {
            var key = RegisteredKey(served);
            var page = collected[key];
            var servedPosts = served.Posts.OrderBy(p => p.PostId, StringComparer.Ordinal).ToList();
            var collectedPosts = page.Posts.OrderBy(p => p.PostId, StringComparer.Ordinal).ToList();
            Assert.Equal(servedPosts.Select(p => (p.PostId, p.PublishedAt, p.IsRepost)), collectedPosts.Select(p => (p.PostId, p.PublishedAt, p.IsRepost)));
            Assert.True(served.Page.Subscribers == page.Page.Subscribers, $"{served.Page.Key}: served {served.Page.Subscribers} subscribers, collected {page.Page.Subscribers}");
            if (served.Page.Platform != Platform.Telegram)
            {
                Assert.Equal(servedPosts.Select(p => (p.Views, p.Likes, p.Reposts, p.Comments)), collectedPosts.Select(p => (p.Views, p.Likes, p.Reposts, p.Comments)));
            }

            // Each post's own address: MAX's the link the Bot API served, VK's made from the post's owner_id.
            if (served.Page.Platform == Platform.Max)
            {
                Assert.Equal(servedPosts.Select(p => p.Url), collectedPosts.Select(p => p.Url));
            }
            else if (served.Page.Platform == Platform.Vk)
            {
                Assert.Equal(collectedPosts.Select(p => $"https://vk.com/wall-{served.Page.PageId}_{p.PostId}"), collectedPosts.Select(p => p.Url));
            }

            if (served.Page.Platform is Platform.Vk or Platform.Max)
            {
                // The collector reads at most 500 top-level comments under one post (five pages of 100).
                var servedPerPost = served.CitizenComments.GroupBy(c => c.PostId).ToDictionary(g => g.Key, g => Math.Min(500, g.Count()));
                var collectedPerPost = page.CitizenComments.GroupBy(c => c.PostId).ToDictionary(g => g.Key, g => g.Count());
                Assert.Equal(servedPerPost.OrderBy(p => p.Key), collectedPerPost.OrderBy(p => p.Key));
                var fullyRead = servedPerPost.Where(p => p.Value < 500).Select(p => p.Key).ToHashSet();
                Assert.Equal(
                    served.CitizenComments.Where(c => fullyRead.Contains(c.PostId)).Select(c => (c.PostId, c.PostedAt, c.RepliedAt)).Order(),
                    page.CitizenComments.Where(c => fullyRead.Contains(c.PostId)).Select(c => (c.PostId, c.PostedAt, c.RepliedAt)).Order());
                Assert.Equal(served.Broadcasts.Count, page.Broadcasts.Count);
            }
        }
    }

    /// <summary>
    /// The key a served page has in the registry: Telegram channels and MAX channels registered by their public link are known by
    /// that name; a MAX channel without a link, or the one the bot announced, by its chat id.
    /// </summary>
    private PageKey RegisteredKey(PageSnapshot served) => served.Page.Platform switch
    {
        Platform.Telegram => new PageKey(Platform.Telegram, served.Page.ScreenName),
        Platform.Max when served.Page.ScreenName.Length > 0 && served != fixture.MaxChannelFromBot => new PageKey(Platform.Max, served.Page.ScreenName),
        _ => served.Page.Key,
    };

    [Fact]
    public async Task A_MAX_channel_the_bot_was_added_to_is_listed_by_the_long_poll_confirmed_by_the_operator_then_collected_and_ranked()
    {
        var pending = fixture.MaxChannelPending;
        var channel = fixture.MaxChannelFromBot.Page;
        Assert.Equal(("pending", 5001L, true), (pending.GetProperty("status").GetString(), pending.GetProperty("addedByUserId").GetInt64(), pending.GetProperty("isChannel").GetBoolean()));
        Assert.True(fixture.Max.CallsOf("updates") > 0);

        var list = await fixture.Http.GetFromJsonAsync<JsonElement>("max/channels");
        Assert.Equal("confirmed", list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("pageId").GetString() == channel.PageId).GetProperty("status").GetString());
        var profile = await fixture.Http.GetFromJsonAsync<JsonElement>($"pages/max/{channel.PageId}?period=day");
        Assert.Equal((channel.Title, channel.RegionCode, channel.Kind.ToCode()), (profile.GetProperty("name").GetString(), profile.GetProperty("regionCode").GetInt32(), profile.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Number, profile.GetProperty("current").GetProperty("index").ValueKind);
    }

    [Fact]
    public async Task MAX_channels_are_ranked_only_among_themselves_with_no_engagement_likes_or_broadcasts_and_with_views_and_answers()
    {
        var rankings = await fixture.Http.GetFromJsonAsync<JsonElement>("rankings?platform=max&period=month&top=500");
        var items = rankings.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(fixture.Served.Count(s => s.Page.Platform == Platform.Max), items.Count);
        Assert.All(items, item =>
        {
            Assert.Equal("max", item.GetProperty("platform").GetString());
            Assert.StartsWith("max|", item.GetProperty("peerGroup").GetString(), StringComparison.Ordinal);
            Assert.False(item.GetProperty("components").TryGetProperty("engagement", out _));
            Assert.DoesNotContain("engagement", item.GetProperty("indexComponents").EnumerateArray().Select(c => c.GetString()));
            Assert.Contains("broadcastsNotCollected", item.GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
        });
        Assert.Contains(items, item => item.GetProperty("components").TryGetProperty("responsiveness", out _));

        var posts = await fixture.Http.GetFromJsonAsync<JsonElement>("posts/top?platform=max&sort=views&period=month&top=50");
        var top = posts.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(top);
        Assert.All(top, post =>
        {
            Assert.Equal(JsonValueKind.Null, post.GetProperty("likes").ValueKind);
            Assert.Equal(JsonValueKind.Null, post.GetProperty("interactions").ValueKind);
            Assert.True(post.GetProperty("views").GetInt64() >= 0);
            Assert.StartsWith("mid.", post.GetProperty("postId").GetString(), StringComparison.Ordinal);
        });
        // A post's url is the public link the Bot API gave it (https://max.ru/{name}/{code}); a channel without a name gives none.
        var servedUrls = fixture.Served.Where(s => s.Page.Platform == Platform.Max).SelectMany(s => s.Posts).ToDictionary(p => p.PostId, p => p.Url, StringComparer.Ordinal);
        Assert.All(top, post => Assert.Equal(servedUrls[post.GetProperty("postId").GetString()!], post.GetProperty("url").GetString()));
        Assert.Contains(top, post => post.GetProperty("url").GetString() is { } url && url.StartsWith("https://max.ru/", StringComparison.Ordinal));
        var byInteractions = await fixture.Http.GetFromJsonAsync<JsonElement>("posts/top?platform=max&sort=interactions&period=month");
        Assert.Equal(0, byInteractions.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Rankings_of_the_collected_day_list_every_collected_page_with_its_platform_title()
    {
        var rankings = await fixture.Http.GetFromJsonAsync<JsonElement>("rankings?period=day&top=500");

        Assert.Equal("2026-11-21", rankings.GetProperty("runId").GetString());
        var items = rankings.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ServedCount, items.Count);
        var served = fixture.Served.Select(s => (s.Page.Platform.ToCode(), s.Page.Title)).ToHashSet();
        Assert.All(items, item => Assert.Contains((item.GetProperty("platform").GetString()!, item.GetProperty("name").GetString()!), served));
        Assert.False(rankings.GetProperty("isDemo").GetBoolean());
    }

    [Fact]
    public async Task Pages_that_failed_permanently_rest_in_the_registry_and_the_next_day_leaves_them_out()
    {
        var registry = new PageRegistry(fixture.Storage);
        var deleted = await registry.GetAsync(new PageKey(Platform.Vk, PlatformPipelineFixture.DeletedVkGroup.ToString(CultureInfo.InvariantCulture)), CancellationToken.None);

        Assert.NotNull(deleted!.Unavailable);
        Assert.Equal(PlatformPipelineFixture.FirstDay, deleted.Unavailable.Since);
        Assert.Equal(PlatformPipelineFixture.FirstDay.AddDays(7), deleted.Unavailable.RecheckOn);
        Assert.Contains("deleted", deleted.Unavailable.Reason, StringComparison.Ordinal);
        Assert.Equal(3, fixture.SecondRun.GetProperty("pagesResting").GetInt32());
        Assert.Equal(0, fixture.SecondRun.GetProperty("pagesSkipped").GetInt32());
        Assert.Equal(ServedCount, fixture.SecondRun.GetProperty("pagesCollected").GetInt32());
    }

    [Fact]
    public void No_span_or_log_line_holds_a_platform_token_or_key_or_the_storage_account_key()
    {
        var spans = fixture.Telemetry.Spans;
        var logs = fixture.Telemetry.Logs;

        // There was something to search: requests to each platform, stage spans, log lines inside stages.
        foreach (var platform in new[] { fixture.Vk.BaseAddress, fixture.Ok.BaseAddress, fixture.Telegram.BaseAddress })
        {
            Assert.Contains(spans, span => span.Kind == ActivityKind.Client && span.GetTagItem("url.full") is string url
                && url.StartsWith(platform.ToString(), StringComparison.Ordinal));
        }

        Assert.Contains(spans, span => span.DisplayName == PipelineStages.Collect && Equals(span.GetTagItem(StageTags.RunId), "2026-11-20"));
        Assert.Contains(logs, record => InMemoryTelemetry.ScopeValues(record).Any(pair => pair.Key == StageTags.RunId));
        var written = spans.Select(SpanText.AllText).Concat(logs.SelectMany(InMemoryTelemetry.TextOf)).ToList();
        foreach (var secret in fixture.Secrets)
        {
            Assert.DoesNotContain(written, text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain(spans, span => span.GetTagItem("url.full") is string url && url.Contains('?', StringComparison.Ordinal));
    }

    [Fact]
    public void VK_was_read_through_execute_batches_and_live_broadcasts_with_the_user_token()
    {
        Assert.True(fixture.Vk.CallsOf("execute") > 0);
        Assert.True(fixture.Vk.CallsOf("video.get") > 0);
        var vkPages = fixture.Served.Count(s => s.Page.Platform == Platform.Vk);
        Assert.InRange(fixture.Vk.CallsOf("wall.get"), 2 * vkPages, 4 * vkPages);
    }
}
