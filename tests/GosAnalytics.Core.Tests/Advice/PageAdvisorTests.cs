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
        var page = PageWith("1", posts: 2, erViews: 0.01);
        var entry = Entry(
            new Dictionary<string, double> { [IndexComponents.Activity] = 66.67, [IndexComponents.Engagement] = 10, [IndexComponents.Compliance] = 66.67 },
            page,
            ProfileChecks.Of(page.Page with { HasGovernmentLabel = false, HasContacts = true, HasSite = true }));

        var items = Advisor.Advise(entry, Period.Week, Peer()).Items;

        Assert.Equal(["governmentLabel", "erViews", "postsPerWeek"], items.Select(i => i.Topic));
        Assert.Equal("посты мало обсуждают и лайкают: ER по просмотрам 1\u00A0% против 2,5\u00A0% у похожих страниц", items[1].Text);
    }
}
