using GosAnalytics.Core.Domain;
using GosAnalytics.FakePlatforms;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Collectors.Tests.Vk;

public sealed class VkPageSourceTests
{
    [Fact]
    public async Task A_communitys_contacts_and_site_come_from_the_groups_getById_fields_of_VKs_schema()
    {
        await using var vk = await VkHarness.StartAsync();
        var withBoth = vk.Fake.AddGroup(new FakeVkGroup(123456, "minobr28", "Министерство образования") { Site = "https://minobr.amurobl.ru" });
        withBoth.Contacts.Add(new System.Text.Json.Nodes.JsonObject { ["user_id"] = 1001, ["desc"] = "Пресс-секретарь" });
        var onlyDescribed = vk.Fake.AddGroup(new FakeVkGroup(123457, "school7", "Школа № 7") { Site = "" });
        onlyDescribed.Contacts.Add(new System.Text.Json.Nodes.JsonObject { ["desc"] = "Приёмная" }); // a contact with nobody to reach

        var batch = await vk.CollectAsync(VkHarness.Page("123456"), VkHarness.Page("123457"));

        var pages = batch.Pages.ToDictionary(p => p.Page.PageId, p => p.Page);
        Assert.Equal((true, true), (pages["123456"].HasContacts, pages["123456"].HasSite));
        Assert.Equal((false, false), (pages["123457"].HasContacts, pages["123457"].HasSite));
    }

    [Fact]
    public async Task A_community_is_collected_with_its_window_posts_counters_and_answered_comments()
    {
        await using var vk = await VkHarness.StartAsync();
        var group = vk.Fake.AddGroup(new FakeVkGroup(123456, "minobr28", "Министерство образования Амурской области") { MembersCount = 48_200, IsGovernmentOrganization = true });
        group.AddPost(1, VkHarness.InWindow(90), "Закреплённая памятка", pinned: true);
        group.AddPost(2, VkHarness.InWindow(40), "Старая новость");
        group.AddPost(3, VkHarness.InWindow(3), "Открыта запись в первый класс", views: 5400, likes: 120, reposts: 14, comments: 2, attachmentTypes: ["photo", "photo", "textlive_new_kind"]);
        group.AddPost(4, VkHarness.InWindow(2), "Репост новости губернатора", views: null, repost: true);
        group.AddPost(5, VkHarness.InWindow(-1), "Запись после конца дня");
        group.AddCitizenComment(3, 31, 777, VkHarness.InWindow(3, 14), replyAfter: TimeSpan.FromHours(2));
        group.AddCitizenComment(3, 32, 778, VkHarness.InWindow(3, 15));

        var batch = await vk.CollectAsync(VkHarness.Page("123456"));

        var page = Assert.Single(batch.Pages);
        Assert.Empty(batch.Skipped);
        Assert.Equal("minobr28", page.Page.ScreenName);
        Assert.Equal("Министерство образования Амурской области", page.Page.Title);
        Assert.Equal(48_200, page.Page.Subscribers);
        Assert.True(page.Page.HasGovernmentLabel);
        Assert.Equal(["3", "4"], page.Posts.Select(p => p.PostId));
        var post = page.Posts[0];
        Assert.Equal((5400L, 120L, 14L, 2L), (post.Views!.Value, post.Likes, post.Reposts, post.Comments));
        Assert.Equal(2, post.Attachments[AttachmentKind.Photo]);
        Assert.Equal(1, post.Attachments[AttachmentKind.Other]);
        Assert.Null(page.Posts[1].Views);
        Assert.True(page.Posts[1].IsRepost);
        Assert.Equal(2, page.CitizenComments.Count);
        Assert.Equal(TimeSpan.FromHours(2), page.CitizenComments.Single(c => c.CommentId == "31").RepliedAt - page.CitizenComments.Single(c => c.CommentId == "31").PostedAt);
        Assert.False(page.CitizenComments.Single(c => c.CommentId == "32").IsAnswered);
        Assert.All(page.CitizenComments, c => Assert.Equal("Когда отремонтируют дорогу?", c.Text));
    }

    [Fact]
    public async Task A_post_s_address_comes_from_its_owner_id_so_a_page_registered_by_a_custom_screen_name_links_its_posts_too()
    {
        await using var vk = await VkHarness.StartAsync();
        var group = vk.Fake.AddGroup(new FakeVkGroup(30123456, "mygroup", "Отдел культуры"));
        group.AddPost(64017, VkHarness.InWindow(1), "Концерт в парке");
        group.AddPost(64018, VkHarness.InWindow(2), "Запись без владельца").Remove("owner_id");

        var batch = await vk.CollectAsync(VkHarness.Page("mygroup"));

        var page = Assert.Single(batch.Pages);
        Assert.Equal(("mygroup", "mygroup"), (page.Page.PageId, page.Page.ScreenName));
        var posts = page.Posts.ToDictionary(p => p.PostId);
        Assert.Equal("https://vk.com/wall-30123456_64017", posts["64017"].Url);
        Assert.Null(posts["64018"].Url); // then the address is composed from the page, if it can be
    }

    [Fact]
    public async Task A_post_with_a_date_beyond_the_calendar_is_dropped_without_failing_the_page()
    {
        await using var vk = await VkHarness.StartAsync();
        var group = vk.Fake.AddGroup(new FakeVkGroup(110, "odd", "Странная дата"));
        group.AddPost(1, VkHarness.InWindow(1), "Нормальная запись");
        group.AddPost(2, VkHarness.InWindow(2), "Запись со сломанной датой")["date"] = 99_999_999_999_999;

        var batch = await vk.CollectAsync(VkHarness.Page("110"));

        Assert.Equal(["1"], Assert.Single(batch.Pages).Posts.Select(p => p.PostId));
    }

    [Fact]
    public async Task A_token_with_an_impossible_rate_is_refused_when_the_settings_are_read()
    {
        await using var vk = await VkHarness.StartAsync([("zero-rate", "service", 20)], new Dictionary<string, string?> { ["Vk:Tokens:0:RequestsPerSecond"] = "0" });

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => vk.Source);

        Assert.Contains("Vk:Tokens", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_pinned_post_does_not_stop_paging_through_a_busy_wall()
    {
        await using var vk = await VkHarness.StartAsync();
        var group = vk.Fake.AddGroup(new FakeVkGroup(200, "busy", "Администрация города"));
        group.AddPost(1, VkHarness.InWindow(300), "Памятка", pinned: true);
        for (var i = 0; i < 150; i++)
        {
            group.AddPost(100 + i, VkHarness.InWindow(i % 25, 8 + (i % 12)), $"Новость {i}");
        }

        var batch = await vk.CollectAsync(VkHarness.Page("200"));

        Assert.Equal(150, Assert.Single(batch.Pages).Posts.Count);
        Assert.Equal(2, vk.Fake.CallsOf("wall.get"));
    }

    [Fact]
    public async Task Paging_stops_at_the_first_page_that_reaches_past_the_window()
    {
        await using var vk = await VkHarness.StartAsync();
        var group = vk.Fake.AddGroup(new FakeVkGroup(201, "archive", "Архив"));
        for (var i = 0; i < 300; i++)
        {
            group.AddPost(1000 + i, VkHarness.InWindow(i / 2), $"Запись {i}");
        }

        var batch = await vk.CollectAsync(VkHarness.Page("201"));

        Assert.Equal(60, Assert.Single(batch.Pages).Posts.Count);
        Assert.Equal(1, vk.Fake.CallsOf("wall.get"));
    }

    [Fact]
    public async Task The_bare_array_shape_of_older_API_versions_is_read_too_and_screen_names_resolve()
    {
        await using var vk = await VkHarness.StartAsync();
        vk.Fake.LegacyGroupsShape = true;
        vk.Fake.AddGroup(new FakeVkGroup(300, "zdrav_amur", "Минздрав")).AddPost(1, VkHarness.InWindow(1), "Приём врача");

        var batch = await vk.CollectAsync(VkHarness.Page("zdrav_amur"));

        var page = Assert.Single(batch.Pages);
        Assert.Equal("zdrav_amur", page.Page.PageId);
        Assert.Single(page.Posts);
    }

    [Fact]
    public async Task An_unknown_community_is_skipped_permanently_while_the_rest_of_the_batch_is_collected()
    {
        await using var vk = await VkHarness.StartAsync();
        vk.Fake.AddGroup(new FakeVkGroup(400, "school1", "Школа №1")).AddPost(1, VkHarness.InWindow(1), "Линейка");

        var batch = await vk.CollectAsync(VkHarness.Page("400"), VkHarness.Page("no_such_page_28"));

        Assert.Equal("400", Assert.Single(batch.Pages).Page.PageId);
        var skipped = Assert.Single(batch.Skipped);
        Assert.Equal("no_such_page_28", skipped.PageId);
        Assert.True(skipped.Permanent);
        Assert.Contains("100", skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deleted", 0, "deleted")]
    [InlineData("banned", 0, "banned")]
    [InlineData(null, 1, "closed")]
    [InlineData(null, 2, "private")]
    public async Task Deleted_banned_and_closed_communities_are_skipped_permanently_with_the_reason(string? deactivated, int closed, string expected)
    {
        await using var vk = await VkHarness.StartAsync();
        vk.Fake.AddGroup(new FakeVkGroup(500, "gone", "Бывшая страница") { Deactivated = deactivated, IsClosed = closed });

        var batch = await vk.CollectAsync(VkHarness.Page("500"));

        var skipped = Assert.Single(batch.Skipped);
        Assert.True(skipped.Permanent);
        Assert.Contains(expected, skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(0, vk.Fake.CallsOf("wall.get"));
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(18, true)]
    [InlineData(30, true)]
    [InlineData(100, true)]
    [InlineData(113, true)]
    [InlineData(125, true)]
    [InlineData(203, true)]
    [InlineData(7, false)]
    [InlineData(19, false)]
    public async Task A_wall_error_inside_execute_skips_only_that_page_permanent_only_for_page_errors(int code, bool permanent)
    {
        await using var vk = await VkHarness.StartAsync();
        vk.Fake.AddGroup(new FakeVkGroup(600, "ok_page", "Работает")).AddPost(1, VkHarness.InWindow(1), "Новость");
        vk.Fake.AddGroup(new FakeVkGroup(601, "bad_page", "Сломана") { WallError = code });

        var batch = await vk.CollectAsync(VkHarness.Page("600"), VkHarness.Page("601"));

        Assert.Equal("600", Assert.Single(batch.Pages).Page.PageId);
        var skipped = Assert.Single(batch.Skipped);
        Assert.Equal(("601", permanent), (skipped.PageId, skipped.Permanent));
        Assert.Contains($"error {code}", skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, false, null)]
    [InlineData(null, true, null)]
    [InlineData(null, false, 10)]
    [InlineData(null, false, 6)]
    [InlineData(null, false, 9)]
    [InlineData(null, false, 1)]
    [InlineData(null, false, 36)]
    public async Task Transient_failures_are_retried_until_the_page_is_collected(int? httpStatus, bool malformed, int? errorCode)
    {
        await using var vk = await VkHarness.StartAsync();
        vk.Fake.AddGroup(new FakeVkGroup(700, "steady", "Стабильная")).AddPost(1, VkHarness.InWindow(1), "Новость");
        vk.Fake.Inject(new FakeVkFault(HttpStatus: httpStatus, MalformedJson: malformed, ErrorCode: errorCode));
        vk.Fake.Inject(new FakeVkFault(HttpStatus: httpStatus, MalformedJson: malformed, ErrorCode: errorCode));

        var batch = await vk.CollectAsync(VkHarness.Page("700"));

        Assert.Single(Assert.Single(batch.Pages).Posts);
        Assert.Empty(batch.Skipped);
    }

    [Fact]
    public async Task A_platform_that_never_answers_in_time_leaves_the_page_skipped_for_a_retry_tomorrow_without_throwing()
    {
        await using var vk = await VkHarness.StartAsync();
        vk.Fake.AddGroup(new FakeVkGroup(800, "slow", "Медленная"));
        for (var i = 0; i < 4; i++)
        {
            vk.Fake.Inject(new FakeVkFault(Delay: TimeSpan.FromSeconds(2)));
        }

        var batch = await vk.CollectAsync(VkHarness.Page("800"));

        var skipped = Assert.Single(batch.Skipped);
        Assert.False(skipped.Permanent);
        Assert.Contains("did not answer", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_leaves_the_pool_loudly_and_another_token_finishes_the_batch()
    {
        await using var vk = await VkHarness.StartAsync([("revoked-token-value", "service", 20), ("good-token-value", "service", 20)]);
        vk.Fake.AddToken("revoked-token-value", "service", 20).RefusedWith = 5;
        vk.Fake.AddGroup(new FakeVkGroup(900, "p900", "Страница")).AddPost(1, VkHarness.InWindow(1), "Новость");

        var batch = await vk.CollectAsync(VkHarness.Page("900"));

        Assert.Single(batch.Pages);
        Assert.Contains(vk.Logs.GetSnapshot(), e => e.Level == LogLevel.Critical && e.Message.Contains("service-1", StringComparison.Ordinal) && e.Message.Contains("error 5", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(27)]
    [InlineData(28)]
    public async Task When_every_token_is_refused_all_pages_are_skipped_with_a_notice_instead_of_crashing_the_run(int code)
    {
        await using var vk = await VkHarness.StartAsync([("only-token-value", "service", 20)]);
        vk.Fake.AddToken("only-token-value", "service", 20).RefusedWith = code;
        vk.Fake.AddGroup(new FakeVkGroup(901, "p901", "Страница"));

        var batch = await vk.CollectAsync(VkHarness.Page("901"));

        var skipped = Assert.Single(batch.Skipped);
        Assert.False(skipped.Permanent);
        Assert.Contains("refused every configured token", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains(batch.Notices!, n => n.Contains("Vk:Tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_captcha_pauses_that_token_and_the_other_token_carries_on()
    {
        await using var vk = await VkHarness.StartAsync([("captcha-token", "service", 20), ("clean-token", "service", 20)]);
        vk.Fake.AddToken("captcha-token", "service", 20).CaptchaNeeded = true;
        vk.Fake.AddGroup(new FakeVkGroup(902, "p902", "Страница")).AddPost(1, VkHarness.InWindow(1), "Новость");

        var batch = await vk.CollectAsync(VkHarness.Page("902"), VkHarness.Page("902"));

        Assert.Single(batch.Pages);
        Assert.Contains(vk.Logs.GetSnapshot(), e => e.Message.Contains("captcha", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("service-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_that_hits_the_daily_wall_get_limit_is_parked_and_the_calls_move_to_another_token()
    {
        // The pool prefers the token with the most budget left it knows of; VK (the fake) knows better and answers 29.
        // Latency keeps the preferred token's rate turn free again by the time the execute goes out.
        await using var vk = await VkHarness.StartAsync(
            [("small-budget", "service", 60), ("large-budget", "service", 20)],
            new Dictionary<string, string?> { ["Vk:Tokens:1:DailyWallGetBudget"] = "4000" });
        vk.Fake.AddToken("small-budget", "service", 60, dailyWallGetBudget: 0);
        vk.Fake.Latency = TimeSpan.FromMilliseconds(40);
        for (var i = 0; i < 3; i++)
        {
            vk.Fake.AddGroup(new FakeVkGroup(1000 + i, $"p{1000 + i}", "Страница")).AddPost(1, VkHarness.InWindow(1), "Новость");
        }

        var batch = await vk.CollectAsync(VkHarness.Page("1000"), VkHarness.Page("1001"), VkHarness.Page("1002"));

        Assert.Equal(3, batch.Pages.Count);
        Assert.Contains(vk.Logs.GetSnapshot(), e => e.Message.Contains("error 29", StringComparison.Ordinal) && e.Message.Contains("service-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_every_token_has_spent_its_daily_budget_pages_are_skipped_for_tomorrow_with_a_notice()
    {
        await using var vk = await VkHarness.StartAsync(
            [("tiny-budget", "service", 20)],
            new Dictionary<string, string?> { ["Vk:Tokens:0:DailyWallGetBudget"] = "1" });
        vk.Fake.AddGroup(new FakeVkGroup(1100, "a", "А")).AddPost(1, VkHarness.InWindow(1), "Новость");
        vk.Fake.AddGroup(new FakeVkGroup(1101, "b", "Б")).AddPost(1, VkHarness.InWindow(1), "Новость");

        var batch = await vk.CollectAsync(VkHarness.Page("1100"), VkHarness.Page("1101"));

        Assert.Empty(batch.Pages);
        Assert.All(batch.Skipped, s => Assert.Contains("budget", s.Reason, StringComparison.Ordinal));
        Assert.NotEmpty(batch.Notices!);
    }

    [Fact]
    public async Task Live_broadcasts_are_read_with_a_user_token()
    {
        await using var vk = await VkHarness.StartAsync([("service-token", "service", 20), ("user-token", "user", 3)]);
        var group = vk.Fake.AddGroup(new FakeVkGroup(1200, "glava", "Глава района") { VideoLiveCount = 2 });
        group.AddLiveVideo(1, VkHarness.InWindow(5, 11), "finished", views: 2300, spectators: 0, duration: 3600);
        group.AddLiveVideo(2, VkHarness.InWindow(0, 18), "started", views: 150, spectators: 89, duration: 0);
        group.AddLiveVideo(3, VkHarness.InWindow(60), "finished", views: 100, spectators: 0, duration: 600);

        var batch = await vk.CollectAsync(VkHarness.Page("1200"));

        var page = Assert.Single(batch.Pages);
        var broadcasts = page.Broadcasts;
        Assert.True(page.BroadcastsCollected);
        Assert.Equal([BroadcastStatus.Ended, BroadcastStatus.Live], broadcasts.Select(b => b.Status));
        Assert.Equal(89, broadcasts[1].PeakViewers);
        Assert.Equal(3600, broadcasts[0].DurationSeconds);
    }

    [Fact]
    public async Task Without_a_user_token_live_broadcasts_are_skipped_with_a_clear_reason_in_the_run_report_and_marked_not_collected_on_the_page()
    {
        await using var vk = await VkHarness.StartAsync();
        vk.Fake.AddGroup(new FakeVkGroup(1300, "p1300", "Страница") { VideoLiveCount = 1 }).AddLiveVideo(1, VkHarness.InWindow(2), "finished", 10, 0, 60);

        var batch = await vk.CollectAsync(VkHarness.Page("1300"));

        var page = Assert.Single(batch.Pages);
        Assert.Empty(page.Broadcasts);
        Assert.Equal([PageNotice.BroadcastsNotCollected], page.Notices);
        Assert.False(page.BroadcastsCollected);
        Assert.Contains(batch.Notices!, n => n.Contains("user token", StringComparison.Ordinal));
        Assert.Equal(0, vk.Fake.CallsOf("video.get"));
    }

    [Fact]
    public async Task Tokens_never_appear_in_logs_skip_reasons_notices_or_request_spans()
    {
        var secret = "vk1.a.SECRET-service-token-value";
        using var spans = new SpanRecorder(SpanRecorder.HttpClientSource);
        await using var vk = await VkHarness.StartAsync([(secret, "service", 20)]);
        vk.Fake.AddGroup(new FakeVkGroup(1400, "p1400", "Страница") { WallError = 15 });
        vk.Fake.Inject(new FakeVkFault(HttpStatus: 502));
        vk.Fake.Inject(new FakeVkFault(ErrorCode: 6));

        var batch = await vk.CollectAsync(VkHarness.Page("1400"), VkHarness.Page("missing_page"));

        Assert.NotEmpty(vk.Logs.GetSnapshot());
        Assert.DoesNotContain(vk.Logs.GetSnapshot(), e => e.AllText().Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(batch.Skipped, s => s.Reason.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(batch.Notices ?? [], n => n.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(spans.Spans, span => span.GetTagItem("url.full") is string url && url.StartsWith(vk.Fake.BaseAddress.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(spans.Spans, span => span.AllText().Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_VK_echoes_in_its_error_message_is_masked_before_it_reaches_logs_skip_reasons_or_notices()
    {
        const string Secret = "vk1.a.SECRET-service-token-value-0123456789abcdef";
        const string Stranger = "vk1.a.another-token-not-in-the-pool-9876543210";
        await using var vk = await VkHarness.StartAsync([(Secret, "service", 20)]);
        vk.Fake.AddGroup(new FakeVkGroup(1500, "p1500", "Страница") { WallError = 100, WallErrorMessage = $"One of the parameters specified was missing or invalid: access_token={Secret}" });
        vk.Fake.AddGroup(new FakeVkGroup(1501, "p1501", "Страница") { WallError = 15, WallErrorMessage = $"Access denied for {Stranger.ToUpperInvariant()}" });
        vk.Fake.Inject(new FakeVkFault(ErrorCode: 10, ErrorMessage: $"Internal server error while checking {Secret}"));

        var batch = await vk.CollectAsync(VkHarness.Page("1500"), VkHarness.Page("1501"));

        Assert.Equal(["1500", "1501"], batch.Skipped.Select(s => s.PageId).Order());
        Assert.Contains(batch.Skipped, s => s.Reason.Contains("access_token=***", StringComparison.Ordinal));
        Assert.Contains(batch.Skipped, s => s.Reason.Contains("Access denied for ***", StringComparison.Ordinal));
        var written = batch.Skipped.Select(s => s.Reason).Concat(batch.Notices ?? []).Concat(vk.Logs.GetSnapshot().Select(e => e.AllText())).ToList();
        foreach (var token in new[] { Secret, Stranger })
        {
            Assert.DoesNotContain(written, text => text.Contains(token, StringComparison.OrdinalIgnoreCase));
        }
    }
}
