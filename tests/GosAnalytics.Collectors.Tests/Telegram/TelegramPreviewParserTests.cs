using GosAnalytics.Collectors.Telegram;
using GosAnalytics.Core.Domain;
using static GosAnalytics.Collectors.Tests.Telegram.TelegramSamples;

namespace GosAnalytics.Collectors.Tests.Telegram;

public sealed class TelegramPreviewParserTests
{
    private static Post SinglePost(string message)
    {
        var page = TelegramPreviewParser.Parse(Page(Header(), message));
        Assert.Null(page.LayoutProblem);
        return Assert.Single(page.Messages).Post;
    }

    [Fact]
    public void The_header_gives_title_username_description_avatar_and_subscribers()
    {
        var header = TelegramPreviewParser.Parse(Page(Header())).Header;

        Assert.NotNull(header);
        Assert.Equal("Правительство Амурской области", header.Title);
        Assert.Equal("amurobl", header.Username);
        Assert.True(header.HasDescription);
        Assert.True(header.HasAvatar);
        Assert.False(header.IsVerified);
        Assert.Equal(12_345, header.Subscribers);
    }

    [Fact]
    public void A_verified_icon_next_to_the_title_marks_the_channel_verified()
    {
        var header = TelegramPreviewParser.Parse(Page(Header(verified: true))).Header;

        Assert.True(header!.IsVerified);
        Assert.Equal("Правительство Амурской области", header.Title);
    }

    [Fact]
    public void Subscribers_written_as_1_2K_in_the_header_are_read_as_1200() =>
        Assert.Equal(1200, TelegramPreviewParser.Parse(Page(Header(subscribers: "1.2K"))).Header!.Subscribers);

    [Fact]
    public void A_hidden_subscriber_counter_reads_as_unknown_not_as_zero() =>
        Assert.Null(TelegramPreviewParser.Parse(Page(Header(subscribers: null))).Header!.Subscribers);

    [Fact]
    public void A_channel_with_a_letter_instead_of_a_photo_has_no_avatar_and_one_without_about_text_no_description()
    {
        var header = TelegramPreviewParser.Parse(Page(Header(avatar: false, description: null))).Header!;

        Assert.False(header.HasAvatar);
        Assert.False(header.HasDescription);
    }

    [Fact]
    public void A_message_becomes_a_post_with_its_numeric_id_time_text_and_views()
    {
        var post = SinglePost(Message(1234, Text("Уважаемые жители! Сегодня открылась новая школа."), "2025-03-05T09:15:00+00:00", "713"));

        Assert.Equal("1234", post.PostId);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 9, 15, 0, TimeSpan.Zero), post.PublishedAt);
        Assert.Equal("Уважаемые жители! Сегодня открылась новая школа.", post.Text);
        Assert.Equal(713, post.Views);
        Assert.False(post.IsRepost);
        Assert.Empty(post.Attachments);
        Assert.Equal(0, post.Reposts);
        Assert.Equal(0, post.Comments);
    }

    [Theory]
    [InlineData("1.2K", 1_200)]
    [InlineData("3.4M", 3_400_000)]
    [InlineData("713", 713)]
    public void Views_are_read_from_the_abbreviated_counter(string written, long expected) =>
        Assert.Equal(expected, SinglePost(Message(1, Text("Пост"), views: written)).Views);

    [Fact]
    public void A_message_without_a_views_counter_has_unknown_views() =>
        Assert.Null(SinglePost(Message(1, Text("Пост"), views: null)).Views);

    [Fact]
    public void Line_breaks_become_newlines_and_emoji_and_links_stay_text()
    {
        var post = SinglePost(Message(1, Text("""Первая строка<br/>Вторая <i class="emoji"><b>✅</b></i> строка<br>Подробнее: <a href="https://amurobl.ru">amurobl.ru</a>""")));

        Assert.Equal("Первая строка\nВторая ✅ строка\nПодробнее: amurobl.ru", post.Text);
    }

    [Theory]
    [InlineData("2025-03-05T12:15:00+03:00")]
    [InlineData("2025-03-05T09:15:00Z")]
    [InlineData("2025-03-05T09:15:00+00:00")]
    [InlineData("2025-03-05T09:15:00")]
    public void Times_with_an_offset_or_Z_or_no_zone_all_mean_the_same_UTC_instant(string datetime)
    {
        var post = SinglePost(Message(1, Text("Пост"), datetime));

        Assert.Equal(new DateTimeOffset(2025, 3, 5, 9, 15, 0, TimeSpan.Zero), post.PublishedAt);
        Assert.Equal(TimeSpan.Zero, post.PublishedAt.Offset);
    }

    [Fact]
    public void Reaction_counts_are_summed_into_likes() =>
        Assert.Equal(15 + 1_200 + 3, SinglePost(Message(1, Text("Пост"), reactions: Reactions("15", "1.2K", "3"))).Likes);

    [Fact]
    public void A_message_without_reactions_has_no_likes() =>
        Assert.Equal(0, SinglePost(Message(1, Text("Пост"))).Likes);

    [Fact]
    public void A_forwarded_message_is_a_repost_with_its_own_text()
    {
        var post = SinglePost(Message(1, ForwardedFrom() + Text("Штормовое предупреждение по Амурской области")));

        Assert.True(post.IsRepost);
        Assert.Equal("Штормовое предупреждение по Амурской области", post.Text);
    }

    [Fact]
    public void The_quoted_text_of_a_replied_to_message_is_not_taken_as_the_text()
    {
        var post = SinglePost(Message(1, Reply("Исходное сообщение о ремонте дорог") + Text("Ремонт завершён досрочно")));

        Assert.Equal("Ремонт завершён досрочно", post.Text);
        Assert.False(post.IsRepost);
    }

    [Fact]
    public void A_reply_without_text_of_its_own_has_empty_text() =>
        Assert.Equal("", SinglePost(Message(1, Reply("Исходное сообщение") + Photo(1))).Text);

    [Fact]
    public void A_link_preview_counts_as_a_link_and_its_description_is_not_the_text()
    {
        var post = SinglePost(Message(1, Text("Записывайтесь на приём через портал") + LinkPreview()));

        Assert.Equal("Записывайтесь на приём через портал", post.Text);
        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Link] = 1 }, post.Attachments);
    }

    [Fact]
    public void An_album_is_counted_per_photo_and_video()
    {
        var post = SinglePost(Message(1, Album(Photo(1), Photo(2), Photo(3), Video(4)) + Text("Фотоотчёт с праздника")));

        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Photo] = 3, [AttachmentKind.Video] = 1 }, post.Attachments);
        Assert.Equal("Фотоотчёт с праздника", post.Text);
    }

    [Fact]
    public void A_video_player_duration_is_not_mistaken_for_the_post_time()
    {
        var post = SinglePost(Message(1, Video(1), "2025-03-05T09:15:00+00:00"));

        Assert.Equal(new DateTimeOffset(2025, 3, 5, 9, 15, 0, TimeSpan.Zero), post.PublishedAt);
        Assert.Equal(1, post.Attachments[AttachmentKind.Video]);
    }

    [Fact]
    public void Round_videos_are_videos_documents_are_documents_and_polls_are_polls()
    {
        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Video] = 1 }, SinglePost(Message(1, RoundVideo())).Attachments);
        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Document] = 1 }, SinglePost(Message(2, Document() + Text("Постановление"))).Attachments);
        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Poll] = 1 }, SinglePost(Message(3, Poll())).Attachments);
    }

    [Fact]
    public void Text_nested_deeper_in_a_single_media_post_is_still_found()
    {
        var post = SinglePost(Message(1, $"""<div class="tgme_widget_message_grouped_wrap">{Photo(1)}<div class="media_supported_cont">{Text("Подпись к фото")}</div></div>"""));

        Assert.Equal("Подпись к фото", post.Text);
    }

    [Fact]
    public void Service_messages_are_left_out_but_still_count_for_paging()
    {
        var page = TelegramPreviewParser.Parse(Page(Header(), ServiceMessage(100), Message(101, Text("Первый пост"))));

        Assert.Null(page.LayoutProblem);
        Assert.Equal("101", Assert.Single(page.Messages).Post.PostId);
        Assert.Equal(100, page.LowestMessageId);
    }

    [Fact]
    public void A_service_message_without_an_id_is_ignored_without_calling_it_drift()
    {
        var service = ServiceMessage(100, "Канал закрепил сообщение").Replace("data-post=\"amurobl/100\"", "", StringComparison.Ordinal);

        var page = TelegramPreviewParser.Parse(Page(Header(), service, Message(101, Text("Пост"))));

        Assert.Null(page.LayoutProblem);
        Assert.Equal(101, page.LowestMessageId);
        Assert.Single(page.Messages);
    }

    [Fact]
    public void Message_wrappers_whose_blocks_were_renamed_are_reported_as_layout_drift()
    {
        var renamed = """<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_post" data-post="amurobl/9">Пост</div></div>""";

        var page = TelegramPreviewParser.Parse(Page(Header(), renamed));

        Assert.False(page.ShowsNoChannel);
        Assert.NotNull(page.LayoutProblem);
    }

    [Fact]
    public void A_message_shown_twice_is_read_once()
    {
        var page = TelegramPreviewParser.Parse(Page(
            Header(),
            Message(7, Album(Photo(1), Photo(2)) + Text("Альбом"), views: "1.2K"),
            Message(7, Album(Photo(3)), views: "1.2K"),
            Message(8, Text("Следующий"))));

        Assert.Equal(new[] { "7", "8" }, page.Messages.Select(message => message.Post.PostId));
        Assert.Equal(2, page.Messages[0].Post.Attachments[AttachmentKind.Photo]);
    }

    [Fact]
    public void Messages_keep_page_order_and_the_more_link_gives_the_older_page()
    {
        var page = TelegramPreviewParser.Parse(Page(Header(), before: 1215, Message(1215, Text("Старый")), Message(1216, Text("Новый"))));

        Assert.Equal(new[] { 1215L, 1216L }, page.Messages.Select(message => message.MessageId));
        Assert.Equal(1215, page.OlderPageBefore);
        Assert.Equal(1215, page.LowestMessageId);
    }

    [Fact]
    public void A_link_to_newer_posts_is_not_taken_for_the_older_page()
    {
        var html = Page(Header(), Message(5, Text("Пост"))).Replace(
            "</section></div></main>",
            """<a class="tme_messages_more js-messages_more" data-after="5" href="/s/amurobl?after=5"></a></section></div></main>""",
            StringComparison.Ordinal);

        Assert.Null(TelegramPreviewParser.Parse(html).OlderPageBefore);
    }

    [Fact]
    public void A_page_without_header_and_messages_shows_no_channel()
    {
        var page = TelegramPreviewParser.Parse("""<html><body><div class="tgme_page"><div class="tgme_page_description">If you have Telegram, you can contact @amurobl right away.</div></div></body></html>""");

        Assert.True(page.ShowsNoChannel);
        Assert.Null(page.LayoutProblem);
    }

    [Fact]
    public void A_channel_with_a_header_and_no_posts_yet_is_an_empty_channel_not_a_missing_one()
    {
        var page = TelegramPreviewParser.Parse(Page(Header()));

        Assert.False(page.ShowsNoChannel);
        Assert.Null(page.LayoutProblem);
        Assert.Empty(page.Messages);
    }

    [Fact]
    public void A_message_without_a_time_is_reported_as_layout_drift()
    {
        var message = """<div class="tgme_widget_message js-widget_message" data-post="amurobl/9"><div class="tgme_post_body">Текст</div><span class="tgme_post_date">05.03.2025</span></div>""";

        var page = TelegramPreviewParser.Parse(Page(Header(), message));

        Assert.Contains("message 9", page.LayoutProblem, StringComparison.Ordinal);
        Assert.Contains("time[datetime]", page.LayoutProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_block_without_data_post_is_reported_as_layout_drift()
    {
        var message = Message(9, Text("Пост")).Replace("data-post=\"amurobl/9\"", "data-id=\"9\"", StringComparison.Ordinal);

        Assert.Contains("data-post", TelegramPreviewParser.Parse(Page(Header(), message)).LayoutProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_localised_date_in_datetime_is_reported_as_layout_drift_not_misread() =>
        Assert.NotNull(TelegramPreviewParser.Parse(Page(Header(), Message(1, Text("Пост"), datetime: "05.03.2025 09:15"))).LayoutProblem);

    [Fact]
    public void Views_that_are_not_a_count_are_reported_as_layout_drift() =>
        Assert.Contains("views", TelegramPreviewParser.Parse(Page(Header(), Message(1, Text("Пост"), views: "много"))).LayoutProblem, StringComparison.Ordinal);

    [Fact]
    public void Messages_without_a_channel_header_are_reported_as_layout_drift()
    {
        var page = TelegramPreviewParser.Parse(Page(header: null, Message(1, Text("Пост"))));

        Assert.False(page.ShowsNoChannel);
        Assert.Contains("header", page.LayoutProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_more_link_with_no_message_blocks_is_reported_as_layout_drift()
    {
        var page = TelegramPreviewParser.Parse(Page(Header(), before: 50, """<div class="tgme_post" data-id="amurobl/51">Пост</div>"""));

        Assert.NotNull(page.LayoutProblem);
    }
}
