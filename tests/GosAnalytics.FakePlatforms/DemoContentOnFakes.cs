using System.Globalization;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.FakePlatforms;

/// <summary>
/// Serves collected demo snapshots through the fake platforms in each platform's own shapes, so that the real collectors
/// can be run end to end (and benchmarked) on realistic content: Russian texts, media, counters, comments and replies, lives.
/// </summary>
public static class DemoContentOnFakes
{
    /// <summary>A VK community carrying the snapshot's page, posts, citizens' comments with the page's replies, and broadcasts.</summary>
    public static FakeVkGroup ToVkGroup(PageSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var page = snapshot.Page;
        var group = new FakeVkGroup(long.Parse(page.PageId, CultureInfo.InvariantCulture), page.ScreenName, page.Title)
        {
            MembersCount = page.Subscribers,
            IsGovernmentOrganization = page.HasGovernmentLabel,
            Description = page.HasDescription ? "Официальная страница" : "",
            HasPhoto = page.HasAvatar,
            VideoLiveCount = snapshot.Broadcasts.Count,
            Site = page.HasSite == true ? SiteOf(page) : null,
        };
        if (page.HasContacts == true)
        {
            group.Contacts.Add(new System.Text.Json.Nodes.JsonObject { ["desc"] = "Приёмная", ["phone"] = PhoneOf(page) });
        }

        foreach (var post in snapshot.Posts)
        {
            group.AddPost(
                long.Parse(post.PostId, CultureInfo.InvariantCulture),
                post.PublishedAt,
                post.Text,
                post.Views,
                post.Likes ?? 0,
                post.Reposts ?? 0,
                post.Comments,
                repost: post.IsRepost,
                attachmentTypes: [.. post.Attachments.SelectMany(a => Enumerable.Repeat(VkType(a.Key), a.Value))]);
        }

        var commentIds = 0L;
        foreach (var comment in snapshot.CitizenComments)
        {
            group.AddCitizenComment(long.Parse(comment.PostId, CultureInfo.InvariantCulture), ++commentIds, 1000 + commentIds, comment.PostedAt, comment.RepliedAt - comment.PostedAt, comment.Text);
        }

        var videoId = 0L;
        foreach (var broadcast in snapshot.Broadcasts)
        {
            var status = broadcast.Status switch { BroadcastStatus.Live => "started", BroadcastStatus.Upcoming => "upcoming", _ => "finished" };
            var video = group.AddLiveVideo(++videoId, broadcast.StartedAt, status, broadcast.Views, broadcast.PeakViewers, broadcast.DurationSeconds, broadcast.Title);
            if (broadcast.Status == BroadcastStatus.Upcoming)
            {
                video["upcoming"] = 1;
            }
        }

        return group;
    }

    /// <summary>A Telegram or MAX description: where such a channel shows its site and contacts (their APIs have no field for them).</summary>
    private static string ChannelDescription(PageInfo page) =>
        "Официальный канал"
        + (page.HasSite == true ? $". Сайт: {SiteOf(page)}" : "")
        + (page.HasContacts == true ? $". Приёмная: {PhoneOf(page)}" : "");

    private static string SiteOf(PageInfo page) => $"https://{page.ScreenName.ToLowerInvariant().Replace('_', '-')}.ru";

    private static string PhoneOf(PageInfo page) => $"+7 (4162) {page.PageId.Sum(c => c) % 100:D2}-{page.PageId.Length % 100:D2}-00";

    /// <summary>An OK group and its topics (text plus media items) for the snapshot.</summary>
    public static (FakeOkGroup Group, List<FakeOkTopic> Topics) ToOkGroup(PageSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var page = snapshot.Page;
        var group = new FakeOkGroup(
            page.PageId, page.Title, page.ScreenName, page.Subscribers, page.HasDescription ? "Официальная группа" : null, page.HasAvatar ? $"https://i.mycdn.me/i?r={page.PageId}" : null,
            HomepageUrl: page.HasSite == true ? SiteOf(page) : null);
        var topics = snapshot.Posts.Select(post => new FakeOkTopic(
            post.PostId,
            post.PublishedAt,
            [
                new FakeOkMedia("text", Text: post.Text),
                .. post.Attachments.Select(a => new FakeOkMedia(OkType(a.Key), a.Value)),
                .. post.IsRepost ? [new FakeOkMedia("reshare")] : Array.Empty<FakeOkMedia>(),
            ],
            post.Likes,
            post.Comments,
            post.Reposts,
            post.Views)).ToList();
        return (group, topics);
    }

    /// <summary>A Telegram channel (named by its screen name, as t.me names it) with the snapshot's posts.</summary>
    public static FakeTelegramChannel ToTelegramChannel(FakeTelegram telegram, PageSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(telegram);
        ArgumentNullException.ThrowIfNull(snapshot);
        var page = snapshot.Page;
        return telegram.AddChannel(page.ScreenName, channel =>
        {
            channel.Title = page.Title;
            channel.Description = page.HasDescription ? ChannelDescription(page) : null;
            channel.HasAvatar = page.HasAvatar;
            channel.IsVerified = page.HasGovernmentLabel;
            channel.SubscribersText = page.Subscribers.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');
            foreach (var post in snapshot.Posts)
            {
                channel.Posts.Add(new FakeTelegramPost(long.Parse(post.PostId, CultureInfo.InvariantCulture), post.PublishedAt)
                {
                    Text = post.Text,
                    Views = post.Views is { } views ? Abbreviate(views) : null,
                    Reactions = post.Likes is > 0 and { } likes ? [likes.ToString(CultureInfo.InvariantCulture)] : [],
                    Photos = post.Attachments.GetValueOrDefault(AttachmentKind.Photo),
                    Videos = post.Attachments.GetValueOrDefault(AttachmentKind.Video),
                    ForwardedFrom = post.IsRepost ? "rian_ru" : null,
                });
            }
        });
    }

    /// <summary>
    /// A MAX channel carrying the snapshot's page, posts (with their views; MAX reports no likes or reposts) and citizens'
    /// comments with the channel's replies. The chat id is the page id when that is one (negative); otherwise
    /// <see cref="MaxChatIdOf"/> makes one from it, so that a demo page of any platform can stand in for a MAX channel.
    /// </summary>
    public static FakeMaxChannel ToMaxChannel(PageSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var page = snapshot.Page;
        var chatId = MaxChatIdOf(page.PageId);
        var link = IsMaxLinkName(page.ScreenName) ? page.ScreenName.ToLowerInvariant() : null;
        var channel = new FakeMaxChannel(chatId, link, page.Title)
        {
            Participants = page.Subscribers,
            Description = page.HasDescription ? ChannelDescription(page) : null,
            HasIcon = page.HasAvatar,
        };
        foreach (var post in snapshot.Posts)
        {
            channel.AddPost(
                MaxMid(chatId, post.PostId),
                post.PublishedAt,
                post.Text,
                post.Views,
                [.. post.Attachments.SelectMany(a => Enumerable.Repeat(MaxType(a.Key), a.Value))],
                forward: post.IsRepost,
                url: link is null ? null : post.Url);
        }

        var commentIds = 0L;
        foreach (var comment in snapshot.CitizenComments)
        {
            commentIds++;
            channel.AddCitizenComment(
                MaxMid(chatId, comment.PostId),
                MaxMid(chatId, "c" + commentIds.ToString(CultureInfo.InvariantCulture)),
                1000 + commentIds,
                comment.PostedAt,
                comment.RepliedAt - comment.PostedAt,
                comment.Text ?? "Вопрос");
        }

        return channel;
    }

    /// <summary>The MAX chat id for a page id: the id itself when it is a negative number, otherwise a stable negative id made from it.</summary>
    public static long MaxChatIdOf(string pageId)
    {
        ArgumentNullException.ThrowIfNull(pageId);
        if (long.TryParse(pageId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id < 0)
        {
            return id;
        }

        // FNV-1a, so that the same page gets the same chat id in every process (string.GetHashCode differs between runs).
        var hash = 14695981039346656037UL;
        foreach (var c in pageId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return -(70_000_000_000_000L + (long)(hash % 1_000_000_000_000UL));
    }

    /// <summary>A MAX message id for a demo post: a demo MAX channel's own (already a <c>mid.</c>), or one made from another platform's post id.</summary>
    private static string MaxMid(long chatId, string postId) =>
        postId.StartsWith("mid.", StringComparison.Ordinal) ? postId : "mid." + (-chatId).ToString("x", CultureInfo.InvariantCulture) + "." + postId;

    /// <summary>The Bot API's public link pattern, <c>[a-zA-Z]+[\w-]*</c>.</summary>
    private static bool IsMaxLinkName(string name) =>
        name.Length >= 2 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string MaxType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Photo => "image",
        AttachmentKind.Video => "video",
        AttachmentKind.Audio => "audio",
        AttachmentKind.Link => "share",
        AttachmentKind.Document => "file",
        _ => "sticker",
    };

    /// <summary>Views as t.me writes them: exact below 1,000, then "12.3K" and "1.2M".</summary>
    public static string Abbreviate(long views) => views switch
    {
        < 1000 => views.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (Math.Floor(views / 100.0) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        _ => (Math.Floor(views / 100_000.0) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "M",
    };

    private static string VkType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Photo => "photo",
        AttachmentKind.Video => "video",
        AttachmentKind.Audio => "audio",
        AttachmentKind.Link => "link",
        AttachmentKind.Document => "doc",
        AttachmentKind.Poll => "poll",
        _ => "sticker",
    };

    private static string OkType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Photo => "photo",
        AttachmentKind.Video => "movie",
        AttachmentKind.Audio => "music",
        AttachmentKind.Link => "link",
        AttachmentKind.Poll => "poll",
        _ => "app",
    };
}
