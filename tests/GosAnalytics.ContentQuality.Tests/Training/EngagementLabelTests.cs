using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Tests.Training;

public sealed class EngagementLabelTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_post_at_its_page_median_gets_zero_and_twice_the_median_about_ln_2()
    {
        // ER by views 0.01, 0.02, 0.04, 0.04, 0.08: the median is 0.04.
        var posts = Page("vk_1", (1000, 10), (1000, 20), (1000, 40), (1000, 40), (1000, 80));

        var labels = EngagementLabel.Label(posts).ToDictionary(l => l.PostId, l => l.Label);

        Assert.Equal(0, labels["p3"], 6);
        Assert.Equal(Math.Log(0.082 / 0.042), labels["p5"], 5);
        Assert.True(labels["p1"] < 0);
    }

    [Fact]
    public void The_same_content_effect_gets_the_same_label_on_a_small_and_a_large_page()
    {
        var small = Page("vk_small", (100, 2), (100, 4), (100, 4), (100, 4), (100, 8));
        var large = Page("vk_large", (100_000, 2_000), (100_000, 4_000), (100_000, 4_000), (100_000, 4_000), (100_000, 8_000));

        var labels = EngagementLabel.Label(small.Concat(large)).ToList();

        Assert.Equal(
            labels.Where(l => l.PageKey == "vk_small").Select(l => l.Label),
            labels.Where(l => l.PageKey == "vk_large").Select(l => l.Label));
    }

    [Fact]
    public void Posts_without_views_or_with_few_views_and_pages_with_few_such_posts_are_left_out()
    {
        var busy = Page("vk_busy", (1000, 10), (1000, 20), (1000, 40), (1000, 40), (1000, 80))
            .Append(new PostOutcome("vk_busy", "old", Content(), Views: null, 5, 0, 0))
            .Append(new PostOutcome("vk_busy", "tiny", Content(), Views: 20, 5, 0, 0));
        var quiet = Page("vk_quiet", (1000, 10), (1000, 20), (1000, 40), (1000, 40));

        var labels = EngagementLabel.Label(busy.Concat(quiet));

        Assert.Equal(5, labels.Count);
        Assert.All(labels, l => Assert.Equal("vk_busy", l.PageKey));
    }

    [Fact]
    public void Posts_whose_platform_reports_no_likes_or_reposts_teach_nothing()
    {
        // MAX channels report views only: their engagement is unknown, and a label of ln(0) would teach a false low.
        var channel = Enumerable.Range(1, 6).Select(i => new PostOutcome("max_-70800284327595", $"mid.{i}", Content(), Views: 1000, Likes: null, Reposts: null, Comments: i));

        Assert.Empty(EngagementLabel.Label(channel));
    }

    [Fact]
    public void A_post_without_interactions_gets_a_finite_label()
    {
        var labels = EngagementLabel.Label(Page("tg_1", (500, 0), (500, 10), (500, 10), (500, 10), (500, 10)));

        Assert.All(labels, l => Assert.True(float.IsFinite(l.Label)));
    }

    [Fact]
    public void Labels_come_in_the_same_order_whatever_the_input_order()
    {
        var posts = Page("vk_2", (1000, 10), (1000, 20), (1000, 40), (1000, 40), (1000, 80)).Concat(Page("ok_3", (900, 9), (900, 9), (900, 18), (900, 27), (900, 9))).ToList();

        var forward = EngagementLabel.Label(posts);
        var backward = EngagementLabel.Label(Enumerable.Reverse(posts));

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void The_median_of_a_page_with_an_even_number_of_posts_is_the_mean_of_the_middle_two()
    {
        // ER by views 0.08, 0.01, 0.05, 0.02, 0.09, 0.03 (in post order): the median is (0.03 + 0.05) ÷ 2 = 0.04.
        var labels = EngagementLabel.Label(Page("vk_4", (1000, 80), (1000, 10), (1000, 50), (1000, 20), (1000, 90), (1000, 30)))
            .ToDictionary(l => l.PostId, l => l.Label);

        var median = ((30 / 1000.0) + (50 / 1000.0)) / 2;
        Assert.Equal((float)Math.Log(((10 / 1000.0) + EngagementLabel.Smoothing) / (median + EngagementLabel.Smoothing)), labels["p2"]);
        Assert.Equal((float)Math.Log(((90 / 1000.0) + EngagementLabel.Smoothing) / (median + EngagementLabel.Smoothing)), labels["p5"]);
    }

    private static IEnumerable<PostOutcome> Page(string pageKey, params (long Views, long Likes)[] posts) =>
        posts.Select((post, i) => new PostOutcome(pageKey, $"p{i + 1}", Content(), post.Views, post.Likes, 0, 0));

    private static PostContent Content() => PostContent.FromText("Новость", Noon);
}
