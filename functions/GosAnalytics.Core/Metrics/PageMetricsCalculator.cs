using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Metrics;

/// <summary>
/// Metrics of one page over one period (docs/metrics.md §3). The period is the Moscow-time window
/// [<see cref="Periods.StartUtc"/>(metric day), <see cref="MoscowTime.EndOfDay"/>(metric day)): the metric day and the
/// <c>Days − 1</c> days before it. Posts, citizen comments and broadcasts are attributed to the period by their own
/// timestamps; counters are those known at collection time.
/// </summary>
public static class PageMetricsCalculator
{
    /// <summary>Computes <see cref="PageMetrics"/> for <paramref name="period"/> ending on <paramref name="metricDay"/>.</summary>
    /// <param name="snapshot">What was collected for the page.</param>
    /// <param name="period">Day, week or month.</param>
    /// <param name="metricDay">The Moscow calendar day the period ends on (inclusive).</param>
    /// <param name="subscriberHistory">The page's subscriber count by Moscow day from earlier runs (for growth); may be empty.</param>
    /// <param name="content">The content-quality model's scores of <paramref name="snapshot"/>'s posts, in post order, and the model's version; null when not scored.</param>
    public static PageMetrics Compute(
        PageSnapshot snapshot,
        Period period,
        DateOnly metricDay,
        IReadOnlyDictionary<DateOnly, long> subscriberHistory,
        ContentScores? content = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(subscriberHistory);
        if (content is not null && content.Scores.Count != snapshot.Posts.Count)
        {
            throw new ArgumentException($"{content.Scores.Count} content scores for {snapshot.Posts.Count} posts.", nameof(content));
        }

        var start = period.StartUtc(metricDay);
        var end = MoscowTime.EndOfDay(metricDay);
        var page = snapshot.Page;
        var subscribers = page.Subscribers;

        var posts = ComputePostAggregates(snapshot.Posts, content?.Scores, start, end, subscribers);
        var comments = ComputeCommentAggregates(snapshot.CitizenComments, start, end);
        var broadcasts = snapshot.BroadcastsCollected ? ComputeBroadcastAggregates(snapshot.Broadcasts, start, end) : (BroadcastAggregates?)null;

        return new PageMetrics(
            page,
            period,
            metricDay,
            posts.Count,
            PostsPerWeek: posts.Count * 7.0 / period.Days(),
            posts.Views,
            posts.Interactions,
            posts.ErViewsMedian,
            posts.ErSubscribersMedian,
            posts.ReachRateMedian,
            posts.ViralityMedian,
            posts.DiscussionMedian,
            comments.Total,
            comments.Answered,
            AnsweredShare: comments.Total > 0 ? (double)comments.Answered / comments.Total : null,
            comments.MedianAnswerHours,
            SubscriberGrowth: SubscriberGrowth(subscribers, period, metricDay, subscriberHistory),
            broadcasts?.Count,
            broadcasts?.Views,
            broadcasts?.PeakViewers,
            ProfileCompleteness: ProfileCompleteness(page),
            ContentQualityMedian: content is null ? null : posts.ContentQualityMedian,
            ContentModelVersion: content?.ModelVersion,
            Notices: snapshot.Notices is { Count: > 0 } notices ? notices : null,
            ContentTraits: ComputeContentTraits(snapshot.Posts, content?.Traits, start, end));
    }

    /// <summary>
    /// The medians the advice explains a content score with: officialese share and reading ease over the period's posts with text (from
    /// the content model's featuriser), and the share of its posts with a photo or a video. Null without posts or without traits.
    /// </summary>
    internal static ContentTraits? ComputeContentTraits(IReadOnlyList<Post> allPosts, IReadOnlyList<PostTraits>? traits, DateTimeOffset start, DateTimeOffset end)
    {
        if (traits is null || traits.Count != allPosts.Count)
        {
            return null;
        }

        var bureaucratic = new double[allPosts.Count];
        var readability = new double[allPosts.Count];
        int posts = 0, withText = 0, withMedia = 0;
        for (var i = 0; i < allPosts.Count; i++)
        {
            var post = allPosts[i];
            if (!InWindow(post.PublishedAt, start, end))
            {
                continue;
            }

            posts++;
            withMedia += post.Attachments.GetValueOrDefault(AttachmentKind.Photo) + post.Attachments.GetValueOrDefault(AttachmentKind.Video) > 0 ? 1 : 0;
            if (traits[i].HasText)
            {
                bureaucratic[withText] = traits[i].BureaucraticShare;
                readability[withText++] = traits[i].Readability;
            }
        }

        return posts == 0 ? null : new ContentTraits(
            Median.OfInPlace(bureaucratic.AsSpan(0, withText)) is { } b ? Math.Round(b, 4) : null,
            Median.OfInPlace(readability.AsSpan(0, withText)) is { } r ? Math.Round(r, 2) : null,
            Math.Round((double)withMedia / posts, 4));
    }

    /// <summary>
    /// Share of the profile requirements met, over those that apply to the page (<see cref="ProfileChecks"/>): the «Госорганизация»
    /// label where the API shows it (VK), a description, an avatar, and contacts and a link to the official site where the platform
    /// lets us read them. Each counts 0 or 1; the mean feeds the compliance component (docs/metrics.md §3.6).
    /// </summary>
    internal static double ProfileCompleteness(PageInfo page) => ProfileChecks.Of(page).Completeness;

    /// <summary>
    /// (F_now − F_base) ÷ F_base, where F_base is the history entry of the earliest day d with
    /// metricDay − period.Days() ≤ d &lt; metricDay. Null when there is no such entry or F_base ≤ 0.
    /// </summary>
    internal static double? SubscriberGrowth(
        long subscribersNow,
        Period period,
        DateOnly metricDay,
        IReadOnlyDictionary<DateOnly, long> subscriberHistory)
    {
        ArgumentNullException.ThrowIfNull(subscriberHistory);

        // The earliest available day gives the longest comparable span; missing days (a failed run) are skipped.
        for (var day = metricDay.AddDays(-period.Days()); day < metricDay; day = day.AddDays(1))
        {
            if (subscriberHistory.TryGetValue(day, out var baseSubscribers))
            {
                return baseSubscribers > 0 ? (double)(subscribersNow - baseSubscribers) / baseSubscribers : null;
            }
        }

        return null;
    }

    private static bool InWindow(DateTimeOffset instant, DateTimeOffset start, DateTimeOffset end) =>
        instant >= start && instant < end;

    private static PostAggregates ComputePostAggregates(
        IReadOnlyList<Post> allPosts, IReadOnlyList<float>? contentScores, DateTimeOffset start, DateTimeOffset end, long subscribers)
    {
        // One pass, plain arrays: this runs for every page and period (~300,000 posts a day).
        var capacity = allPosts.Count;
        var erViews = new double[capacity];
        var erSubscribers = new double[capacity];
        var reachRate = new double[capacity];
        var virality = new double[capacity];
        var discussion = new double[capacity];
        var content = new double[contentScores is null ? 0 : capacity];
        int nErViews = 0, nErSubscribers = 0, nReachRate = 0, nVirality = 0, nDiscussion = 0;
        var count = 0;
        long views = 0, interactions = 0;
        var anyInteractions = false;

        for (var i = 0; i < allPosts.Count; i++)
        {
            var post = allPosts[i];
            if (!InWindow(post.PublishedAt, start, end))
            {
                continue;
            }

            if (contentScores is not null)
            {
                content[count] = contentScores[i];
            }

            count++;
            var postInteractions = PostMetricsCalculator.Interactions(post);
            if (postInteractions is { } known)
            {
                interactions += known;
                anyInteractions = true;
            }

            views += post.Views ?? 0;

            // Same formulas as PostMetricsCalculator.Compute, without allocating a PostMetrics per post.
            if (PostMetricsCalculator.Ratio(postInteractions, post.Views) is { } er)
            {
                erViews[nErViews++] = er;
            }

            if (PostMetricsCalculator.Ratio(postInteractions, subscribers) is { } ers)
            {
                erSubscribers[nErSubscribers++] = ers;
            }

            if (post.Views is { } v && PostMetricsCalculator.Ratio(v, subscribers) is { } rr)
            {
                reachRate[nReachRate++] = rr;
            }

            if (PostMetricsCalculator.Ratio(post.Reposts, post.Views) is { } vir)
            {
                virality[nVirality++] = vir;
            }

            if (PostMetricsCalculator.Ratio(post.Comments, post.Views) is { } dis)
            {
                discussion[nDiscussion++] = dis;
            }
        }

        return new PostAggregates(
            count,
            views,
            count > 0 && !anyInteractions ? null : interactions,
            Median.OfInPlace(erViews.AsSpan(0, nErViews)),
            Median.OfInPlace(erSubscribers.AsSpan(0, nErSubscribers)),
            Median.OfInPlace(reachRate.AsSpan(0, nReachRate)),
            Median.OfInPlace(virality.AsSpan(0, nVirality)),
            Median.OfInPlace(discussion.AsSpan(0, nDiscussion)),
            Median.OfInPlace(content.AsSpan(0, contentScores is null ? 0 : count)));
    }

    private static CommentAggregates ComputeCommentAggregates(
        IReadOnlyList<CitizenComment> allComments, DateTimeOffset start, DateTimeOffset end)
    {
        var answerHours = new double[allComments.Count];
        var total = 0;
        var answered = 0;

        for (var i = 0; i < allComments.Count; i++)
        {
            var comment = allComments[i];
            if (!InWindow(comment.PostedAt, start, end))
            {
                continue;
            }

            total++;
            if (comment.RepliedAt is { } repliedAt)
            {
                // A reply stamped before the comment can only be clock skew between platform servers: count it as instant.
                answerHours[answered++] = Math.Max(0, (repliedAt - comment.PostedAt).TotalHours);
            }
        }

        return new CommentAggregates(total, answered, Median.OfInPlace(answerHours.AsSpan(0, answered)));
    }

    private static BroadcastAggregates ComputeBroadcastAggregates(
        IReadOnlyList<LiveBroadcast> allBroadcasts, DateTimeOffset start, DateTimeOffset end)
    {
        var count = 0;
        long views = 0, peak = 0;
        for (var i = 0; i < allBroadcasts.Count; i++)
        {
            var broadcast = allBroadcasts[i];

            // An announced broadcast that has not started yet has not reached anyone.
            if (broadcast.Status == BroadcastStatus.Upcoming || !InWindow(broadcast.StartedAt, start, end))
            {
                continue;
            }

            count++;
            views += broadcast.Views;
            peak = Math.Max(peak, broadcast.PeakViewers);
        }

        return new BroadcastAggregates(count, views, peak);
    }

    private readonly record struct PostAggregates(
        int Count,
        long Views,
        long? Interactions,
        double? ErViewsMedian,
        double? ErSubscribersMedian,
        double? ReachRateMedian,
        double? ViralityMedian,
        double? DiscussionMedian,
        double? ContentQualityMedian);

    private readonly record struct CommentAggregates(int Total, int Answered, double? MedianAnswerHours);

    private readonly record struct BroadcastAggregates(int Count, long Views, long PeakViewers);
}
