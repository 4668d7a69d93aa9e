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
        };
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
            group.AddCitizenComment(long.Parse(comment.PostId, CultureInfo.InvariantCulture), ++commentIds, 1000 + commentIds, comment.PostedAt, comment.RepliedAt - comment.PostedAt);
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

    /// <summary>An OK group and its topics (text plus media items) for the snapshot.</summary>
    public static (FakeOkGroup Group, List<FakeOkTopic> Topics) ToOkGroup(PageSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var page = snapshot.Page;
        var group = new FakeOkGroup(page.PageId, page.Title, page.ScreenName, page.Subscribers, page.HasDescription ? "Официальная группа" : null, page.HasAvatar ? $"https://i.mycdn.me/i?r={page.PageId}" : null);
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
            channel.Description = page.HasDescription ? "Официальный канал" : null;
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
