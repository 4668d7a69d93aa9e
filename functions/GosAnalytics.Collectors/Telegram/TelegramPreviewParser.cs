using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Collectors.Telegram;

/// <summary>
/// Reads one <c>t.me/s/&lt;channel&gt;</c> page (the selectors are listed in docs/collectors-telegram.md). Pure: HTML in,
/// <see cref="TelegramPreviewPage"/> out. When the markup is not what it expects it says so in
/// <see cref="TelegramPreviewPage.LayoutProblem"/> instead of guessing, because selector drift otherwise drops posts silently.
/// </summary>
internal static class TelegramPreviewParser
{
    private const string MessageSelector = "div.tgme_widget_message";

    // Blocks whose text and media belong to another message or to a linked site, not to the post itself.
    private const string ForeignContentSelector = ".tgme_widget_message_reply, .tgme_widget_message_link_preview, .link_preview";

    // ISO 8601 only, so that a localised date such as "05.03.2025" is reported as drift, not read as May 3rd. No zone means UTC.
    private static readonly string[] IsoTimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    private static readonly string[] SubscriberCounterTypes = ["subscriber", "subscribers", "member", "members"];

    public static TelegramPreviewPage Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = new HtmlParser().ParseDocument(html);

        var (header, headerProblem) = ReadHeader(document);
        var messages = new List<TelegramPreviewMessage>();
        var seenIds = new HashSet<long>();
        long? lowestId = null;
        var problem = headerProblem;

        foreach (var block in document.QuerySelectorAll(MessageSelector))
        {
            var hasId = TryReadMessageId(block, out var messageId);
            if (hasId)
            {
                lowestId = lowestId is long lowest ? Math.Min(lowest, messageId) : messageId;
            }

            // Service messages ("Channel created", pins) are not posts; they only help paging, when they carry an id.
            if (IsServiceMessage(block))
            {
                continue;
            }

            if (!hasId)
            {
                problem ??= "a message block has no data-post=\"<channel>/<id>\"";
                continue;
            }

            // Albums can render as several blocks of one message; the first block stands for it.
            if (!seenIds.Add(messageId))
            {
                continue;
            }

            var (post, messageProblem) = ReadPost(block, messageId);
            if (post is null)
            {
                problem ??= messageProblem;
                continue;
            }

            messages.Add(new TelegramPreviewMessage(messageId, post));
        }

        var olderPageBefore = ReadOlderPageBefore(document);
        if (header is null && lowestId is not null)
        {
            problem ??= "messages are shown but the channel header (div.tgme_channel_info) is missing";
        }

        // A renamed message block leaves its wrapper, or the "more" link, behind: the page would otherwise pass for an empty channel.
        var hasMessageBlocks = document.QuerySelector(MessageSelector) is not null;
        var emptyWrapper = document.QuerySelectorAll(".tgme_widget_message_wrap").Any(wrapper => wrapper.QuerySelector(MessageSelector) is null);
        if (emptyWrapper || (olderPageBefore is not null && !hasMessageBlocks))
        {
            problem ??= "the page has message wrappers or a \"more\" link but no div.tgme_widget_message blocks";
        }

        return new TelegramPreviewPage(header, messages, lowestId, olderPageBefore, problem);
    }

    private static (TelegramChannelHeader? Header, string? Problem) ReadHeader(IDocument document)
    {
        var info = document.QuerySelector("div.tgme_channel_info");
        if (info is null)
        {
            return (null, null);
        }

        var titleBlock = info.QuerySelector(".tgme_channel_info_header_title");
        var title = (titleBlock?.QuerySelector("span") ?? titleBlock)?.TextContent.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return (null, "the channel header has no .tgme_channel_info_header_title");
        }

        var username = info.QuerySelector(".tgme_channel_info_header_username")?.TextContent.Trim().TrimStart('@');
        var description = info.QuerySelector(".tgme_channel_info_description")?.TextContent;

        // Without a photo the avatar is a coloured circle with a letter, drawn without an <img>.
        var avatar = info.QuerySelector(".tgme_channel_info_header img[src], .tgme_page_photo_image img[src]");

        long? subscribers = null;
        foreach (var counter in info.QuerySelectorAll(".tgme_channel_info_counter"))
        {
            var type = counter.QuerySelector(".counter_type")?.TextContent.Trim() ?? "";
            if (!IsSubscriberCounter(type))
            {
                continue;
            }

            var valueText = counter.QuerySelector(".counter_value")?.TextContent;
            subscribers = TelegramCount.Parse(valueText);
            if (subscribers is null)
            {
                return (null, $"the subscriber counter reads \"{valueText?.Trim()}\", which is not a count");
            }
        }

        var header = new TelegramChannelHeader(
            title,
            string.IsNullOrEmpty(username) ? null : username,
            IsVerified: info.QuerySelector(".verified-icon") is not null,
            HasDescription: !string.IsNullOrWhiteSpace(description),
            HasAvatar: !string.IsNullOrWhiteSpace(avatar?.GetAttribute("src")),
            subscribers,
            HasContacts: ProfileText.MentionsContacts(description),
            HasSite: ProfileText.MentionsSite(description));
        return (header, null);
    }

    // English on t.me; the Russian word too, in case a localised page is ever served.
    private static bool IsSubscriberCounter(string type) =>
        SubscriberCounterTypes.Contains(type, StringComparer.OrdinalIgnoreCase) || type.StartsWith("подписчик", StringComparison.OrdinalIgnoreCase);

    private static bool TryReadMessageId(IElement block, out long messageId)
    {
        messageId = 0;
        var dataPost = block.GetAttribute("data-post");
        var slash = dataPost?.LastIndexOf('/') ?? -1;
        return slash > 0
            && long.TryParse(dataPost.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out messageId)
            && messageId > 0;
    }

    private static bool IsServiceMessage(IElement block) =>
        block.ClassList.Contains("service_message") || block.QuerySelector(".service_message") is not null;

    private static (Post? Post, string? Problem) ReadPost(IElement block, long messageId)
    {
        var time = block.QuerySelector("a.tgme_widget_message_date time[datetime]")
            ?? block.QuerySelector(".tgme_widget_message_footer time[datetime]");
        if (time is null)
        {
            return (null, $"message {messageId} has no a.tgme_widget_message_date > time[datetime]");
        }

        var datetime = time.GetAttribute("datetime");
        if (!DateTimeOffset.TryParseExact(datetime, IsoTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var publishedAt))
        {
            return (null, $"message {messageId} has time datetime=\"{datetime}\", which is not an ISO-8601 time");
        }

        long? views = null;
        var viewsElement = block.QuerySelector(".tgme_widget_message_views");
        if (viewsElement is not null)
        {
            views = TelegramCount.Parse(viewsElement.TextContent);
            if (views is null)
            {
                return (null, $"message {messageId} shows views \"{viewsElement.TextContent.Trim()}\", which is not a count");
            }
        }

        long likes = 0;
        foreach (var reaction in block.QuerySelectorAll(".tgme_widget_message_reactions .tgme_reaction"))
        {
            var countText = OwnText(reaction);
            var count = TelegramCount.Parse(countText);
            if (count is null)
            {
                return (null, $"message {messageId} has a reaction with count \"{countText.Trim()}\", which is not a count");
            }

            likes += count.Value;
        }

        var post = new Post(
            PostId: messageId.ToString(CultureInfo.InvariantCulture),
            PublishedAt: publishedAt.ToUniversalTime(),
            Text: ReadText(block),
            Attachments: CountAttachments(block),
            IsRepost: block.QuerySelector(".tgme_widget_message_forwarded_from, .tgme_widget_message_forwarded_from_name") is not null,
            Views: views,
            Likes: likes,
            Reposts: 0,
            Comments: 0);
        return (post, null);
    }

    /// <summary>The text nodes directly inside an element: a reaction's count, without the emoji drawn in its child.</summary>
    private static string OwnText(IElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.ChildNodes)
        {
            if (node is IText textNode)
            {
                text.Append(textNode.Data);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The post's own text: the first message text that is not the quoted text of a replied-to message or a link preview's
    /// (single-media posts nest it deeper, so it is searched, not taken from a fixed place). Line breaks become newlines.
    /// </summary>
    private static string ReadText(IElement block)
    {
        var textBlock = block.QuerySelectorAll(".tgme_widget_message_text")
            .FirstOrDefault(candidate => !candidate.ClassList.Contains("js-message_reply_text") && candidate.Closest(ForeignContentSelector) is null);
        if (textBlock is null)
        {
            return "";
        }

        var text = new StringBuilder();
        AppendText(textBlock, text);
        return text.ToString().Trim();
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    text.Append(textNode.Data);
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement element:
                    AppendText(element, text);
                    break;
            }
        }
    }

    /// <summary>Media of the post itself, an album counted per item; media of a replied-to message or a link preview are not counted.</summary>
    private static Dictionary<AttachmentKind, int> CountAttachments(IElement block)
    {
        var attachments = new Dictionary<AttachmentKind, int>();
        Add(AttachmentKind.Photo, "a.tgme_widget_message_photo_wrap");
        Add(AttachmentKind.Video, ".tgme_widget_message_video_wrap");
        Add(AttachmentKind.Video, ".tgme_widget_message_roundvideo");
        Add(AttachmentKind.Audio, ".tgme_widget_message_voice");
        Add(AttachmentKind.Document, ".tgme_widget_message_document_wrap");
        Add(AttachmentKind.Link, "a.tgme_widget_message_link_preview");
        Add(AttachmentKind.Poll, ".tgme_widget_message_poll");
        return attachments;

        void Add(AttachmentKind kind, string selector)
        {
            var count = block.QuerySelectorAll(selector).Count(item => item.ParentElement?.Closest(ForeignContentSelector) is null);
            if (count > 0)
            {
                attachments[kind] = attachments.GetValueOrDefault(kind) + count;
            }
        }
    }

    private static long? ReadOlderPageBefore(IDocument document)
    {
        var more = document.QuerySelector("a.tme_messages_more[data-before]");
        return long.TryParse(more?.GetAttribute("data-before"), NumberStyles.None, CultureInfo.InvariantCulture, out var before) && before > 0
            ? before
            : null;
    }
}
