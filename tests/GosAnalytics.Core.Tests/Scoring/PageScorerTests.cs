using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using static GosAnalytics.Core.Tests.Scoring.ScoringTestData;

namespace GosAnalytics.Core.Tests.Scoring;

public sealed class PageScorerTests
{
    [Fact]
    public void Tied_pages_share_their_average_rank_in_the_percentile()
    {
        // n = 5 sorted: 0.01 (r 1), 0.02 ×3 (ranks 2, 3, 4 → r 3), 0.05 (r 5); score = 100 × (r − 1) / (n − 1).
        var pages = new[] { WithEr("a", 0.01), WithEr("b", 0.02), WithEr("c", 0.02), WithEr("d", 0.02), WithEr("e", 0.05) };

        var scored = Scorer().Score(pages);

        Assert.Equal(0, scored.Find("a").Components[IndexComponents.Engagement]); // 100 × 0 / 4
        Assert.Equal(50, scored.Find("b").Components[IndexComponents.Engagement]); // 100 × 2 / 4
        Assert.Equal(50, scored.Find("c").Components[IndexComponents.Engagement]);
        Assert.Equal(50, scored.Find("d").Components[IndexComponents.Engagement]);
        Assert.Equal(100, scored.Find("e").Components[IndexComponents.Engagement]); // 100 × 4 / 4
    }

    [Fact]
    public void A_tie_at_the_top_does_not_reach_100()
    {
        // n = 4 sorted: 0.01 (r 1), 0.03 ×3 (ranks 2, 3, 4 → r 3): 100 × 2 / 3 = 66.666… → 66.67.
        var pages = new[] { WithEr("a", 0.01), WithEr("b", 0.03), WithEr("c", 0.03), WithEr("d", 0.03) };

        var scored = Scorer().Score(pages);

        Assert.Equal(0, scored.Find("a").Components[IndexComponents.Engagement]);
        Assert.Equal(66.67, scored.Find("b").Components[IndexComponents.Engagement]);
    }

    [Fact]
    public void A_page_alone_in_its_group_scores_50()
    {
        var scored = Scorer().Score([WithEr("solo", 0.2)]);

        Assert.Equal(50, scored.Single().Components[IndexComponents.Engagement]);
        Assert.Equal(50, scored.Single().Components[IndexComponents.Reach]);
    }

    [Fact]
    public void Reach_is_the_percentile_of_the_median_reach_rate()
    {
        // Reach rates 0.1, 0.4, 0.2 → ranks 1, 3, 2 of 3 → 0, 100, 50 — independently of ER (all equal here).
        var pages = new[] { PageWith("a", reachRate: 0.1), PageWith("b", reachRate: 0.4), PageWith("c", reachRate: 0.2) };

        var scored = Scorer().Score(pages);

        Assert.Equal(0, scored.Find("a").Components[IndexComponents.Reach]);
        Assert.Equal(100, scored.Find("b").Components[IndexComponents.Reach]);
        Assert.Equal(50, scored.Find("c").Components[IndexComponents.Reach]);
        Assert.All(scored, s => Assert.Equal(50, s.Components[IndexComponents.Engagement])); // three-way tie: r 2 → 100 × 1 / 2
    }

    [Fact]
    public void Pages_are_ranked_only_against_their_own_peer_group()
    {
        // Culture pages have ten times the ER of schools, yet the best school still scores 100 among schools.
        var pages = new[]
        {
            WithEr("s1", 0.01), WithEr("s2", 0.02), WithEr("s3", 0.03),
            WithEr("c1", 0.10, OrganisationKind.Culture), WithEr("c2", 0.20, OrganisationKind.Culture), WithEr("c3", 0.30, OrganisationKind.Culture),
        };

        var scored = Scorer(minPeerGroupSize: 3).Score(pages);

        Assert.Equal("vk|1k-10k|education", scored.Find("s3").PeerGroup);
        Assert.Equal("vk|1k-10k|culture", scored.Find("c1").PeerGroup);
        Assert.Equal(100, scored.Find("s3").Components[IndexComponents.Engagement]); // top of 3 schools
        Assert.Equal(0, scored.Find("c1").Components[IndexComponents.Engagement]); // bottom of 3 culture pages
    }

    [Fact]
    public void Small_peer_groups_fall_back_to_platform_and_band_then_to_platform()
    {
        // MinPeerGroupSize 3.
        var pages = new[]
        {
            // vk|1k-10k|education has 3 pages: ranked among themselves.
            WithEr("e1", 0.01), WithEr("e2", 0.02), WithEr("e3", 0.03),
            // vk|1k-10k|culture has 1 page → vk|1k-10k|* (4 pages: 0.01, 0.02, 0.025, 0.03).
            WithEr("culture", 0.025, OrganisationKind.Culture),
            // vk|100k+|sport has 1 page and vk|100k+|* too → vk|*|* (5 pages: 0.01, 0.015, 0.02, 0.025, 0.03).
            WithEr("sport", 0.015, OrganisationKind.Sport, subscribers: 200_000),
            // ok|<1k|education: alone on its platform → ok|*|*, which never mixes with VK.
            WithEr("ok", 0.5, platform: Platform.Ok, subscribers: 500),
        };

        var scored = Scorer(minPeerGroupSize: 3).Score(pages);

        Assert.Equal("vk|1k-10k|education", scored.Find("e1").PeerGroup);
        Assert.Equal(50, scored.Find("e2").Components[IndexComponents.Engagement]); // r 2 of 3 → 100 × 1 / 2

        Assert.Equal("vk|1k-10k|*", scored.Find("culture").PeerGroup);
        Assert.Equal(66.67, scored.Find("culture").Components[IndexComponents.Engagement]); // r 3 of 4 → 100 × 2 / 3

        Assert.Equal("vk|*|*", scored.Find("sport").PeerGroup);
        Assert.Equal(25, scored.Find("sport").Components[IndexComponents.Engagement]); // r 2 of 5 → 100 × 1 / 4

        Assert.Equal("ok|*|*", scored.Find("ok").PeerGroup);
        Assert.Equal(50, scored.Find("ok").Components[IndexComponents.Engagement]); // alone → 50
    }

    [Fact]
    public void The_index_is_renormalised_over_the_components_present()
    {
        // No citizen comments (responsiveness absent) and no growth history (growth absent).
        // engagement 50 and reach 50 (alone in the group), activity 100 × 1.5 / 3 = 50, compliance 100 × 2/3 = 66.666…
        // No content-quality scores either. index = (0.20×50 + 0.15×50 + 0.15×50 + 0.10×66.666…) / (0.20 + 0.15 + 0.15 + 0.10)
        // = 31.666… / 0.6 = 52.777… → 52.78
        var page = PageWith("p", postsPerWeek: 1.5, profileCompleteness: 2.0 / 3);

        var scored = Scorer().Score([page]).Single();

        Assert.Equal(52.78, scored.Index);
        Assert.False(scored.Components.ContainsKey(IndexComponents.ContentQuality));
        Assert.Equal([IndexComponents.Engagement, IndexComponents.Reach, IndexComponents.Activity, IndexComponents.Compliance], scored.IndexComponents);
        Assert.False(scored.Components.ContainsKey(IndexComponents.Responsiveness));
        Assert.False(scored.Components.ContainsKey(IndexComponents.Growth));
        Assert.Equal(66.67, scored.Components[IndexComponents.Compliance]);
    }

    [Fact]
    public void The_index_uses_every_component_when_all_are_present()
    {
        // engagement 50, reach 50, activity 100 (7 posts ≥ 3), responsiveness 100 × (0.7 × 1 + 0.3 × 1) = 100 (all answered in 0.5 h),
        // growth 50 (alone), compliance 100, content quality 50 (alone).
        // index = 0.20×50 + 0.15×50 + 0.15×100 + 0.20×100 + 0.05×50 + 0.10×100 + 0.15×50 = 10 + 7.5 + 15 + 20 + 2.5 + 10 + 7.5 = 72.5
        var page = PageWith("p", citizenComments: 4, answeredShare: 1, medianAnswerHours: 0.5, growth: 0.01, contentQuality: 0.1);

        var scored = Scorer().Score([page]).Single();

        Assert.Equal(72.5, scored.Index);
        Assert.Equal(IndexComponents.All, scored.IndexComponents);
        Assert.Equal(IndexComponents.All, scored.Components.Keys);
    }

    [Fact]
    public void A_page_with_no_posts_scores_zero_for_engagement_reach_and_activity_and_is_not_ranked_against()
    {
        var idle = PageWith("idle", posts: 0, erViews: null, reachRate: null);
        var active = WithEr("active", 0.001);

        var scored = Scorer().Score([idle, active]);

        var idleScore = scored.Find("idle");
        Assert.Equal(0, idleScore.Components[IndexComponents.Engagement]);
        Assert.Equal(0, idleScore.Components[IndexComponents.Reach]);
        Assert.Equal(0, idleScore.Components[IndexComponents.Activity]);
        Assert.Equal(16.67, idleScore.Index); // (0.20×0 + 0.15×0 + 0.15×0 + 0.10×100) / 0.60 = 16.666…
        // The idle page is outside the population, so the active page is alone: 50, not 100.
        Assert.Equal(50, scored.Find("active").Components[IndexComponents.Engagement]);
    }

    [Fact]
    public void A_MAX_channel_has_no_engagement_component_with_or_without_posts_and_its_index_rests_on_the_others()
    {
        // MAX reports views only: engagement cannot be measured there, so it is absent (not 0) even for a channel that posted nothing.
        var posting = PageWith("max-posting", Platform.Max, erViews: null, reachRate: 0.3);
        var silent = PageWith("max-silent", Platform.Max, posts: 0, erViews: null, reachRate: null);

        var scored = Scorer().Score([posting, silent]);

        Assert.False(scored.Find("max-posting").Components.ContainsKey(IndexComponents.Engagement));
        Assert.False(scored.Find("max-silent").Components.ContainsKey(IndexComponents.Engagement));
        Assert.Equal([IndexComponents.Reach, IndexComponents.Activity, IndexComponents.Compliance], scored.Find("max-posting").IndexComponents);
        Assert.Equal(0, scored.Find("max-silent").Components[IndexComponents.Reach]);
        Assert.StartsWith("max|", scored.Find("max-posting").PeerGroup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_with_posts_but_no_views_has_no_engagement_or_reach_score()
    {
        var page = PageWith("telegram-without-views", erViews: null, reachRate: null);

        var scored = Scorer().Score([page]).Single();

        Assert.False(scored.Components.ContainsKey(IndexComponents.Engagement));
        Assert.False(scored.Components.ContainsKey(IndexComponents.Reach));
        Assert.Equal([IndexComponents.Activity, IndexComponents.Compliance], scored.IndexComponents);
        Assert.Equal(100, scored.Index); // (0.15×100 + 0.10×100) / 0.25
    }

    [Theory]
    [InlineData(7.0, 100)] // 7 / 3 > 1 → capped
    [InlineData(3.0, 100)] // exactly the norm
    [InlineData(1.5, 50)] // 100 × 1.5 / 3
    [InlineData(1.0, 33.33)] // 100 × 1 / 3 = 33.333…
    public void Activity_is_posts_per_week_against_the_norm_capped_at_100(double postsPerWeek, double expected)
    {
        var scored = Scorer().Score([PageWith("p", postsPerWeek: postsPerWeek)]).Single();

        Assert.Equal(expected, scored.Components[IndexComponents.Activity]);
    }

    [Theory]
    [InlineData(0.8, 4.0, 72.91)] // speed = 1 − ln(4/1)/ln(24/1) = 1 − 1.386294/3.178054 = 0.563791; 100 × (0.7×0.8 + 0.3×0.563791) = 72.9137
    [InlineData(0.75, 2.0, 75.96)] // speed = 1 − ln 2/ln 24 = 0.781896; 100 × (0.525 + 0.234569) = 75.9569
    [InlineData(1.0, 1.0, 100)] // at the target: speed 1 → 100 × (0.7 + 0.3)
    [InlineData(1.0, 0.25, 100)] // faster than the target is still speed 1
    [InlineData(0.5, 24.0, 35)] // at the limit: speed 0 → 100 × 0.7 × 0.5
    [InlineData(0.5, 72.0, 35)] // beyond the limit: speed 0
    public void Responsiveness_combines_answered_share_and_log_scaled_answer_speed(double share, double medianHours, double expected)
    {
        var page = PageWith("p", citizenComments: 20, answeredShare: share, medianAnswerHours: medianHours);

        var scored = Scorer().Score([page]).Single();

        Assert.Equal(expected, scored.Components[IndexComponents.Responsiveness]);
    }

    [Fact]
    public void Responsiveness_is_zero_when_no_comment_was_answered_and_absent_when_nobody_commented()
    {
        var ignored = PageWith("ignored", citizenComments: 5, answeredShare: 0, medianAnswerHours: null);
        var quiet = PageWith("quiet", citizenComments: 0);

        var scored = Scorer().Score([ignored, quiet]);

        Assert.Equal(0, scored.Find("ignored").Components[IndexComponents.Responsiveness]); // 100 × (0.7×0 + 0.3×0)
        Assert.False(scored.Find("quiet").Components.ContainsKey(IndexComponents.Responsiveness));
    }

    [Fact]
    public void Growth_is_the_percentile_of_subscriber_growth_and_absent_without_history()
    {
        // Growth −0.1, 0.0, 0.2 → ranks 1, 2, 3 of 3 → 0, 50, 100; the page without history is not counted in n.
        var pages = new[] { PageWith("down", growth: -0.1), PageWith("flat", growth: 0.0), PageWith("up", growth: 0.2), PageWith("new", growth: null) };

        var scored = Scorer().Score(pages);

        Assert.Equal(0, scored.Find("down").Components[IndexComponents.Growth]);
        Assert.Equal(50, scored.Find("flat").Components[IndexComponents.Growth]);
        Assert.Equal(100, scored.Find("up").Components[IndexComponents.Growth]);
        Assert.False(scored.Find("new").Components.ContainsKey(IndexComponents.Growth));
    }

    [Fact]
    public void A_component_with_zero_weight_is_shown_but_left_out_of_the_index()
    {
        // growth 50 (alone) is shown; index = (0.20×50 + 0.15×50 + 0.15×100 + 0.10×100) / 0.60 = 42.5 / 0.60 = 70.833…
        var page = PageWith("p", growth: 0.05);

        var scored = Scorer(configure: o => o.Weights[IndexComponents.Growth] = 0).Score([page]).Single();

        Assert.Equal(50, scored.Components[IndexComponents.Growth]);
        Assert.DoesNotContain(IndexComponents.Growth, scored.IndexComponents);
        Assert.Equal(70.83, scored.Index);
    }

    [Fact]
    public void Content_quality_is_the_percentile_of_the_median_post_score_among_peers_whatever_the_audience()
    {
        var pages = new[]
        {
            PageWith("plain", subscribers: 900_000, contentQuality: -0.2),
            PageWith("good", subscribers: 300, contentQuality: 0.3),
            PageWith("middle", subscribers: 4_000, contentQuality: 0.0),
        };

        var scored = Scorer(minPeerGroupSize: 100).Score(pages); // one platform-wide peer group

        Assert.Equal(100, scored.Find("good").Components[IndexComponents.ContentQuality]);
        Assert.Equal(50, scored.Find("middle").Components[IndexComponents.ContentQuality]);
        Assert.Equal(0, scored.Find("plain").Components[IndexComponents.ContentQuality]);
        Assert.Contains(IndexComponents.ContentQuality, scored.Find("good").IndexComponents);
    }

    [Fact]
    public void A_scored_page_without_posts_gets_zero_content_quality_and_an_unscored_one_none()
    {
        var scoredIdle = PageWith("scored-idle", posts: 0, erViews: null, reachRate: null) with { ContentModelVersion = "cq-test" };
        var unscoredIdle = PageWith("unscored-idle", posts: 0, erViews: null, reachRate: null);

        var scored = Scorer().Score([scoredIdle, unscoredIdle]);

        Assert.Equal(0, scored.Find("scored-idle").Components[IndexComponents.ContentQuality]);
        Assert.False(scored.Find("unscored-idle").Components.ContainsKey(IndexComponents.ContentQuality));
    }

    [Fact]
    public void Scores_are_rounded_to_two_decimals_half_away_from_zero()
    {
        // 33 distinct values: the second lowest has r 2 → 100 × 1 / 32 = 3.125 exactly → 3.13 (banker's rounding would give 3.12).
        var pages = Enumerable.Range(1, 33).Select(i => WithEr("p" + i, i / 1000.0)).ToList();

        var scored = Scorer().Score(pages);

        Assert.Equal(3.13, scored.Find("p2").Components[IndexComponents.Engagement]);
    }

    [Fact]
    public void Scores_do_not_depend_on_input_order()
    {
        var pages = RandomPages(600, seed: 7);
        var shuffled = pages.OrderBy(_ => Guid.NewGuid()).ToList();
        var scorer = Scorer(minPeerGroupSize: 10);

        var first = scorer.Score(pages).ToDictionary(s => s.Metrics.Page.Key);
        var second = scorer.Score(shuffled).ToDictionary(s => s.Metrics.Page.Key);

        Assert.Equal(first.Count, second.Count);
        foreach (var (key, a) in first)
        {
            var b = second[key];
            Assert.Equal(a.PeerGroup, b.PeerGroup);
            Assert.Equal(a.Index, b.Index);
            Assert.Equal(a.Components, b.Components);
            Assert.Equal(a.IndexComponents, b.IndexComponents);
        }
    }

    [Fact]
    public void Results_come_back_in_input_order_one_per_page()
    {
        var pages = RandomPages(50, seed: 3);

        var scored = Scorer().Score(pages);

        Assert.Equal(pages, scored.Select(s => s.Metrics));
    }

    [Fact]
    public void Every_score_and_index_stays_between_0_and_100()
    {
        var scored = Scorer(minPeerGroupSize: 10).Score(RandomPages(2_000, seed: 11));

        Assert.All(scored, s =>
        {
            Assert.InRange(s.Index, 0, 100);
            Assert.All(s.Components.Values, v => Assert.InRange(v, 0, 100));
            Assert.All(s.IndexComponents, c => Assert.True(s.Components.ContainsKey(c)));
        });
    }

    [Fact]
    public void An_empty_set_scores_to_an_empty_list()
    {
        Assert.Empty(Scorer().Score([]));
    }

    [Fact]
    public void Invalid_options_are_rejected_when_the_scorer_is_created()
    {
        var options = new IndexOptions();
        options.Weights["engagment"] = 0.3;

        var error = Assert.Throws<ArgumentException>(() => new PageScorer(options));
        Assert.Contains("engagment", error.Message);
    }

    [Fact]
    public void Components_behave_as_a_read_only_dictionary_in_the_documented_order()
    {
        var page = PageWith("p", growth: 0.05); // no citizen comments: responsiveness absent

        var components = Scorer().Score([page]).Single().Components;

        Assert.Equal(5, components.Count);
        Assert.Equal([IndexComponents.Engagement, IndexComponents.Reach, IndexComponents.Activity, IndexComponents.Growth, IndexComponents.Compliance], components.Keys);
        Assert.Equal([50.0, 50, 100, 50, 100], components.Values);
        Assert.True(components.TryGetValue(IndexComponents.Growth, out var growth));
        Assert.Equal(50, growth);
        Assert.False(components.TryGetValue(IndexComponents.Responsiveness, out _));
        Assert.False(components.ContainsKey("Engagement")); // names are exact lower-case constants
        Assert.Throws<KeyNotFoundException>(() => components[IndexComponents.Responsiveness]);
    }

    [Fact]
    public void Components_serialise_to_a_json_object_of_the_present_components()
    {
        var scored = Scorer().Score([PageWith("p")]).Single();

        var json = JsonSerializer.Serialize(scored.Components);
        var roundTrip = JsonSerializer.Deserialize<Dictionary<string, double>>(json);

        Assert.Equal("""{"engagement":50,"reach":50,"activity":100,"compliance":100}""", json);
        Assert.Equal(scored.Components, roundTrip!);
    }

    [Fact]
    public void A_national_run_of_130000_pages_gets_one_score_per_page_in_input_order()
    {
        // Speed is measured by the benchmark (docs/benchmarks.md), never asserted in a test.
        var pages = RandomPages(130_000, seed: 1);
        var scored = Scorer(minPeerGroupSize: 10).Score(pages);

        Assert.Equal(130_000, scored.Count);
        Assert.Equal(pages.Select(p => p.Page.PageId), scored.Select(s => s.Metrics.Page.PageId));
        Assert.All(scored, s => Assert.InRange(s.Index, 0, 100));
    }
}
