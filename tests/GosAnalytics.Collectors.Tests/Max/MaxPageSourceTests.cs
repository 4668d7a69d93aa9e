using GosAnalytics.Core.Domain;
using GosAnalytics.FakePlatforms;
using static GosAnalytics.Collectors.Tests.Max.MaxHarness;

namespace GosAnalytics.Collectors.Tests.Max;

/// <summary>What the MAX source collects from a channel through the Bot API, against a fake that answers in the schema's shapes.</summary>
public class MaxPageSourceTests
{
    [Fact]
    public async Task A_channel_registered_by_chat_id_is_collected_with_its_subscribers_title_and_public_name()
    {
        await using var max = await StartAsync();
        max.AddChannel(participants: 11500);

        var result = await max.Source().CollectAsync(Request(Page(ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture))), CancellationToken.None);

        var snapshot = Assert.Single(result.Pages);
        Assert.Empty(result.Skipped);
        Assert.Equal(
            new PageInfo(Platform.Max, "-70801090403050", Link, "Минобрнауки Амурской области", 28, OrganisationKind.RegionalAuthority, false, 11500, true, true, HasContacts: false, HasSite: false),
            snapshot.Page);
        Assert.Equal([PageNotice.BroadcastsNotCollected], snapshot.Notices);
        Assert.Empty(snapshot.Broadcasts);
    }

    [Fact]
    public async Task A_channel_registered_by_its_link_name_is_resolved_through_chats_link()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        channel.HasIcon = false;
        channel.Description = null;

        var snapshot = Assert.Single((await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        Assert.Equal((Link, Link, false, false), (snapshot.Page.PageId, snapshot.Page.ScreenName, snapshot.Page.HasAvatar, snapshot.Page.HasDescription));
        Assert.Single(snapshot.Posts);
    }

    [Fact]
    public async Task A_post_keeps_the_public_link_the_Bot_API_gives_and_a_link_that_is_not_an_absolute_https_URL_is_dropped()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        channel.Posts.Clear();
        channel.AddPost("mid.linked", AsOf.AddHours(-5), url: "https://max.ru/minobr28/AZvGd2khRSE");
        channel.AddPost("mid.relative", AsOf.AddHours(-4), url: "/minobr28/AZvGd2khRSE");
        channel.AddPost("mid.plain", AsOf.AddHours(-3), url: "http://max.ru/minobr28/AZvGd2khRSE");
        var hidden = max.AddChannel(-70801090409999, link: null);
        hidden.Posts.Clear();
        hidden.AddPost("mid.private", AsOf.AddHours(-2));

        var result = await max.Source().CollectAsync(Request(Page(Link), Page("-70801090409999")), CancellationToken.None);

        var urls = result.Pages.SelectMany(p => p.Posts).ToDictionary(p => p.PostId, p => p.Url);
        Assert.Equal("https://max.ru/minobr28/AZvGd2khRSE", urls["mid.linked"]);
        Assert.Null(urls["mid.relative"]);
        Assert.Null(urls["mid.plain"]);
        Assert.Null(urls["mid.private"]); // a private channel's posts have no public link
    }

    [Fact]
    public async Task Unknown_fields_of_chats_and_messages_are_ignored()
    {
        await using var max = await StartAsync();
        max.AddChannel().WithUnknownFields = true;

        var snapshot = Assert.Single((await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        Assert.Equal(10, Assert.Single(snapshot.Posts).Views);
    }

    [Fact]
    public async Task Posts_carry_views_and_attachments_by_kind_and_forwards_count_as_reposts_while_likes_and_reposts_stay_unknown()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        channel.Posts.Clear();
        channel.AddPost("mid.media", AsOf.AddHours(-5), "Фото и видео", views: 24911, attachmentTypes: ["image", "image", "video", "audio", "file", "share", "sticker", "location", "hologram"]);
        channel.AddPost("mid.forward", AsOf.AddHours(-4), "Переслано", views: 7, forward: true);

        var posts = Assert.Single((await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages).Posts;

        var media = posts.Single(p => p.PostId == "mid.media");
        Assert.Equal((24911L, "Фото и видео", false), (media.Views!.Value, media.Text, media.IsRepost));
        Assert.Equal(
            new Dictionary<AttachmentKind, int>
            {
                [AttachmentKind.Photo] = 2,
                [AttachmentKind.Video] = 1,
                [AttachmentKind.Audio] = 1,
                [AttachmentKind.Document] = 1,
                [AttachmentKind.Link] = 1,
                [AttachmentKind.Other] = 3,
            },
            media.Attachments);
        Assert.True(posts.Single(p => p.PostId == "mid.forward").IsRepost);
        Assert.All(posts, p => Assert.Equal((null, null), (p.Likes, p.Reposts)));
        Assert.Equal(AsOf.AddHours(-5), media.PublishedAt);
    }

    [Fact]
    public async Task A_post_without_stat_has_no_views_rather_than_zero()
    {
        await using var max = await StartAsync();
        max.AddChannel().AddPost("mid.nostat", AsOf.AddHours(-1), views: null);

        var posts = Assert.Single((await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages).Posts;

        Assert.Null(posts.Single(p => p.PostId == "mid.nostat").Views);
    }

    [Fact]
    public async Task Citizens_comments_are_collected_with_the_channel_s_earliest_reply_and_the_channel_s_own_comments_are_not_citizens()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        var post = channel.Posts[0].Mid;
        var asked = AsOf.AddHours(-2);
        channel.AddCitizenComment(post, "mid.q1", 501, asked, replyAfter: TimeSpan.FromMinutes(40));
        channel.CommentsOf(post).Add(new FakeMaxComment("mid.q1.second-reply", asked.AddMinutes(70), "Ещё ответ", null, "mid.q1"));
        channel.AddCitizenComment(post, "mid.q2", 502, asked.AddMinutes(5));
        channel.CommentsOf(post).Add(new FakeMaxComment("mid.channel-note", asked.AddMinutes(6), "Напоминаем", null, null));

        var snapshot = Assert.Single((await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        Assert.Equal(
            [new CitizenComment("mid.q1", post, asked, asked.AddMinutes(40), "Вопрос"), new CitizenComment("mid.q2", post, asked.AddMinutes(5), null, "Вопрос")],
            snapshot.CitizenComments);
        Assert.Equal(5, Assert.Single(snapshot.Posts).Comments);
        Assert.DoesNotContain(PageNotice.CommentsIncomplete, snapshot.Notices!);
    }

    [Fact]
    public async Task Comments_are_read_only_under_the_newest_posts_of_the_window()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        for (var i = 2; i <= 5; i++)
        {
            channel.AddPost($"mid.{i}", AsOf.AddHours(-3 - i));
        }

        var snapshot = Assert.Single((await max.Source(new Dictionary<string, string?> { ["Max:MaxCommentedPostsPerPage"] = "2" })
            .CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        Assert.Equal(5, snapshot.Posts.Count);
        Assert.Equal(2, max.Fake.CallsOf("comments"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Posts_are_paged_by_before_back_to_the_window_start_whether_times_come_in_milliseconds_or_seconds(bool seconds)
    {
        await using var max = await StartAsync();
        max.Fake.TimestampsInSeconds = seconds;
        var channel = max.AddChannel();
        channel.Posts.Clear();

        // 300 posts every three hours reach 37 days back: the 30-day window holds 240 of them, over two pages of 100 and a third that ends it.
        for (var i = 0; i < 300; i++)
        {
            channel.AddPost($"mid.p{i}", AsOf.AddHours(-1 - (3 * i)));
        }

        var snapshot = Assert.Single((await max.Source(new Dictionary<string, string?> { ["Max:MaxCommentedPostsPerPage"] = "0" })
            .CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        var expected = channel.Posts.Where(p => p.At >= WindowStart).Select(p => p.Mid).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, snapshot.Posts.Select(p => p.PostId).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(3, max.Fake.CallsOf("messages"));
        Assert.DoesNotContain(PageNotice.WallTruncated, snapshot.Notices!);
        Assert.Equal(AsOf.AddHours(-1), snapshot.Posts.Max(p => p.PublishedAt));
    }

    [Fact]
    public async Task A_channel_posting_more_than_the_page_limit_in_the_window_is_cut_with_a_truncation_notice()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        channel.Posts.Clear();
        for (var i = 0; i < 300; i++)
        {
            channel.AddPost($"mid.p{i}", AsOf.AddMinutes(-10 - (10 * i)));
        }

        var snapshot = Assert.Single((await max.Source(new Dictionary<string, string?> { ["Max:MaxPagesPerChannel"] = "2", ["Max:MaxCommentedPostsPerPage"] = "0" })
            .CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        Assert.Equal(200, snapshot.Posts.Count);
        Assert.Contains(PageNotice.WallTruncated, snapshot.Notices!);
        Assert.Equal(2, max.Fake.CallsOf("messages"));
    }

    [Fact]
    public async Task An_API_that_ignores_before_stops_paging_instead_of_reading_the_same_page_forever()
    {
        await using var max = await StartAsync();
        max.Fake.IgnoreBefore = true;
        var channel = max.AddChannel();
        channel.Posts.Clear();
        for (var i = 0; i < 150; i++)
        {
            channel.AddPost($"mid.p{i}", AsOf.AddMinutes(-10 - (10 * i)));
        }

        var snapshot = Assert.Single((await max.Source(new Dictionary<string, string?> { ["Max:MaxCommentedPostsPerPage"] = "0" })
            .CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        Assert.Equal(100, snapshot.Posts.Count);
        Assert.Equal(2, max.Fake.CallsOf("messages"));
        Assert.Contains(PageNotice.WallTruncated, snapshot.Notices!);
    }

    [Fact]
    public async Task Posts_past_the_newest_whose_comments_are_read_make_the_page_say_its_comments_are_incomplete()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        channel.Posts.Clear();
        for (var i = 0; i < 5; i++)
        {
            channel.AddPost($"mid.p{i}", AsOf.AddHours(-1 - i));
        }

        var snapshot = Assert.Single((await max.Source(new Dictionary<string, string?> { ["Max:MaxCommentedPostsPerPage"] = "3" })
            .CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages);

        Assert.Equal(5, snapshot.Posts.Count);
        Assert.Equal(3, max.Fake.CallsOf("comments"));
        Assert.Contains(PageNotice.CommentsIncomplete, snapshot.Notices!);
    }

    [Fact]
    public async Task Comments_that_cannot_be_read_leave_the_page_collected_with_a_comments_incomplete_notice()
    {
        await using var max = await StartAsync();
        max.AddChannel();
        max.Fake.Inject(new FakeMaxFault("comments", HttpStatus: 400));

        var result = await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None);

        var snapshot = Assert.Single(result.Pages);
        Assert.Contains(PageNotice.CommentsIncomplete, snapshot.Notices!);
        Assert.Single(snapshot.Posts);
        Assert.Contains(result.Notices!, n => n.Contains("comments under 1 posts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_citizen_s_comment_keeps_a_preview_of_its_text_whitespace_collapsed_and_cut_to_200_characters()
    {
        await using var max = await StartAsync();
        var channel = max.AddChannel();
        var post = channel.Posts[0].Mid;
        channel.AddCitizenComment(post, "mid.long", 501, AsOf.AddHours(-3), text: "  Когда\n\nпочинят   свет? " + new string('а', 300));

        var comment = Assert.Single(Assert.Single((await max.Source().CollectAsync(Request(Page(Link)), CancellationToken.None)).Pages).CitizenComments);

        Assert.StartsWith("Когда починят свет? ааа", comment.Text, StringComparison.Ordinal);
        Assert.Equal(CitizenComment.TextLength, comment.Text!.Length);
        Assert.EndsWith("…", comment.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_content_served_by_the_fake_comes_back_as_it_went_in()
    {
        await using var max = await StartAsync();
        var asked = AsOf.AddHours(-6);
        var original = new PageSnapshot(
            new PageInfo(Platform.Max, "-70000000000042", "amurobl", "Правительство Амурской области", 28, OrganisationKind.RegionalAuthority, false, 4200, true, true),
            [new Post("7", AsOf.AddHours(-8), "Итоги недели", new Dictionary<AttachmentKind, int> { [AttachmentKind.Photo] = 2 }, false, 900, null, null, 1) { Url = "https://max.ru/amurobl/Qx7dTz0aK1c" }],
            [],
            [new CitizenComment("1", "7", asked, asked.AddHours(1))]);
        var channel = max.Fake.AddChannel(DemoContentOnFakes.ToMaxChannel(original));

        var snapshot = Assert.Single((await max.Source().CollectAsync(Request(Page("-70000000000042")), CancellationToken.None)).Pages);

        Assert.Equal(-70000000000042, channel.ChatId);
        Assert.Equal(("amurobl", 4200L), (snapshot.Page.ScreenName, snapshot.Page.Subscribers));
        var post = Assert.Single(snapshot.Posts);
        Assert.Equal((900L, 2, 2L), (post.Views!.Value, post.Attachments[AttachmentKind.Photo], post.Comments));
        Assert.Equal("https://max.ru/amurobl/Qx7dTz0aK1c", post.Url);
        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(snapshot.CitizenComments).RepliedAt - asked);
    }
}
