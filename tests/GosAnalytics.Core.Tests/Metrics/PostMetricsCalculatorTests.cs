using GosAnalytics.Core.Metrics;
using static GosAnalytics.Core.Tests.Metrics.MetricsTestData;

namespace GosAnalytics.Core.Tests.Metrics;

public sealed class PostMetricsCalculatorTests
{
    [Fact]
    public void Ratios_divide_interactions_views_reposts_and_comments_by_their_denominators()
    {
        var post = PostToday(views: 1_000, likes: 40, reposts: 6, comments: 4);

        var metrics = PostMetricsCalculator.Compute(post, subscribers: 2_000);

        Assert.Equal(50, metrics.Interactions); // I = 40 + 6 + 4 = 50
        AssertClose(0.05, metrics.ErViews); // I / V = 50 / 1000
        AssertClose(0.025, metrics.ErSubscribers); // I / F = 50 / 2000
        AssertClose(0.5, metrics.ReachRate); // V / F = 1000 / 2000
        AssertClose(0.006, metrics.Virality); // reposts / V = 6 / 1000
        AssertClose(0.004, metrics.Discussion); // comments / V = 4 / 1000
    }

    [Fact]
    public void Counters_and_identity_are_carried_over()
    {
        var post = Post(Msk(3, 10, 9), views: 300, likes: 1, reposts: 2, comments: 3, isRepost: true);

        var metrics = PostMetricsCalculator.Compute(post, subscribers: 100);

        Assert.Equal(post.PostId, metrics.PostId);
        Assert.Equal(post.PublishedAt, metrics.PublishedAt);
        Assert.True(metrics.IsRepost);
        Assert.Equal((300L, 1L, 2L, 3L), (metrics.Views!.Value, metrics.Likes, metrics.Reposts, metrics.Comments));
    }

    [Fact]
    public void View_based_ratios_are_null_when_the_platform_reports_no_views()
    {
        var metrics = PostMetricsCalculator.Compute(PostToday(views: null, likes: 10, reposts: 1, comments: 1), subscribers: 500);

        Assert.Null(metrics.ErViews);
        Assert.Null(metrics.ReachRate);
        Assert.Null(metrics.Virality);
        Assert.Null(metrics.Discussion);
        AssertClose(0.024, metrics.ErSubscribers); // 12 / 500: does not need views
    }

    [Fact]
    public void View_based_ratios_are_null_when_views_are_zero()
    {
        var metrics = PostMetricsCalculator.Compute(PostToday(views: 0, likes: 3), subscribers: 500);

        Assert.Null(metrics.ErViews);
        Assert.Null(metrics.Virality);
        Assert.Null(metrics.Discussion);
        AssertClose(0.0, metrics.ReachRate); // 0 / 500 = 0: a zero numerator is a real zero
    }

    [Fact]
    public void Subscriber_based_ratios_are_null_for_a_page_without_subscribers()
    {
        var metrics = PostMetricsCalculator.Compute(PostToday(views: 200, likes: 10), subscribers: 0);

        Assert.Null(metrics.ErSubscribers);
        Assert.Null(metrics.ReachRate);
        AssertClose(0.05, metrics.ErViews); // 10 / 200
    }

    [Fact]
    public void A_post_without_likes_and_reposts_has_no_interactions_and_no_ratio_built_on_them_but_keeps_reach_and_discussion()
    {
        // A MAX post: the Bot API gives views (and the collector counts comments), never likes or reposts.
        var post = PostToday(views: 400, comments: 8) with { Likes = null, Reposts = null };

        var metrics = PostMetricsCalculator.Compute(post, subscribers: 1_000);

        Assert.Null(metrics.Likes);
        Assert.Null(metrics.Reposts);
        Assert.Null(metrics.Interactions);
        Assert.Null(metrics.ErViews);
        Assert.Null(metrics.ErSubscribers);
        Assert.Null(metrics.Virality);
        AssertClose(0.4, metrics.ReachRate); // 400 / 1,000
        AssertClose(0.02, metrics.Discussion); // 8 / 400
    }

    internal static void AssertClose(double expected, double? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected, actual.Value, 1e-12);
    }
}
