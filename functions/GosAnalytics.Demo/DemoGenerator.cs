using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Globalization;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo;

/// <summary>A post as generated, before its counters are read at some moment.</summary>
internal sealed record DemoGeneratedPost(
    string PostId,
    DateTimeOffset PublishedAt,
    string Text,
    IReadOnlyDictionary<AttachmentKind, int> Attachments,
    DemoTextStyle Style,
    double ContentEffect,
    double FinalViews,
    double FinalLikes,
    double FinalReposts,
    double FinalCitizenComments,
    double ViewsOffset,
    double LikesOffset,
    double RepostsOffset,
    double CommentsOffset,
    bool ViewsHidden,
    ulong Seed)
{
    public bool IsRepost => Style == DemoTextStyle.Repost;
}

/// <summary>
/// Generates what a demo page publishes. Everything is a pure function of (page, local calendar day) for content and of
/// the reading moment for counters. One instance per call: it reuses buffers and is not thread-safe.
/// </summary>
internal sealed class DemoGenerator(DemoRegionData region)
{
    /// <summary>Day zero of page histories: the law on official pages took effect on 1 December 2022.</summary>
    public static readonly DateOnly Epoch = new(2022, 12, 1);

    /// <summary>τ of the saturation curve f(age) = 1 − exp(−age/τ), in days.</summary>
    public const double SaturationDays = 1.0;

    public const int MaxPostsPerDay = 15;

    public const int MaxCitizenCommentsPerPost = 999;

    /// <summary>Share of VK posts whose views the platform does not report.</summary>
    public const double VkHiddenViewsShare = 0.004;

    /// <summary>Relative posting intensity by local hour 0–23: working hours, a little in the evening, rare at night.</summary>
    private static readonly double[] HourWeights =
        [0.15, 0.08, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 2.0, 3.5, 4.0, 3.8, 3.0, 2.6, 3.3, 3.2, 2.8, 2.3, 1.8, 1.5, 1.2, 0.8, 0.5, 0.3];

    private static readonly IReadOnlyDictionary<AttachmentKind, int> NoAttachments = ReadOnlyDictionary<AttachmentKind, int>.Empty;

    private readonly DemoVocabulary vocabulary = DemoData.Vocabulary;
    private readonly DemoTextComposer composer = new(region);
    private readonly List<DemoGeneratedPost> dayPosts = [];

    public static double Saturation(double ageDays) => ageDays <= 0 ? 0 : 1.0 - Math.Exp(-ageDays / SaturationDays);

    public static int DayNumber(DateOnly day) => day.DayNumber - Epoch.DayNumber;

    /// <summary>Weekday posting factor, normalised so that a week averages one.</summary>
    public static double WeekdayFactor(DayOfWeek day) => day switch
    {
        DayOfWeek.Saturday => 0.55,
        DayOfWeek.Sunday => 0.45,
        _ => 1.15,
    } / (6.75 / 7.0);

    public static (double Likes, double Reposts, double Comments) BaseRates(Platform platform) => platform switch
    {
        Platform.Ok => (0.045, 0.0040, 0.0010),
        Platform.Telegram => (0.006, 0.0025, 0.0003),
        // MAX: reactions and forwards exist in the app but the Bot API reports neither, so only comments reach the snapshot.
        Platform.Max => (0.010, 0.0020, 0.0005),
        _ => (0.030, 0.0030, 0.0006),
    };

    /// <summary>Subscribers on a calendar day: saturating growth from the page's start, a long-run drift, ±0.1 % daily noise.</summary>
    public static long Subscribers(DemoPage page, DateOnly day)
    {
        var t = DayNumber(day);
        var age = Math.Max(0, t - page.CreatedDay);
        var level = page.SubscriberScale * (1.0 - 0.8 * Math.Exp(-age / page.GrowthTimeDays)) * Math.Exp(page.DailyDrift * Math.Min(age, 1500));
        var noise = 0.001 * new DemoRandom(DemoSeed.Combine(page.Seed, 6, t)).Normal();
        return Math.Max(1, (long)Math.Round(level * Math.Exp(noise)));
    }

    /// <summary>Share of subscribers reached by a typical post: larger pages reach a smaller share.</summary>
    public static double Reach(DemoPage page, long subscribers) =>
        Math.Clamp(page.ReachAt1000 * Math.Pow(subscribers / 1000.0, -0.15), 0.01, 1.5);

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(region.UtcOffset).DateTime);

    public PageInfo Info(DemoPage page, DateTimeOffset asOf) => new(
        page.Platform,
        page.PageId,
        page.Registered.ScreenName,
        page.Title,
        region.Code,
        page.Kind,
        page.HasGovernmentLabel,
        Subscribers(page, MoscowTime.DayOf(asOf.AddTicks(-1))),
        page.HasDescription,
        page.HasAvatar,
        page.HasContacts,
        page.HasSite);

    public PageSnapshot Snapshot(DemoPage page, DateTimeOffset windowStart, DateTimeOffset asOf)
    {
        var posts = new List<Post>();
        var comments = new List<CitizenComment>();
        foreach (var generated in PostsBetween(page, windowStart, asOf, newestFirst: true))
        {
            posts.Add(ReadCounters(page, generated, asOf, comments));
        }

        // MAX has no broadcast object in its Bot API: their count is unknown, as the real collector says.
        return page.Platform == Platform.Max
            ? new PageSnapshot(Info(page, asOf), posts, [], comments, [PageNotice.BroadcastsNotCollected])
            : new PageSnapshot(Info(page, asOf), posts, Broadcasts(page, windowStart, asOf), comments);
    }

    /// <summary>Posts published in [from, to), in publication order or newest first.</summary>
    public IEnumerable<DemoGeneratedPost> PostsBetween(DemoPage page, DateTimeOffset from, DateTimeOffset to, bool newestFirst)
    {
        var first = LocalDay(from);
        var last = LocalDay(to);
        var days = last.DayNumber - first.DayNumber + 1;
        for (var i = 0; i < days; i++)
        {
            var day = newestFirst ? last.AddDays(-i) : first.AddDays(i);
            dayPosts.Clear();
            PostsOfDay(page, day, dayPosts);
            for (var j = 0; j < dayPosts.Count; j++)
            {
                var post = dayPosts[newestFirst ? dayPosts.Count - 1 - j : j];
                if (post.PublishedAt >= from && post.PublishedAt < to)
                {
                    yield return post;
                }
            }
        }
    }

    /// <summary>Everything a page publishes on one local calendar day, in time order.</summary>
    public void PostsOfDay(DemoPage page, DateOnly day, List<DemoGeneratedPost> into)
    {
        var t = DayNumber(day);
        var weekRng = new DemoRandom(DemoSeed.Combine(page.Seed, 3, (long)Math.Floor(t / 7.0)));
        if (weekRng.Chance(page.DormantWeekProbability))
        {
            return;
        }

        var rng = new DemoRandom(DemoSeed.Combine(page.Seed, 2, t));
        var count = Math.Min(MaxPostsPerDay, rng.Poisson(page.PostsPerWeek / 7.0 * WeekdayFactor(day.DayOfWeek)));
        if (count == 0)
        {
            return;
        }

        Span<int> seconds = stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            seconds[i] = rng.PickWeighted(HourWeights) * 3600 + rng.Next(3600);
        }

        seconds.Sort();
        var localStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), region.UtcOffset);
        var subscribers = Subscribers(page, day);
        var reach = Reach(page, subscribers);
        for (var index = 0; index < count; index++)
        {
            into.Add(Generate(page, day, t, index, localStart.AddSeconds(seconds[index]).ToUniversalTime(), seconds[index] / 3600, subscribers * reach));
        }
    }

    private DemoGeneratedPost Generate(DemoPage page, DateOnly day, int t, int index, DateTimeOffset publishedAt, int localHour, double expectedViews)
    {
        var seed = DemoSeed.Combine(page.Seed, 4, t * 16L + index);
        var rng = new DemoRandom(seed);
        var style = (DemoTextStyle)rng.PickWeighted(page.StyleWeights);
        var text = composer.Compose(ref rng, page, style, day);
        var attachments = Attachments(ref rng, style, text.Text.Length == 0);
        var features = DemoContentModel.Features(text, attachments, style == DemoTextStyle.Repost, localHour, day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        var effect = DemoContentModel.Effect(features);

        var rates = BaseRates(page.Platform);
        var views = expectedViews * Math.Exp(DemoContentModel.ViewsShare * effect + 0.35 * rng.Normal());
        var likes = views * rates.Likes * Math.Exp(page.LikesEffect + effect + 0.35 * rng.Normal());
        var reposts = views * rates.Reposts * Math.Exp(page.RepostsEffect + effect + (features.HasLinkOrDocument ? DemoContentModel.RepostsUsefulBonus : 0) + 0.45 * rng.Normal());
        var commentsNoise = rng.Normal();
        var citizens = page.CommentsOpen
            ? Math.Min(MaxCitizenCommentsPerPost, views * rates.Comments * Math.Exp(page.CommentsEffect + effect + (features.HasQuestion || features.HasCallToAction ? DemoContentModel.CommentsCallBonus : 0) + 0.5 * commentsNoise))
            : 0;

        return new DemoGeneratedPost(
            PostId(page, t, index),
            publishedAt,
            text.Text,
            attachments,
            style,
            effect,
            views,
            likes,
            reposts,
            citizens,
            rng.NextDouble(),
            rng.NextDouble(),
            rng.NextDouble(),
            rng.NextDouble(),
            page.Platform == Platform.Vk && rng.Chance(VkHiddenViewsShare),
            seed);
    }

    /// <summary>Counters of a post as read at <paramref name="asOf"/>; appends the citizens' comments visible by then.</summary>
    public Post ReadCounters(DemoPage page, DemoGeneratedPost post, DateTimeOffset asOf, List<CitizenComment> comments)
    {
        var age = (asOf - post.PublishedAt).TotalDays;
        var f = Saturation(age);
        var views = (long)Math.Floor(post.FinalViews * f + post.ViewsOffset);
        var likes = (long)Math.Floor(post.FinalLikes * f + post.LikesOffset);
        var reposts = (long)Math.Floor(post.FinalReposts * f + post.RepostsOffset);

        // The k-th comment arrives when final × f(age) first reaches k + 1 − offset, so counts match the curve exactly.
        var citizens = 0;
        var replies = 0;
        for (var k = 0; post.FinalCitizenComments > 0; k++)
        {
            var share = (k + 1 - post.CommentsOffset) / post.FinalCitizenComments;
            if (share >= 1)
            {
                break;
            }

            var arrival = -SaturationDays * Math.Log(1 - share);
            if (arrival > age)
            {
                break;
            }

            var postedAt = post.PublishedAt.AddSeconds(Math.Floor(arrival * 86_400));
            var rng = new DemoRandom(DemoSeed.Combine(post.Seed, 5, k));
            DateTimeOffset? repliedAt = null;
            if (rng.Chance(page.ReplyProbability))
            {
                var delaySeconds = Math.Max(120, Math.Floor(rng.LogNormal(page.ReplyMedianHours, 1.1) * 3600));
                var at = postedAt.AddSeconds(delaySeconds);
                if (at <= asOf)
                {
                    repliedAt = at;
                    replies++;
                }
            }

            comments.Add(new CitizenComment($"{post.PostId}_{k + 1}", post.PostId, postedAt, repliedAt, CommentText(post.Seed, k)));
            citizens++;
        }

        return new Post(
            post.PostId,
            post.PublishedAt,
            post.Text,
            post.Attachments,
            post.IsRepost,
            post.ViewsHidden ? null : Math.Max(views, 0),
            page.Platform.ReportsInteractions() ? Math.Max(likes, 0) : null,
            page.Platform.ReportsInteractions() ? Math.Max(reposts, 0) : null,
            citizens + replies)
        {
            Url = MaxPostUrl(page, post),
        };
    }

    /// <summary>
    /// A MAX post's public link, as the Bot API gives it (<c>https://max.ru/{name}/{code}</c>, the code opaque: 11 base64url characters made
    /// from the post's seed); null for other platforms and for a channel without a public name, which has no link.
    /// </summary>
    private static string? MaxPostUrl(DemoPage page, DemoGeneratedPost post)
    {
        if (page.Platform != Platform.Max || PageUrls.Page(page.Platform, page.PageId, page.Registered.ScreenName) is not { } channel)
        {
            return null;
        }

        Span<byte> code = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(code, DemoSeed.Combine(post.Seed, 9));
        return $"{channel}/{Base64Url.EncodeToString(code)}";
    }

    /// <summary>Broadcasts started in [windowStart, asOf), plus announced ones starting within three days after it.</summary>
    public IReadOnlyList<LiveBroadcast> Broadcasts(DemoPage page, DateTimeOffset windowStart, DateTimeOffset asOf)
    {
        if (page.BroadcastsPerDay <= 0)
        {
            return [];
        }

        var result = new List<LiveBroadcast>();
        var first = LocalDay(windowStart);
        var last = LocalDay(asOf).AddDays(3);
        for (var day = last; day >= first; day = day.AddDays(-1))
        {
            var t = DayNumber(day);
            var rng = new DemoRandom(DemoSeed.Combine(page.Seed, 7, t));
            if (!rng.Chance(page.BroadcastsPerDay))
            {
                continue;
            }

            var localStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), region.UtcOffset);
            var start = localStart.AddHours(rng.Next(10, 20)).AddMinutes(rng.Chance(0.6) ? 0 : 30).ToUniversalTime();
            var duration = (page.Subtype == DemoSubtype.Governor ? rng.Next(60, 151) : rng.Next(30, 91)) * 60;
            var finalViews = Subscribers(page, day) * page.BroadcastViewsPerSubscriber * rng.LogNormal(1.0, 0.5);
            var finalPeak = finalViews * (0.04 + 0.08 * rng.NextDouble());
            var announcedAt = start.AddHours(-rng.Next(20, 72));
            var title = page.Subtype == DemoSubtype.Governor && rng.Chance(0.5)
                ? vocabulary.GovernorBroadcastTitle.Replace("{leader}", region.LeaderInstrumental, StringComparison.Ordinal).Replace("{region}", region.Genitive, StringComparison.Ordinal)
                : rng.Pick(vocabulary.BroadcastTitles);
            var id = (456_000_000L + t + 4000).ToString(CultureInfo.InvariantCulture);

            if (start >= asOf)
            {
                if (announcedAt <= asOf)
                {
                    result.Add(new LiveBroadcast(id, title, start, BroadcastStatus.Upcoming, 0, 0, 0));
                }

                continue;
            }

            if (start < windowStart)
            {
                continue;
            }

            var end = start.AddSeconds(duration);
            if (asOf < end)
            {
                var elapsed = (asOf - start).TotalSeconds;
                var progress = elapsed / duration;
                result.Add(new LiveBroadcast(id, title, start, BroadcastStatus.Live, (long)(finalViews * 0.35 * progress), (long)(finalPeak * Math.Min(1, 1.5 * progress)), (int)elapsed));
            }
            else
            {
                // Live viewers first, then the recording keeps gathering views for a few days.
                var views = finalViews * (0.35 + 0.65 * Saturation((asOf - end).TotalDays));
                result.Add(new LiveBroadcast(id, title, start, BroadcastStatus.Ended, (long)views, (long)finalPeak, duration));
            }
        }

        return result;
    }

    /// <summary>
    /// The text of a post's <paramref name="k"/>-th citizen's comment, from a stream of its own (8) so that every figure drawn before
    /// the comments had texts stays as it was.
    /// </summary>
    private string? CommentText(ulong postSeed, int k)
    {
        var rng = new DemoRandom(DemoSeed.Combine(postSeed, 8, k));
        var template = rng.Pick(vocabulary.CitizenComments);
        var text = template
            .Replace("{street}", rng.Pick(vocabulary.Streets), StringComparison.Ordinal)
            .Replace("{house}", rng.Next(1, 160).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return CitizenComment.Preview(text);
    }

    private static string PostId(DemoPage page, int t, int index)
    {
        // Sequential per wall like real post ids; OK topic ids are global, so they carry the page too.
        var sequence = (t + 4000L) * 16 + index + 1;
        // MAX message ids are opaque "mid." strings, unique across the platform; these carry the channel and the sequence.
        if (page.Platform == Platform.Max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"mid.{-long.Parse(page.PageId, CultureInfo.InvariantCulture):x12}{sequence:x8}");
        }

        var id = page.Platform == Platform.Ok ? DemoIds.OkPostId(page.Registered.RegionCode, page.Index, sequence) : sequence;
        return id.ToString(CultureInfo.InvariantCulture);
    }

    private static IReadOnlyDictionary<AttachmentKind, int> Attachments(ref DemoRandom rng, DemoTextStyle style, bool textIsEmpty)
    {
        int photos = 0, video = 0, link = 0, document = 0, poll = 0;
        switch (style)
        {
            case DemoTextStyle.Good:
                photos = rng.Chance(0.85) ? 1 + Math.Min(9, rng.Poisson(2.5)) : 0;
                video = rng.Chance(photos > 0 ? 0.12 : 0.6) ? 1 : 0;
                poll = rng.Chance(0.05) ? 1 : 0;
                link = rng.Chance(0.08) ? 1 : 0;
                break;
            case DemoTextStyle.Plain:
                photos = rng.Chance(0.6) ? 1 + Math.Min(3, rng.Poisson(0.8)) : 0;
                video = photos == 0 && rng.Chance(0.2) ? 1 : 0;
                link = rng.Chance(0.1) ? 1 : 0;
                document = rng.Chance(0.05) ? 1 : 0;
                break;
            case DemoTextStyle.Bureaucratic:
                document = rng.Chance(0.4) ? 1 + (rng.Chance(0.2) ? 1 : 0) : 0;
                photos = rng.Chance(0.25) ? 1 : 0;
                link = rng.Chance(0.2) ? 1 : 0;
                break;
            case DemoTextStyle.Short:
                if (textIsEmpty)
                {
                    photos = rng.Chance(0.75) ? 1 + Math.Min(9, rng.Poisson(3)) : 0;
                    video = photos == 0 ? 1 : 0;
                }
                else
                {
                    photos = rng.Chance(0.7) ? 1 + Math.Min(9, rng.Poisson(2)) : 0;
                    video = photos == 0 && rng.Chance(0.5) ? 1 : 0;
                }

                break;
            default:
                photos = rng.Chance(0.1) ? 1 : 0;
                break;
        }

        if (photos + video + link + document + poll == 0)
        {
            return NoAttachments;
        }

        var result = new Dictionary<AttachmentKind, int>(4);
        Add(result, AttachmentKind.Photo, photos);
        Add(result, AttachmentKind.Video, video);
        Add(result, AttachmentKind.Link, link);
        Add(result, AttachmentKind.Document, document);
        Add(result, AttachmentKind.Poll, poll);
        return result;

        static void Add(Dictionary<AttachmentKind, int> into, AttachmentKind kind, int count)
        {
            if (count > 0)
            {
                into[kind] = count;
            }
        }
    }
}
