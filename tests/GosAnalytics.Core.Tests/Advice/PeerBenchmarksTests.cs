using GosAnalytics.Core.Advice;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using static GosAnalytics.Core.Tests.Scoring.ScoringTestData;

namespace GosAnalytics.Core.Tests.Advice;

public sealed class PeerBenchmarksTests
{
    [Fact]
    public void A_fallback_group_holds_every_page_its_pattern_matches_and_its_medians_are_over_them()
    {
        // Ten schools rank in their own group; three libraries fall back to vk|1k-10k|*, which holds all thirteen.
        var pages = Enumerable.Range(0, 10).Select(i => PageWith($"s{i}", posts: i))
            .Concat(Enumerable.Range(0, 3).Select(i => PageWith($"l{i}", kind: OrganisationKind.Culture, posts: 20 + i)))
            .ToList();
        var scored = Scorer(minPeerGroupSize: 10).Score(pages);

        var benchmarks = PeerBenchmarks.Build(scored).ToDictionary(b => b.PeerGroup);

        Assert.Equal(["vk|1k-10k|*", "vk|1k-10k|education"], benchmarks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(13, benchmarks["vk|1k-10k|*"].Pages);
        Assert.Equal(10, benchmarks["vk|1k-10k|education"].Pages);
        Assert.Equal(4.5, benchmarks["vk|1k-10k|education"].Metrics.PostsPerWeek); // posts 0–9
        Assert.Equal(6, benchmarks["vk|1k-10k|*"].Metrics.PostsPerWeek);
        Assert.Equal(Median.Of(scored.Where(s => s.Metrics.Page.Kind == OrganisationKind.Education).Select(s => s.Components["activity"])),
            benchmarks["vk|1k-10k|education"].Components["activity"]);
    }

    [Fact]
    public void The_best_quarter_is_the_groups_top_content_scores_and_requirements_are_shares_of_the_pages_they_apply_to()
    {
        var pages = Enumerable.Range(0, 8).Select(i => PageWith($"p{i}", contentQuality: i / 10.0) with
        {
            ContentTraits = new ContentTraits(0.30 - (i * 0.03), 20 + (i * 5), i / 8.0),
            Page = PageWith($"p{i}").Page with { HasGovernmentLabel = i % 2 == 0, HasSite = i < 2 },
        }).ToList();

        var benchmark = Assert.Single(PeerBenchmarks.Build(Scorer().Score(pages)));

        // The best quarter: p7 and p6.
        Assert.Equal(new ContentTraits(0.105, 52.5, 0.8125), benchmark.BestTraits);
        Assert.Equal(0.5, benchmark.Requirements["governmentLabel"]);
        Assert.Equal(0.25, benchmark.Requirements["site"]);
        Assert.False(benchmark.Requirements.ContainsKey("contacts")); // the test pages' platform view cannot tell
    }
}
