using GosAnalytics.Core.Advice;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;
using static GosAnalytics.Core.Tests.Scoring.ScoringTestData;

namespace GosAnalytics.Core.Tests.Advice;

public sealed class PageAdvisorTests
{
    private static readonly PageAdvisor Advisor = new(new IndexOptions());

    private static PeerBenchmark Peer(ContentTraits? best = null) => new(
        "vk|1k-10k|education",
        40,
        new Dictionary<string, double>
        {
            [IndexComponents.Engagement] = 50, [IndexComponents.Reach] = 50, [IndexComponents.Activity] = 100, [IndexComponents.Responsiveness] = 70,
            [IndexComponents.Growth] = 50, [IndexComponents.Compliance] = 80, [IndexComponents.ContentQuality] = 50,
        },
        new PeerMetricMedians(PostsPerWeek: 5, ErViews: 0.025, ReachRate: 0.2, AnsweredShare: 0.75, MedianAnswerHours: 3, SubscriberGrowth: 0.008, ContentQuality: 0.01),
        new ContentTraits(0.09, 40, 0.7),
        best ?? new ContentTraits(0.06, 55, 0.9),
        new Dictionary<string, double> { ["governmentLabel"] = 0.85, ["description"] = 0.92 });

    private static RankingEntry Entry(
        IReadOnlyDictionary<string, double> components, PageMetrics metrics, ProfileChecks? checks = null, ContentTraits? traits = null) =>
        RankingEntry.From(new ScoredPage(metrics, "vk|1k-10k|education", components, 50, [.. components.Keys])) with
        {
            Profile = checks ?? ProfileChecks.Of(metrics.Page),
            ContentTraits = traits,
        };

    [Fact]
    public void A_page_below_the_posting_norm_is_told_its_posts_a_week_against_the_norm_and_its_peers()
    {
        var entry = Entry(new Dictionary<string, double> { [IndexComponents.Activity] = 66.67 }, PageWith("1", posts: 2));

        var item = Assert.Single(Advisor.Advise(entry, Period.Week, Peer()).Items);

        Assert.Equal(("activity", "postsPerWeek", 2.0, 5.0, AdviceSeverity.Medium), (item.Component, item.Topic, item.PageValue, item.PeerValue, item.Severity));
        Assert.Equal("2 поста в неделю при норме 3 (у похожих страниц — 5)", item.Text);
    }

    [Fact]
    public void A_page_with_no_posts_is_told_so_and_not_about_the_engagement_it_could_not_have()
    {
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.Activity] = 0, [IndexComponents.Engagement] = 0, [IndexComponents.Reach] = 0, [IndexComponents.ContentQuality] = 0 },
            PageWith("1", posts: 0, erViews: null, reachRate: null));

        var item = Assert.Single(Advisor.Advise(entry, Period.Month, Peer()).Items);

        Assert.Equal(AdviceSeverity.High, item.Severity);
        Assert.Equal("За 30 дней нет ни одного поста при норме 3 в неделю (у похожих страниц — 5)", item.Text);
    }

    [Fact]
    public void Slow_and_rare_answers_are_worded_with_the_page_and_peer_figures()
    {
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.Responsiveness] = 28, [IndexComponents.Activity] = 100 },
            PageWith("1", citizenComments: 10, answeredShare: 0.4, medianAnswerHours: 19));

        var item = Assert.Single(Advisor.Advise(entry, Period.Week, Peer()).Items);

        Assert.Equal(AdviceSeverity.High, item.Severity);
        Assert.Equal("ответы на 40\u00A0% комментариев граждан, медиана 19\u00A0ч (у похожих страниц: 75\u00A0%, 3\u00A0ч)", item.Text);
    }

    [Fact]
    public void Missing_requirements_that_apply_are_listed_with_the_share_of_peers_meeting_them()
    {
        var page = PageWith("1");
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.Compliance] = 60, [IndexComponents.Activity] = 100 },
            page,
            ProfileChecks.Of(page.Page with { HasGovernmentLabel = false, HasDescription = false, HasContacts = true, HasSite = true }));

        var items = Advisor.Advise(entry, Period.Week, Peer()).Items;

        Assert.Equal(["governmentLabel", "description"], items.Select(i => i.Topic));
        Assert.Equal("нет метки «Госорганизация» — у похожих страниц она есть у 85\u00A0%", items[0].Text);
        Assert.Equal(AdviceSeverity.High, items[0].Severity);
        Assert.Equal("не заполнено описание страницы — у похожих страниц оно есть у 92\u00A0%", items[1].Text);
    }

    [Fact]
    public void A_weak_content_score_is_explained_by_the_officialese_share_against_the_best_quarter()
    {
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.ContentQuality] = 20, [IndexComponents.Activity] = 100 },
            PageWith("1", contentQuality: -0.3),
            traits: new ContentTraits(0.18, 50, 0.85));

        var item = Assert.Single(Advisor.Advise(entry, Period.Week, Peer()).Items);

        Assert.Equal(("contentQuality", "bureaucraticShare", AdviceSeverity.High), (item.Component, item.Topic, item.Severity));
        Assert.Equal("тексты канцелярские: доля канцеляризмов 18\u00A0% против 6\u00A0% у лучших", item.Text);
    }

    [Fact]
    public void Hard_texts_are_named_with_their_reading_ease_a_negative_one_with_the_minus_sign()
    {
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.ContentQuality] = 20, [IndexComponents.Activity] = 100 },
            PageWith("1", contentQuality: -0.3),
            traits: new ContentTraits(0.05, -2.38, 0.9));

        var item = Assert.Single(Advisor.Advise(entry, Period.Week, Peer()).Items);

        Assert.Equal("readability", item.Topic);
        Assert.Equal("тексты трудно читать: индекс читаемости \u22122,4 против 55 у лучших (чем выше, тем проще)", item.Text);
    }

    [Fact]
    public void Posts_without_any_photo_or_video_are_named_so_against_the_best_quarter()
    {
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.ContentQuality] = 30, [IndexComponents.Activity] = 100 },
            PageWith("1", contentQuality: -0.2),
            traits: new ContentTraits(0.05, 60, 0));

        var item = Assert.Single(Advisor.Advise(entry, Period.Week, Peer()).Items);

        Assert.Equal("ни в одном посте нет фото или видео, а у лучших — в 90\u00A0% постов", item.Text);
    }

    [Fact]
    public void A_weak_content_score_that_no_trait_explains_is_named_with_its_score_and_the_peer_median()
    {
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.ContentQuality] = 35, [IndexComponents.Activity] = 100 },
            PageWith("1", contentQuality: -0.1),
            traits: new ContentTraits(0.05, 60, 0.95));

        var item = Assert.Single(Advisor.Advise(entry, Period.Week, Peer()).Items);

        Assert.Equal("посты слабее, чем у похожих страниц: качество контента 35 из 100 при медиане 50", item.Text);
    }

    [Fact]
    public void A_page_at_or_above_its_peers_everywhere_gets_no_advice()
    {
        var entry = Entry(
            new Dictionary<string, double>
            {
                [IndexComponents.Engagement] = 60, [IndexComponents.Reach] = 45, [IndexComponents.Activity] = 100, [IndexComponents.Compliance] = 100, [IndexComponents.ContentQuality] = 41,
            },
            PageWith("1"));

        Assert.Empty(Advisor.Advise(entry, Period.Week, Peer()).Items);
    }

    [Fact]
    public void Items_are_ordered_high_severity_first()
    {
        var page = PageWith("1", posts: 8, postsPerWeek: 8 * 7 / 30.0, erViews: 0.01);
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.Activity] = 62.2, [IndexComponents.Engagement] = 10, [IndexComponents.Compliance] = 66.67 },
            page,
            ProfileChecks.Of(page.Page with { HasGovernmentLabel = false, HasContacts = true, HasSite = true }));

        var items = Advisor.Advise(entry, Period.Month, Peer()).Items;

        Assert.Equal(["governmentLabel", "erViews", "postsPerWeek"], items.Select(i => i.Topic));
        Assert.Equal("посты мало обсуждают и лайкают: ER по просмотрам 1\u00A0% против 2,5\u00A0% у похожих страниц", items[1].Text);
    }

    /// <summary>A page weak everywhere its posts are judged: low ER and reach, officialese texts; <paramref name="posts"/> in a week.</summary>
    private static RankingEntry WeakPage(int posts, bool withEngagement = true)
    {
        var components = new Dictionary<string, double>
        {
            [IndexComponents.Activity] = Math.Min(100, posts * 100 / 3.0), [IndexComponents.Reach] = 10, [IndexComponents.ContentQuality] = 20,
        };
        if (withEngagement)
        {
            components[IndexComponents.Engagement] = 10;
        }

        return Entry(components, PageWith("1", posts: posts, erViews: withEngagement ? 0.01 : null, reachRate: 0.05, contentQuality: -0.3), traits: new ContentTraits(0.18, 50, 0.85));
    }

    [Fact]
    public void A_page_with_one_post_gets_no_officialese_or_ER_item_but_one_saying_the_sample_is_too_small()
    {
        var items = Advisor.Advise(WeakPage(posts: 1), Period.Week, Peer()).Items;

        Assert.Equal(["postsPerWeek", "posts"], items.Select(i => i.Topic));
        var note = items[1];
        Assert.Equal(("activity", 1.0, (double?)null, AdviceSeverity.Low), (note.Component, note.PageValue, note.PeerValue, note.Severity));
        Assert.Equal("за неделю 1 пост — мало, чтобы судить о вовлечённости, охвате и текстах", note.Text);
    }

    [Fact]
    public void A_page_with_enough_posts_is_still_told_its_ER_reach_and_officialese_and_gets_no_small_sample_item()
    {
        var items = Advisor.Advise(WeakPage(posts: PageAdvisor.MinPostsForContent), Period.Week, Peer()).Items;

        Assert.Equal(["erViews", "reachRate", "bureaucraticShare"], items.Select(i => i.Topic));
    }

    [Theory]
    [InlineData(2, "", "за неделю 2 поста — мало, чтобы судить о вовлечённости, охвате и текстах")]
    [InlineData(3, "erViews reachRate", "за неделю 3 поста — мало, чтобы судить о текстах")]
    [InlineData(4, "erViews reachRate", "за неделю 4 поста — мало, чтобы судить о текстах")]
    [InlineData(5, "erViews reachRate bureaucraticShare", null)]
    public void Engagement_and_reach_are_judged_from_three_posts_and_content_from_five(int posts, string findings, string? note)
    {
        var items = Advisor.Advise(WeakPage(posts), Period.Week, Peer()).Items;

        Assert.Equal(findings, string.Join(' ', items.Where(i => i.Topic is "erViews" or "reachRate" or "bureaucraticShare").Select(i => i.Topic)));
        Assert.Equal(note, items.SingleOrDefault(i => i.Topic == "posts")?.Text);
    }

    [Fact]
    public void The_small_sample_item_names_only_the_components_the_page_has()
    {
        var items = Advisor.Advise(WeakPage(posts: 2, withEngagement: false), Period.Month, Peer()).Items;

        Assert.Equal("за 30 дней 2 поста — мало, чтобы судить об охвате и текстах", items.Single(i => i.Topic == "posts").Text);
    }

    [Theory]
    [InlineData(1, AdviceSeverity.Medium, "нет ответа на комментарий гражданина (у похожих страниц: 75\u00A0%, 3\u00A0ч)")]
    [InlineData(2, AdviceSeverity.Medium, "нет ответа ни на один из 2 комментариев граждан (у похожих страниц: 75\u00A0%, 3\u00A0ч)")]
    [InlineData(3, AdviceSeverity.High, "нет ответа ни на один из 3 комментариев граждан (у похожих страниц: 75\u00A0%, 3\u00A0ч)")]
    public void Unanswered_comments_are_always_an_item_but_a_severe_one_only_from_three_comments(int comments, AdviceSeverity severity, string text)
    {
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.Responsiveness] = 0, [IndexComponents.Activity] = 100 },
            PageWith("1", citizenComments: comments, answeredShare: 0));

        var item = Assert.Single(Advisor.Advise(entry, Period.Week, Peer()).Items);

        Assert.Equal(("answeredShare", severity), (item.Topic, item.Severity));
        Assert.Equal(text, item.Text);
    }
}
