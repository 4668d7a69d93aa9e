using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using static GosAnalytics.Core.Tests.Metrics.MetricsTestData;
using static GosAnalytics.Core.Tests.Metrics.PostMetricsCalculatorTests;

namespace GosAnalytics.Core.Tests.Metrics;

public sealed class PageMetricsCalculatorTests
{
    private static PageMetrics Compute(PageSnapshot snapshot, Period period = Period.Day, IReadOnlyDictionary<DateOnly, long>? history = null) =>
        PageMetricsCalculator.Compute(snapshot, period, MetricDay, history ?? EmptyHistory);

    // Three posts on a page with F = 1000 subscribers:
    //   A: V 100, I 10 (10 likes)                → ER 0.10, ER_F 0.010, reach 0.1, virality 0,    discussion 0
    //   B: V 200, I 16 (10 likes, 2 rep, 4 com)  → ER 0.08, ER_F 0.016, reach 0.2, virality 0.01, discussion 0.02
    //   C: V 400, I 8  (8 likes)                 → ER 0.02, ER_F 0.008, reach 0.4, virality 0,    discussion 0
    private static readonly Func<Post>[] ThreePosts =
    [
        () => PostToday(views: 100, likes: 10),
        () => PostToday(views: 200, likes: 10, reposts: 2, comments: 4),
        () => PostToday(views: 400, likes: 8),
    ];

    [Fact]
    public void Median_of_an_odd_number_of_posts_is_the_middle_value()
    {
        var snapshot = Snapshot(Page(subscribers: 1_000), posts: ThreePosts.Select(p => p()).ToList());

        var metrics = Compute(snapshot);

        AssertClose(0.08, metrics.ErViewsMedian); // sorted 0.02, 0.08, 0.10 → 0.08
        AssertClose(0.010, metrics.ErSubscribersMedian); // sorted 0.008, 0.010, 0.016 → 0.010
        AssertClose(0.2, metrics.ReachRateMedian); // sorted 0.1, 0.2, 0.4 → 0.2
        AssertClose(0.0, metrics.ViralityMedian); // sorted 0, 0, 0.01 → 0
        AssertClose(0.0, metrics.DiscussionMedian); // sorted 0, 0, 0.02 → 0
    }

    [Fact]
    public void Content_quality_is_the_median_score_of_the_periods_posts_stamped_with_the_model()
    {
        var old = Post(MetricDayNoon.AddDays(-3), views: 100, likes: 1);
        var posts = ThreePosts.Select(p => p()).Append(old).ToList();
        var content = new ContentScores([0.4f, -0.2f, 0.1f, 9f], "cq-0123456789ab");

        var day = PageMetricsCalculator.Compute(Snapshot(Page(), posts: posts), Period.Day, MetricDay, EmptyHistory, content);
        var week = PageMetricsCalculator.Compute(Snapshot(Page(), posts: posts), Period.Week, MetricDay, EmptyHistory, content);
        var unscored = Compute(Snapshot(Page(), posts: posts));

        Assert.Equal(0.1, day.ContentQualityMedian!.Value, 6); // 0.4, −0.2, 0.1 → 0.1; the older post is outside the day
        Assert.Equal(0.25, week.ContentQualityMedian!.Value, 6); // −0.2, 0.1, 0.4, 9 → (0.1 + 0.4) / 2
        Assert.Equal("cq-0123456789ab", day.ContentModelVersion);
        Assert.Null(unscored.ContentQualityMedian);
        Assert.Null(unscored.ContentModelVersion);
    }

    [Fact]
    public void Content_scores_must_match_the_posts_one_to_one()
    {
        var snapshot = Snapshot(Page(), posts: ThreePosts.Select(p => p()).ToList());

        Assert.Throws<ArgumentException>(() => PageMetricsCalculator.Compute(snapshot, Period.Day, MetricDay, EmptyHistory, new ContentScores([0.1f], "cq-x")));
    }

    [Fact]
    public void Median_of_an_even_number_of_posts_is_the_mean_of_the_middle_two()
    {
        // D: V 50, I 5 → ER 0.10, reach 0.05.
        var posts = ThreePosts.Select(p => p()).Append(PostToday(views: 50, likes: 5)).ToList();

        var metrics = Compute(Snapshot(Page(subscribers: 1_000), posts: posts));

        AssertClose(0.09, metrics.ErViewsMedian); // sorted 0.02, 0.08, 0.10, 0.10 → (0.08 + 0.10) / 2 = 0.09
        AssertClose(0.15, metrics.ReachRateMedian); // sorted 0.05, 0.1, 0.2, 0.4 → (0.1 + 0.2) / 2 = 0.15
    }

    [Fact]
    public void Sums_and_counts_cover_the_periods_posts_with_missing_views_counted_as_zero()
    {
        var posts = new[]
        {
            PostToday(views: 100, likes: 10), // I 10
            PostToday(views: null, likes: 50, reposts: 5), // I 55, V unknown
            Post(MetricDayNoon, views: 40, likes: 1, isRepost: true), // a repost is still a post: I 1
        };

        var metrics = Compute(Snapshot(Page(subscribers: 1_000), posts: posts));

        Assert.Equal(3, metrics.Posts);
        Assert.Equal(140, metrics.Views); // 100 + 0 + 40
        Assert.Equal(66, metrics.Interactions); // 10 + 55 + 1
        AssertClose(0.0625, metrics.ErViewsMedian); // the post without views is skipped: ER 10/100 = 0.10 and 1/40 = 0.025 → (0.10 + 0.025) / 2
        AssertClose(0.01, metrics.ErSubscribersMedian); // all three: 0.010, 0.055, 0.001 → 0.010
    }

    [Fact]
    public void Medians_are_null_when_no_post_can_be_measured()
    {
        var noPosts = Compute(Snapshot());
        var noViews = Compute(Snapshot(posts: [PostToday(views: null, likes: 3)]));

        Assert.Equal(0, noPosts.Posts);
        Assert.Null(noPosts.ErViewsMedian);
        Assert.Null(noPosts.ErSubscribersMedian);
        Assert.Null(noPosts.ReachRateMedian);
        Assert.Equal(1, noViews.Posts);
        Assert.Null(noViews.ErViewsMedian);
        Assert.Null(noViews.ViralityMedian);
        Assert.Null(noViews.DiscussionMedian);
        Assert.NotNull(noViews.ErSubscribersMedian);
    }

    [Fact]
    public void A_post_at_23_59_Moscow_time_on_the_metric_day_counts()
    {
        var metrics = Compute(Snapshot(posts: [Post(Msk(3, 10, 23, 59, 59), views: 10)]));

        Assert.Equal(1, metrics.Posts);
    }

    [Fact]
    public void A_post_at_midnight_Moscow_time_after_the_metric_day_does_not_count()
    {
        // 00:00 MSK on 11 March is 21:00 UTC on 10 March: still the 10th in UTC, but not in Moscow.
        var utcInstant = new DateTimeOffset(2026, 3, 10, 21, 0, 0, TimeSpan.Zero);

        var metrics = Compute(Snapshot(posts: [Post(Msk(3, 11, 0, 0), views: 10), Post(utcInstant, views: 10)]));

        Assert.Equal(0, metrics.Posts);
    }

    [Fact]
    public void A_post_after_midnight_Moscow_time_counts_for_the_Moscow_day_even_if_UTC_is_still_the_day_before()
    {
        // 21:30 UTC on 9 March = 00:30 MSK on 10 March; 23:59:59 MSK on 9 March is out.
        var metrics = Compute(Snapshot(posts:
        [
            Post(new DateTimeOffset(2026, 3, 9, 21, 30, 0, TimeSpan.Zero), views: 10),
            Post(Msk(3, 9, 23, 59, 59), views: 10),
        ]));

        Assert.Equal(1, metrics.Posts);
    }

    [Fact]
    public void The_week_window_starts_at_midnight_Moscow_time_six_days_before_the_metric_day()
    {
        // Week ending Tue 10 March = Wed 4 March 00:00 MSK (3 March 21:00 UTC) .. 11 March 00:00 MSK.
        var posts = new[]
        {
            Post(Msk(3, 3, 23, 59, 59), views: 10), // out
            Post(Msk(3, 4, 0, 0), views: 10), // in: the first instant of the window
            Post(Msk(3, 7, 12), views: 10), // in
            Post(Msk(3, 10, 23, 59), views: 10), // in
        };

        var metrics = Compute(Snapshot(posts: posts), Period.Week);

        Assert.Equal(3, metrics.Posts);
        Assert.Equal(3.0, metrics.PostsPerWeek, 1e-12); // 3 × 7 / 7
    }

    [Fact]
    public void Posts_per_week_scales_the_month_count_to_seven_days()
    {
        // Month ending 10 March = 30 days from 9 February 00:00 MSK; 12 posts inside, 1 on 8 February outside.
        var posts = Enumerable.Range(0, 12).Select(i => Post(Msk(2, 9, 0, 0).AddDays(i * 2.5), views: 10))
            .Append(Post(Msk(2, 8, 23, 59), views: 10))
            .ToList();

        var metrics = Compute(Snapshot(posts: posts), Period.Month);

        Assert.Equal(12, metrics.Posts);
        Assert.Equal(2.8, metrics.PostsPerWeek, 1e-12); // 12 × 7 / 30
    }

    [Fact]
    public void Answered_share_and_median_answer_time_count_the_periods_citizen_comments()
    {
        var comments = new[]
        {
            Comment(Msk(3, 10, 9), answeredAfterHours: 0.5),
            Comment(Msk(3, 10, 10), answeredAfterHours: 2),
            Comment(Msk(3, 10, 11), answeredAfterHours: 6),
            Comment(Msk(3, 10, 12), answeredAfterHours: null),
            Comment(Msk(3, 9, 22), answeredAfterHours: 1), // posted the day before: not in the day period
        };

        var metrics = Compute(Snapshot(comments: comments));

        Assert.Equal(4, metrics.CitizenComments);
        Assert.Equal(3, metrics.AnsweredComments);
        AssertClose(0.75, metrics.AnsweredShare); // 3 / 4
        AssertClose(2.0, metrics.MedianAnswerHours); // sorted 0.5, 2, 6 → 2
    }

    [Fact]
    public void Median_answer_time_of_an_even_number_of_answers_is_the_mean_of_the_middle_two()
    {
        var comments = new[]
        {
            Comment(Msk(3, 10, 9), answeredAfterHours: 0.5),
            Comment(Msk(3, 10, 10), answeredAfterHours: 2),
            Comment(Msk(3, 10, 11), answeredAfterHours: 6),
            Comment(Msk(3, 10, 23), answeredAfterHours: 10), // answered the next day: still counts, the reply was collected
            Comment(Msk(3, 10, 12), answeredAfterHours: null),
        };

        var metrics = Compute(Snapshot(comments: comments));

        AssertClose(0.8, metrics.AnsweredShare); // 4 / 5
        AssertClose(4.0, metrics.MedianAnswerHours); // sorted 0.5, 2, 6, 10 → (2 + 6) / 2 = 4
    }

    [Fact]
    public void Answer_metrics_are_null_without_citizen_comments_or_without_answers()
    {
        var none = Compute(Snapshot());
        var unanswered = Compute(Snapshot(comments: [Comment(Msk(3, 10, 9), answeredAfterHours: null)]));

        Assert.Equal(0, none.CitizenComments);
        Assert.Null(none.AnsweredShare);
        Assert.Null(none.MedianAnswerHours);
        AssertClose(0.0, unanswered.AnsweredShare); // 0 / 1
        Assert.Null(unanswered.MedianAnswerHours);
    }

    [Fact]
    public void Weekly_growth_is_measured_from_the_earliest_history_day_in_the_window()
    {
        // Week, metric day 10 March: base day d with 3 March ≤ d < 10 March; the earliest present is 5 March.
        var history = new Dictionary<DateOnly, long>
        {
            [new(2026, 3, 2)] = 500, // before the window
            [new(2026, 3, 5)] = 1_000, // base
            [new(2026, 3, 7)] = 1_100,
            [new(2026, 3, 10)] = 1_190, // the metric day itself is never the base
        };

        var metrics = Compute(Snapshot(Page(subscribers: 1_200)), Period.Week, history);

        AssertClose(0.2, metrics.SubscriberGrowth); // (1200 − 1000) / 1000
    }

    [Fact]
    public void Monthly_growth_can_use_the_day_before_the_period_starts()
    {
        // Month: 8 Feb = metric day − 30 is allowed as base (the count at the end of the day before the period).
        var history = new Dictionary<DateOnly, long>
        {
            [new(2026, 2, 7)] = 100, // too early
            [new(2026, 2, 8)] = 800,
            [new(2026, 3, 1)] = 1_000,
        };

        var metrics = Compute(Snapshot(Page(subscribers: 1_200)), Period.Month, history);

        AssertClose(0.5, metrics.SubscriberGrowth); // (1200 − 800) / 800
    }

    [Fact]
    public void Daily_growth_compares_only_with_the_day_before()
    {
        var onlyTwoDaysAgo = new Dictionary<DateOnly, long> { [new(2026, 3, 8)] = 1_000 };
        var yesterday = new Dictionary<DateOnly, long> { [new(2026, 3, 8)] = 1_000, [new(2026, 3, 9)] = 1_250 };

        var missing = Compute(Snapshot(Page(subscribers: 1_200)), Period.Day, onlyTwoDaysAgo);
        var shrinking = Compute(Snapshot(Page(subscribers: 1_200)), Period.Day, yesterday);

        Assert.Null(missing.SubscriberGrowth);
        AssertClose(-0.04, shrinking.SubscriberGrowth); // (1200 − 1250) / 1250
    }

    [Fact]
    public void Growth_is_null_when_the_base_count_is_zero()
    {
        var history = new Dictionary<DateOnly, long> { [new(2026, 3, 9)] = 0 };

        var metrics = Compute(Snapshot(Page(subscribers: 10)), Period.Day, history);

        Assert.Null(metrics.SubscriberGrowth);
    }

    [Fact]
    public void Broadcasts_of_the_period_are_counted_summed_and_their_peak_kept()
    {
        var broadcasts = new[]
        {
            Broadcast(Msk(3, 10, 15), views: 5_000, peak: 800),
            Broadcast(Msk(3, 10, 18), views: 3_000, peak: 1_200, BroadcastStatus.Live),
            Broadcast(Msk(3, 9, 15), views: 9_999, peak: 9_999), // the day before
            Broadcast(Msk(3, 10, 20), views: 0, peak: 0, BroadcastStatus.Upcoming), // announced, not aired
        };

        var metrics = Compute(Snapshot(broadcasts: broadcasts));

        Assert.Equal(2, metrics.Broadcasts);
        Assert.Equal(8_000, metrics.BroadcastViews); // 5000 + 3000
        Assert.Equal(1_200, metrics.BroadcastPeakViewers); // max(800, 1200)
    }

    [Fact]
    public void Broadcasts_that_were_not_collected_are_unknown_not_zero_and_the_page_notices_travel_with_the_metrics()
    {
        var snapshot = Snapshot() with { Notices = [PageNotice.WallTruncated, PageNotice.BroadcastsNotCollected] };

        var metrics = Compute(snapshot);

        Assert.Equal((null, null, null), (metrics.Broadcasts, metrics.BroadcastViews, metrics.BroadcastPeakViewers));
        Assert.Equal([PageNotice.WallTruncated, PageNotice.BroadcastsNotCollected], metrics.Notices);
        Assert.Equal(0, Compute(Snapshot()).Broadcasts);
        Assert.Null(Compute(Snapshot()).Notices);
    }

    [Theory]
    [InlineData(true, true, true, 1.0)]
    [InlineData(true, false, true, 2.0 / 3)] // label and avatar, no description
    [InlineData(false, false, true, 1.0 / 3)]
    [InlineData(false, false, false, 0.0)]
    public void Profile_completeness_is_the_share_of_label_description_and_avatar(bool label, bool description, bool avatar, double expected)
    {
        var metrics = Compute(Snapshot(Page(hasGovernmentLabel: label, hasDescription: description, hasAvatar: avatar)));

        Assert.Equal(expected, metrics.ProfileCompleteness, 1e-12);
    }

    [Theory]
    [InlineData(false, false, 0.0)]
    [InlineData(true, false, 0.5)]
    [InlineData(true, true, 1.0)]
    public void Profile_completeness_of_a_MAX_channel_is_the_share_of_description_and_avatar_because_no_label_can_be_read(bool description, bool avatar, double expected)
    {
        var page = Page(hasGovernmentLabel: false, hasDescription: description, hasAvatar: avatar) with { Platform = Platform.Max };

        var metrics = PageMetricsCalculator.Compute(Snapshot(page), Period.Week, MetricDay, EmptyHistory);

        Assert.Equal(expected, metrics.ProfileCompleteness, 1e-12);
    }

    [Fact]
    public void Interactions_of_a_period_are_unknown_when_none_of_its_posts_reports_them_and_zero_without_posts()
    {
        var page = Page() with { Platform = Platform.Max };
        var maxPosts = new[] { PostToday(views: 300, comments: 2) with { Likes = null, Reposts = null }, PostToday(views: 500) with { Likes = null, Reposts = null } };

        var withPosts = PageMetricsCalculator.Compute(Snapshot(page, maxPosts), Period.Week, MetricDay, EmptyHistory);
        var withoutPosts = PageMetricsCalculator.Compute(Snapshot(page), Period.Week, MetricDay, EmptyHistory);

        Assert.Null(withPosts.Interactions);
        Assert.Null(withPosts.ErViewsMedian);
        Assert.Equal(800, withPosts.Views);
        Assert.Equal(0.2, withPosts.ReachRateMedian!.Value, 1e-12); // median of 300 and 500 views over 2,000 subscribers
        Assert.Equal(0, withoutPosts.Interactions);
    }

    [Fact]
    public void The_result_carries_the_page_period_and_metric_day()
    {
        var page = Page();

        var metrics = Compute(Snapshot(page), Period.Week);

        Assert.Same(page, metrics.Page);
        Assert.Equal(Period.Week, metrics.Period);
        Assert.Equal(MetricDay, metrics.MetricDay);
    }
}
