using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace GosAnalytics.FakePlatforms;

/// <summary>Renders t.me pages in the structure of the real ones (docs/collectors-telegram.md), trimmed to what matters.</summary>
internal static class FakeTelegramHtml
{
    /// <summary>A <c>/s/&lt;channel&gt;</c> page: the channel's <paramref name="shown"/> posts (oldest first) and the paging links.</summary>
    public static string PreviewPage(FakeTelegramChannel channel, IReadOnlyList<FakeTelegramPost> shown, long? olderBefore, long? newerAfter, bool layoutChanged)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{HtmlEncode(channel.Title)} – Telegram</title>
            <link rel="canonical" href="https://t.me/s/{channel.Username}"></head>
            <body class="widget_frame_base tgme_webpage">
            <header class="tgme_header"><div class="tgme_header_title">{HtmlEncode(channel.Title)}</div></header>
            <main class="tgme_main"><div class="tgme_container">
            <section class="tgme_channel_history js-message_history">

            """);
        if (olderBefore is long before)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<a class="tme_messages_more js-messages_more" data-before="{before}" href="/s/{channel.Username}?before={before}"></a>""").Append('\n');
        }

        foreach (var post in shown)
        {
            html.Append(layoutChanged ? ChangedMessage(channel, post) : Message(channel, post)).Append('\n');
        }

        if (newerAfter is long after)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<a class="tme_messages_more js-messages_more" data-after="{after}" href="/s/{channel.Username}?after={after}"></a>""").Append('\n');
        }

        html.Append("</section></div></main>\n<section class=\"tgme_right_column\">\n").Append(Header(channel)).Append("</section>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>What t.me shows for an unknown channel under <c>/s/</c>: a page, but neither a header nor messages.</summary>
    public static string NoChannelPage() => """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Telegram: Contact @unknown</title></head>
        <body class="tgme_webpage"><div class="tgme_page_wrap"><div class="tgme_page">
        <div class="tgme_page_icon"></div><div class="tgme_page_description">If you have <strong>Telegram</strong>, you can contact
        <a class="tgme_username_link" href="tg://resolve?domain=unknown">@unknown</a> right away.</div>
        </div></div></body></html>
        """;

    /// <summary>The plain <c>/&lt;channel&gt;</c> page a disabled preview redirects to.</summary>
    public static string PlainChannelPage(FakeTelegramChannel channel) => $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Telegram: Contact @{channel.Username}</title></head>
        <body class="tgme_webpage"><div class="tgme_page_wrap"><div class="tgme_page">
        <div class="tgme_page_title"><span dir="auto">{HtmlEncode(channel.Title)}</span></div>
        <div class="tgme_page_extra">{HtmlEncode(channel.SubscribersText ?? "")} subscribers</div>
        <div class="tgme_page_action"><a class="tgme_action_button_new" href="tg://resolve?domain={channel.Username}">View in Telegram</a></div>
        </div></div></body></html>
        """;

    private static string Header(FakeTelegramChannel channel)
    {
        var avatar = channel.HasAvatar
            ? $"""<i class="tgme_page_photo_image bgcolor2" data-content="А"><img src="https://cdn4.telesco.pe/file/{channel.Username}.jpg"></i>"""
            : """<i class="tgme_page_photo_image bgcolor2" data-content="А"></i>""";
        var verified = channel.IsVerified ? """<i class="verified-icon"></i>""" : "";
        var description = channel.Description is null ? "" : $"""<div class="tgme_channel_info_description">{HtmlEncode(channel.Description)}</div>""";
        var subscribers = channel.SubscribersText is null
            ? ""
            : $"""<div class="tgme_channel_info_counter"><span class="counter_value">{HtmlEncode(channel.SubscribersText)}</span> <span class="counter_type">subscribers</span></div>""";
        return $"""
            <div class="tgme_channel_info">
              <div class="tgme_channel_info_header">
                {avatar}
                <div class="tgme_channel_info_header_title_wrap"><div class="tgme_channel_info_header_title"><span dir="auto">{HtmlEncode(channel.Title)}</span>{verified}</div></div>
                <div class="tgme_channel_info_header_username"><a href="https://t.me/{channel.Username}">@{channel.Username}</a></div>
              </div>
              {description}
              <div class="tgme_channel_info_counters">
                {subscribers}
                <div class="tgme_channel_info_counter"><span class="counter_value">1.2K</span> <span class="counter_type">photos</span></div>
              </div>
            </div>

            """;
    }

    private static string Message(FakeTelegramChannel channel, FakeTelegramPost post)
    {
        var dataPost = $"{channel.Username}/{post.Id.ToString(CultureInfo.InvariantCulture)}";
        if (post.IsService)
        {
            return $"""
                <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message service_message js-widget_message" data-post="{dataPost}">
                <div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">{HtmlEncode(post.Text)}</div></div></div></div>
                """;
        }

        var postUrl = $"https://t.me/{dataPost}";
        var body = new StringBuilder();
        if (post.ForwardedFrom is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/{post.ForwardedFrom}/1"><span dir="auto">{HtmlEncode(post.ForwardedFrom)}</span></a></div>""");
        }

        if (post.ReplyToText is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<a class="tgme_widget_message_reply" href="https://t.me/{channel.Username}/1"><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name" dir="auto">{HtmlEncode(channel.Title)}</span></div><div class="tgme_widget_message_text js-message_reply_text" dir="auto">{HtmlEncode(post.ReplyToText)}</div></a>""");
        }

        var media = Enumerable.Range(1, post.Photos).Select(i => Photo(postUrl, i, grouped: post.Photos + post.Videos > 1))
            .Concat(Enumerable.Range(1, post.Videos).Select(i => Video(postUrl, i, grouped: post.Photos + post.Videos > 1)))
            .ToList();
        if (media.Count > 1)
        {
            body.Append("""<div class="tgme_widget_message_grouped_wrap js-message_grouped_wrap"><div class="tgme_widget_message_grouped js-message_grouped"><div class="tgme_widget_message_grouped_layer js-message_grouped_layer">""")
                .AppendJoin("", media)
                .Append("</div></div></div>");
        }
        else
        {
            body.AppendJoin("", media);
        }

        if (post.Text.Length > 0)
        {
            var text = string.Join("<br/>", post.Text.Split('\n').Select(HtmlEncode));
            body.Append(CultureInfo.InvariantCulture, $"""<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>""");
        }

        if (post.LinkPreviewUrl is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<a class="tgme_widget_message_link_preview" href="{HtmlEncode(post.LinkPreviewUrl)}"><div class="link_preview_site_name accent_color" dir="auto">Госуслуги</div><div class="link_preview_title" dir="auto">Портал</div><div class="link_preview_description" dir="auto">Описание ссылки</div></a>""");
        }

        if (post.Reactions.Count > 0)
        {
            body.Append("""<div class="tgme_widget_message_reactions js-message_reactions">""");
            foreach (var count in post.Reactions)
            {
                body.Append(CultureInfo.InvariantCulture, $"""<span class="tgme_reaction"><i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/F09F918D.png')"><b>👍</b></i>{HtmlEncode(count)}</span>""");
            }

            body.Append("</div>");
        }

        var views = post.Views is null ? "" : $"""<span class="tgme_widget_message_views">{HtmlEncode(post.Views)}</span>""";
        var datetime = post.PublishedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return $"""
            <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{dataPost}" data-view="eyJjIjotMTAwfQ">
            <div class="tgme_widget_message_user"><a href="https://t.me/{channel.Username}"><i class="tgme_widget_message_user_photo bgcolor2" data-content="А"></i></a></div>
            <div class="tgme_widget_message_bubble">
            <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{channel.Username}"><span dir="auto">{HtmlEncode(channel.Title)}</span></a></div>
            {body}
            <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
            {views}<span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="{postUrl}"><time datetime="{datetime}" class="time">{post.PublishedAt:HH:mm}</time></a></span>
            </div></div>
            </div></div></div>
            """;
    }

    private static string Photo(string postUrl, int index, bool grouped) =>
        $"""<a class="tgme_widget_message_photo_wrap{(grouped ? " grouped_media_wrap" : "")}" href="{postUrl}?single" style="background-image:url('https://cdn4.telesco.pe/file/p{index}.jpg')"><div class="tgme_widget_message_photo" style="padding-top:56%"></div></a>""";

    // The player carries a <time> without datetime (the duration): only the date link's <time> is the post's time.
    private static string Video(string postUrl, int index, bool grouped) =>
        $"""<a class="tgme_widget_message_video_player{(grouped ? " grouped_media_wrap" : "")}" href="{postUrl}?single"><i class="tgme_widget_message_video_thumb" style="background-image:url('https://cdn4.telesco.pe/file/v{index}.jpg')"></i><div class="tgme_widget_message_video_wrap"><video class="tgme_widget_message_video js-message_video" src="https://cdn4.telesco.pe/file/v{index}.mp4"></video></div><time class="message_video_duration js-message_video_duration">0:15</time></a>""";

    /// <summary>A message as a redesigned t.me might write it: still a message block with data-post, but no date link or time[datetime].</summary>
    private static string ChangedMessage(FakeTelegramChannel channel, FakeTelegramPost post) => $"""
        <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="{channel.Username}/{post.Id.ToString(CultureInfo.InvariantCulture)}">
        <div class="tgme_post_body">{HtmlEncode(post.Text)}</div>
        <div class="tgme_post_footer"><span class="tgme_post_views">{HtmlEncode(post.Views ?? "")}</span><span class="tgme_post_date">{post.PublishedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)}</span></div>
        </div></div>
        """;
}
