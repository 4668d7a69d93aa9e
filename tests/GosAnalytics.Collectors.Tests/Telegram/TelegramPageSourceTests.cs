using GosAnalytics.Collectors.Telegram;
using GosAnalytics.Core.Domain;
using GosAnalytics.FakePlatforms;
using Microsoft.Extensions.Logging;
using static GosAnalytics.Collectors.Tests.Telegram.TelegramHarness;

namespace GosAnalytics.Collectors.Tests.Telegram;

public sealed class TelegramPageSourceTests
{
    private static readonly TimeSpan EightHours = TimeSpan.FromHours(8);

    [Fact]
    public async Task The_source_is_the_real_telegram_web_collector_for_Telegram_pages_only()
    {
        await using var harness = await StartAsync();

        Assert.IsType<TelegramPageSource>(harness.Source);
        Assert.Equal("telegram-web", harness.Source.Name);
        Assert.False(harness.Source.IsDemo);
        Assert.True(harness.Source.Supports(Platform.Telegram));
        Assert.False(harness.Source.Supports(Platform.Vk));
        Assert.False(harness.Source.Supports(Platform.Ok));
    }

    [Fact]
    public async Task The_channel_header_becomes_the_page_info_with_region_and_kind_from_the_registry()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("amurobl", channel =>
        {
            channel.Title = "Правительство Амурской области";
            channel.IsVerified = true;
            channel.SubscribersText = "12 345";
            channel.Description = "Официальный канал. Сайт: https://www.amurobl.ru, приёмная: +7 (4162) 20-00-00";
            AddPosts(channel, 3, EightHours);
        }));

        var batch = await harness.CollectAsync("amurobl");

        var page = Assert.Single(batch.Pages).Page;
        // The preview has no contacts or site field: they are read from the description, where a channel shows them.
        Assert.Equal(new PageInfo(Platform.Telegram, "amurobl", "amurobl", "Правительство Амурской области", 28, OrganisationKind.RegionalAuthority,
            HasGovernmentLabel: true, Subscribers: 12_345, HasDescription: true, HasAvatar: true, HasContacts: true, HasSite: true), page);
        Assert.Empty(batch.Skipped);
    }

    [Fact]
    public async Task A_hidden_subscriber_count_is_collected_as_zero_and_a_bare_channel_has_no_label_description_or_avatar()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("bare_channel", channel =>
        {
            channel.SubscribersText = null;
            channel.Description = null;
            channel.HasAvatar = false;
        }));

        var page = Assert.Single((await harness.CollectAsync("bare_channel")).Pages).Page;

        Assert.Equal(0, page.Subscribers);
        Assert.False(page.HasGovernmentLabel);
        Assert.False(page.HasDescription);
        Assert.False(page.HasAvatar);
    }

    [Fact]
    public async Task Posts_carry_text_views_reactions_media_and_repost_flag_and_no_broadcasts_or_comments()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("amurobl", channel =>
        {
            channel.Posts.Add(new FakeTelegramPost(1, AsOf.AddDays(-2)) { IsService = true, Text = "Channel created" });
            channel.Posts.Add(new FakeTelegramPost(2, AsOf.AddDays(-1))
            {
                Text = "Открыт новый мост\nПодробности на сайте",
                Views = "12.3K",
                Reactions = ["15", "1.2K"],
                Photos = 2,
                Videos = 1,
            });
            channel.Posts.Add(new FakeTelegramPost(3, AsOf.AddHours(-2)) { Text = "Репост", ForwardedFrom = "mchs_official", Views = null, ReplyToText = "Цитата" });
        }));

        var snapshot = Assert.Single((await harness.CollectAsync("amurobl")).Pages);

        Assert.Equal(new[] { "2", "3" }, snapshot.Posts.Select(post => post.PostId));
        var bridge = snapshot.Posts[0];
        Assert.Equal("Открыт новый мост\nПодробности на сайте", bridge.Text);
        Assert.Equal(12_300, bridge.Views);
        Assert.Equal(1_215, bridge.Likes);
        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Photo] = 2, [AttachmentKind.Video] = 1 }, bridge.Attachments);
        Assert.Equal(AsOf.AddDays(-1), bridge.PublishedAt);
        Assert.False(bridge.IsRepost);
        var repost = snapshot.Posts[1];
        Assert.True(repost.IsRepost);
        Assert.Equal("Репост", repost.Text);
        Assert.Null(repost.Views);
        Assert.Empty(snapshot.Broadcasts);
        Assert.Equal([PageNotice.BroadcastsNotCollected], snapshot.Notices);
        Assert.Empty(snapshot.CitizenComments);
    }

    [Fact]
    public async Task Paging_goes_back_with_before_and_stops_at_the_first_page_older_than_the_window()
    {
        // 200 posts 8 h apart: the window (30 days = 720 h) holds ids 111–200; pages hold 20 posts each.
        await using var harness = await StartAsync(fake => AddPosts(fake.AddChannel("amurobl"), 200, EightHours));

        var snapshot = Assert.Single((await harness.CollectAsync("amurobl")).Pages);

        Assert.Equal(
            new[] { "/s/amurobl", "/s/amurobl?before=181", "/s/amurobl?before=161", "/s/amurobl?before=141", "/s/amurobl?before=121" },
            harness.Fake.RequestLog);
        Assert.Equal(Enumerable.Range(111, 90).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), snapshot.Posts.Select(post => post.PostId));
    }

    [Fact]
    public async Task Only_posts_between_the_window_start_and_as_of_are_kept()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("amurobl", channel =>
        {
            channel.Posts.Add(new FakeTelegramPost(1, WindowStart.AddSeconds(-1)) { Text = "слишком старый" });
            channel.Posts.Add(new FakeTelegramPost(2, WindowStart) { Text = "первый в окне" });
            channel.Posts.Add(new FakeTelegramPost(3, AsOf.AddHours(-1)) { Text = "последний в окне" });
            channel.Posts.Add(new FakeTelegramPost(4, AsOf) { Text = "ровно в момент замера" });
            channel.Posts.Add(new FakeTelegramPost(5, AsOf.AddSeconds(1)) { Text = "после замера" });
            channel.Posts.Add(new FakeTelegramPost(6, AsOf.AddDays(1)) { Text = "на следующий день" });
        }));

        var snapshot = Assert.Single((await harness.CollectAsync("amurobl")).Pages);

        Assert.Equal(new[] { "2", "3", "4" }, snapshot.Posts.Select(post => post.PostId));
    }

    [Fact]
    public async Task Paging_stops_when_before_does_not_move()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("amurobl", channel =>
        {
            AddPosts(channel, 60, TimeSpan.FromHours(1));
            channel.IgnoresBefore = true;
        }));

        var snapshot = Assert.Single((await harness.CollectAsync("amurobl")).Pages);

        Assert.Equal(new[] { "/s/amurobl", "/s/amurobl?before=41" }, harness.Fake.RequestLog);
        Assert.Equal(20, snapshot.Posts.Count);
    }

    [Fact]
    public async Task Paging_stops_when_the_page_links_to_nothing_older()
    {
        await using var harness = await StartAsync(fake => AddPosts(fake.AddChannel("amurobl"), 5, EightHours));

        var snapshot = Assert.Single((await harness.CollectAsync("amurobl")).Pages);

        Assert.Equal(new[] { "/s/amurobl" }, harness.Fake.RequestLog);
        Assert.Equal(5, snapshot.Posts.Count);
    }

    [Fact]
    public async Task Paging_stops_after_the_configured_number_of_pages_keeps_what_it_read_and_marks_the_wall_truncated()
    {
        await using var harness = await StartAsync(
            fake => AddPosts(fake.AddChannel("amurobl"), 100, TimeSpan.FromHours(1)),
            new Dictionary<string, string?> { ["Telegram:MaxPagesPerChannel"] = "2" });

        var snapshot = Assert.Single((await harness.CollectAsync("amurobl")).Pages);

        Assert.Equal(2, harness.Fake.PreviewRequestsFor("amurobl"));
        Assert.Equal(40, snapshot.Posts.Count);
        Assert.Equal([PageNotice.WallTruncated, PageNotice.BroadcastsNotCollected], snapshot.Notices);
    }

    [Fact]
    public async Task A_channel_with_the_preview_disabled_is_skipped_permanently()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("closed_channel", channel => channel.Mode = FakeTelegramMode.PreviewDisabled));

        var batch = await harness.CollectAsync("closed_channel");

        Assert.Empty(batch.Pages);
        Assert.Equal(
            new SkippedPage(Platform.Telegram, "closed_channel", "Telegram channel @closed_channel has no public web preview (disabled or private).", Permanent: true),
            Assert.Single(batch.Skipped));
        Assert.Equal(1, harness.Fake.RequestsTo("/closed_channel"));
    }

    [Theory]
    [InlineData(FakeTelegramMode.NotExisting)]
    [InlineData(FakeTelegramMode.NotFound)]
    public async Task A_channel_that_does_not_exist_is_skipped_permanently(FakeTelegramMode mode)
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("renamed_channel", channel => channel.Mode = mode));

        var batch = await harness.CollectAsync("renamed_channel");

        Assert.Equal(
            new SkippedPage(Platform.Telegram, "renamed_channel", "Telegram channel @renamed_channel does not exist (renamed or deleted?).", Permanent: true),
            Assert.Single(batch.Skipped));
    }

    [Fact]
    public async Task A_channel_the_fake_has_never_heard_of_is_skipped_permanently_as_not_existing()
    {
        await using var harness = await StartAsync();

        var skipped = Assert.Single((await harness.CollectAsync("no_such_channel")).Skipped);

        Assert.True(skipped.Permanent);
        Assert.Contains("does not exist", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_page_layout_skips_the_channel_for_today_with_the_reason_and_a_warning_naming_it()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("amurobl", channel =>
        {
            channel.Mode = FakeTelegramMode.LayoutChanged;
            AddPosts(channel, 5, EightHours);
        }));

        var skipped = Assert.Single((await harness.CollectAsync("amurobl")).Skipped);

        Assert.False(skipped.Permanent);
        Assert.StartsWith("t.me page layout not recognised: ", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("time[datetime]", skipped.Reason, StringComparison.Ordinal);
        var warning = Assert.Single(harness.Logs.GetSnapshot(), entry => entry.Level == LogLevel.Warning);
        Assert.Equal("amurobl", warning.GetStructuredStateValue("Channel"));
        Assert.Contains("{Channel}", warning.GetStructuredStateValue("{OriginalFormat}")!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task A_channel_failing_twice_then_answering_is_collected(int status)
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("amurobl", channel =>
        {
            AddPosts(channel, 5, EightHours);
            channel.FailureStatusCode = status;
            channel.FailNextRequests(2);
        }));

        var batch = await harness.CollectAsync("amurobl");

        Assert.Equal(5, Assert.Single(batch.Pages).Posts.Count);
        Assert.Empty(batch.Skipped);
        Assert.Equal(3, harness.Fake.RequestsTo("/s/amurobl"));
    }

    [Fact]
    public async Task A_channel_failing_on_every_try_is_skipped_for_today_with_the_status()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("amurobl", channel => channel.FailNextRequests(100)));

        var skipped = Assert.Single((await harness.CollectAsync("amurobl")).Skipped);

        Assert.False(skipped.Permanent);
        Assert.Equal("Telegram answered HTTP 500.", skipped.Reason);
        Assert.Equal(3, harness.Fake.RequestsTo("/s/amurobl"));
    }

    [Fact]
    public async Task A_channel_that_answers_slower_than_the_timeout_is_skipped_for_today()
    {
        await using var harness = await StartAsync(
            fake => fake.AddChannel("slow_channel", channel => channel.ResponseDelay = TimeSpan.FromMinutes(1)),
            new Dictionary<string, string?> { ["Telegram:RequestTimeout"] = "00:00:00.200", ["Telegram:MaxAttempts"] = "2" });

        var skipped = Assert.Single((await harness.CollectAsync("slow_channel")).Skipped);

        Assert.False(skipped.Permanent);
        Assert.Contains("did not answer", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(2, harness.Fake.RequestsTo("/s/slow_channel"));
    }

    [Fact]
    public async Task A_failing_channel_does_not_stop_the_others_and_the_batch_carries_one_notice()
    {
        await using var harness = await StartAsync(fake =>
        {
            AddPosts(fake.AddChannel("first_channel"), 3, EightHours);
            fake.AddChannel("closed_channel", channel => channel.Mode = FakeTelegramMode.PreviewDisabled);
            AddPosts(fake.AddChannel("broken_channel", channel => channel.Mode = FakeTelegramMode.LayoutChanged), 2, EightHours);
            AddPosts(fake.AddChannel("second_channel"), 4, EightHours);
        });

        var batch = await harness.CollectAsync("first_channel", "closed_channel", "missing_channel", "broken_channel", "second_channel");

        Assert.Equal(new[] { "first_channel", "second_channel" }, batch.Pages.Select(page => page.Page.PageId));
        Assert.Equal(new[] { "closed_channel", "missing_channel", "broken_channel" }, batch.Skipped.Select(page => page.PageId));
        Assert.Equal(new[] { true, true, false }, batch.Skipped.Select(page => page.Permanent));
        Assert.Equal(TelegramPageSource.MissingMetricsNotice, Assert.Single(batch.Notices!));
    }

    [Fact]
    public async Task A_page_id_that_cannot_be_a_username_is_skipped_permanently_without_a_request()
    {
        await using var harness = await StartAsync();

        var skipped = Assert.Single((await harness.CollectAsync("../admin?x=1")).Skipped);

        Assert.True(skipped.Permanent);
        Assert.Empty(harness.Fake.RequestLog);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_a_skip()
    {
        await using var harness = await StartAsync(fake => fake.AddChannel("slow_channel", channel => channel.ResponseDelay = TimeSpan.FromMinutes(1)));
        using var cancellation = new CancellationTokenSource();
        var collecting = harness.Source.CollectAsync(Request("slow_channel"), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => collecting);
    }

    [Fact]
    public async Task A_batch_of_another_platform_is_refused_as_a_routing_error()
    {
        await using var harness = await StartAsync();
        var request = Request("amurobl") with { Platform = Platform.Vk };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Source.CollectAsync(request, CancellationToken.None));
    }
}
