namespace GosAnalytics.Collectors.Tests.Telegram;

/// <summary>Russian sample pages in t.me's web-preview markup, put together from pieces so that each test shows what it is about.</summary>
internal static class TelegramSamples
{
    public const string Channel = "amurobl";

    public static string Header(
        string title = "Правительство Амурской области",
        bool verified = false,
        string? subscribers = "12 345",
        bool avatar = true,
        string? description = "Официальный канал Правительства Амурской области") =>
        $"""
        <div class="tgme_channel_info">
          <div class="tgme_channel_info_header">
            <i class="tgme_page_photo_image bgcolor1" data-content="П">{(avatar ? """<img src="https://cdn4.telesco.pe/file/amurobl.jpg">""" : "")}</i>
            <div class="tgme_channel_info_header_title_wrap"><div class="tgme_channel_info_header_title"><span dir="auto">{title}</span>{(verified ? """<i class="verified-icon"></i>""" : "")}</div></div>
            <div class="tgme_channel_info_header_username"><a href="https://t.me/{Channel}">@{Channel}</a></div>
          </div>
          {(description is null ? "" : $"""<div class="tgme_channel_info_description">{description}</div>""")}
          <div class="tgme_channel_info_counters">
            {(subscribers is null ? "" : $"""<div class="tgme_channel_info_counter"><span class="counter_value">{subscribers}</span> <span class="counter_type">subscribers</span></div>""")}
            <div class="tgme_channel_info_counter"><span class="counter_value">3.1K</span> <span class="counter_type">photos</span></div>
            <div class="tgme_channel_info_counter"><span class="counter_value">245</span> <span class="counter_type">videos</span></div>
          </div>
        </div>
        """;

    /// <summary>A whole page: history section (without the "more" link) and the header column.</summary>
    public static string Page(string? header, params string[] messages) => Page(header, before: null, messages);

    public static string Page(string? header, long? before, params string[] messages) =>
        $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Правительство Амурской области – Telegram</title></head>
        <body class="widget_frame_base tgme_webpage">
        <main class="tgme_main"><div class="tgme_container"><section class="tgme_channel_history js-message_history">
        {(before is long id ? $"""<a class="tme_messages_more js-messages_more" data-before="{id}" href="/s/{Channel}?before={id}"></a>""" : "")}
        {string.Join("\n", messages)}
        </section></div></main>
        <section class="tgme_right_column">{header}</section>
        </body></html>
        """;

    /// <summary>One message: <paramref name="content"/> goes into the bubble, followed by the footer with views and date.</summary>
    public static string Message(long id, string content, string datetime = "2025-03-05T09:15:00+00:00", string? views = "713", string reactions = "") =>
        $"""
        <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{Channel}/{id}">
          <div class="tgme_widget_message_user"><a href="https://t.me/{Channel}"><i class="tgme_widget_message_user_photo bgcolor1" data-content="П"></i></a></div>
          <div class="tgme_widget_message_bubble">
            <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{Channel}"><span dir="auto">Правительство Амурской области</span></a></div>
            {content}
            {reactions}
            <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
              {(views is null ? "" : $"""<span class="tgme_widget_message_views">{views}</span>""")}<span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/{Channel}/{id}"><time datetime="{datetime}" class="time">09:15</time></a></span>
            </div></div>
          </div>
        </div></div>
        """;

    public static string Text(string html) => $"""<div class="tgme_widget_message_text js-message_text" dir="auto">{html}</div>""";

    public static string Reactions(params string[] counts) =>
        """<div class="tgme_widget_message_reactions js-message_reactions">"""
        + string.Concat(counts.Select(count => $"""<span class="tgme_reaction"><i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/F09F918D.png')"><b>👍</b></i>{count}</span>"""))
        + "</div>";

    public static string Photo(long id) =>
        $"""<a class="tgme_widget_message_photo_wrap grouped_media_wrap" href="https://t.me/{Channel}/{id}?single" style="background-image:url('https://cdn4.telesco.pe/file/{id}.jpg')"><div class="tgme_widget_message_photo" style="padding-top:75%"></div></a>""";

    public static string Video(long id) =>
        $"""<a class="tgme_widget_message_video_player" href="https://t.me/{Channel}/{id}?single"><i class="tgme_widget_message_video_thumb"></i><div class="tgme_widget_message_video_wrap"><video class="tgme_widget_message_video js-message_video" src="https://cdn4.telesco.pe/file/{id}.mp4"></video></div><time class="message_video_duration js-message_video_duration">1:05</time></a>""";

    public static string Album(params string[] items) =>
        """<div class="tgme_widget_message_grouped_wrap js-message_grouped_wrap"><div class="tgme_widget_message_grouped js-message_grouped"><div class="tgme_widget_message_grouped_layer js-message_grouped_layer">"""
        + string.Concat(items) + "</div></div></div>";

    public static string RoundVideo() =>
        """<a class="tgme_widget_message_roundvideo_player js-message_roundvideo_player" href="#"><div class="tgme_widget_message_roundvideo_wrap"><video class="tgme_widget_message_roundvideo js-message_roundvideo" src="https://cdn4.telesco.pe/file/r.mp4"></video></div></a>""";

    public static string Document() =>
        """<div class="tgme_widget_message_document_wrap"><a class="tgme_widget_message_document_icon accent_bg" href="#"></a><div class="tgme_widget_message_document"><div class="tgme_widget_message_document_title accent_color" dir="auto">Постановление №123.pdf</div><div class="tgme_widget_message_document_extra" dir="auto">1.2 MB</div></div></div>""";

    public static string Poll() =>
        """<div class="tgme_widget_message_poll js-poll"><div class="tgme_widget_message_poll_question">Как вы оцениваете работу транспорта?</div><div class="tgme_widget_message_poll_type">Anonymous poll</div></div>""";

    public static string LinkPreview() =>
        """<a class="tgme_widget_message_link_preview" href="https://www.gosuslugi.ru/"><div class="link_preview_site_name accent_color" dir="auto">Госуслуги</div><div class="link_preview_title" dir="auto">Портал государственных услуг</div><div class="link_preview_description" dir="auto">Описание портала, не текст поста</div></a>""";

    public static string ForwardedFrom(string from = "mchs_official") =>
        $"""<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/{from}/5521"><span dir="auto">МЧС России</span></a></div>""";

    public static string Reply(string quoted) =>
        $"""<a class="tgme_widget_message_reply" href="https://t.me/{Channel}/100"><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name" dir="auto">Правительство Амурской области</span></div><div class="tgme_widget_message_text js-message_reply_text" dir="auto">{quoted}</div></a>""";

    public static string ServiceMessage(long id, string text = "Channel created") =>
        $"""<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message service_message js-widget_message" data-post="{Channel}/{id}"><div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div></div></div></div>""";
}
