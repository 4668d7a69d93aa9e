using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Core.Tests.Scoring;

/// <summary>Builds <see cref="PageMetrics"/> directly, so scoring tests state exactly the values they rank.</summary>
internal static class ScoringTestData
{
    public static PageMetrics PageWith(
        string pageId,
        Platform platform = Platform.Vk,
        long subscribers = 5_000,
        OrganisationKind kind = OrganisationKind.Education,
        int posts = 7,
        double? postsPerWeek = null,
        double? erViews = 0.05,
        double? reachRate = 0.3,
        int citizenComments = 0,
        double? answeredShare = null,
        double? medianAnswerHours = null,
        double? growth = null,
        double profileCompleteness = 1.0,
        double? contentQuality = null)
    {
        var page = new PageInfo(platform, pageId, "page" + pageId, "Страница " + pageId, 28, kind, true, subscribers, true, true);
        return new PageMetrics(
            page,
            Period.Week,
            new DateOnly(2026, 3, 10),
            posts,
            postsPerWeek ?? posts, // a week: posts × 7 / 7
            Views: posts * 100,
            Interactions: posts * 5,
            erViews,
            ErSubscribersMedian: null,
            reachRate,
            ViralityMedian: null,
            DiscussionMedian: null,
            citizenComments,
            AnsweredComments: (int)Math.Round(citizenComments * (answeredShare ?? 0)),
            answeredShare,
            medianAnswerHours,
            growth,
            Broadcasts: 0,
            BroadcastViews: 0,
            BroadcastPeakViewers: 0,
            profileCompleteness,
            contentQuality,
            contentQuality is null ? null : "cq-test");
    }

    /// <summary>A page with no comments and no growth, so only engagement, reach, activity and compliance are present.</summary>
    public static PageMetrics WithEr(string pageId, double erViews, OrganisationKind kind = OrganisationKind.Education, long subscribers = 5_000, Platform platform = Platform.Vk) =>
        PageWith(pageId, platform, subscribers, kind, erViews: erViews);

    public static PageScorer Scorer(int minPeerGroupSize = 1, Action<IndexOptions>? configure = null)
    {
        var options = new IndexOptions { MinPeerGroupSize = minPeerGroupSize };
        configure?.Invoke(options);
        return new PageScorer(options);
    }

    public static ScoredPage Find(this IReadOnlyList<ScoredPage> scored, string pageId) =>
        scored.Single(s => s.Metrics.Page.PageId == pageId);

    /// <summary>Many pages across platforms, bands and kinds, with some missing values, from a fixed seed.</summary>
    public static List<PageMetrics> RandomPages(int count, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<OrganisationKind>();
        var platforms = Enum.GetValues<Platform>();
        var pages = new List<PageMetrics>(count);
        for (var i = 0; i < count; i++)
        {
            var posts = random.Next(0, 15);
            var comments = random.Next(0, 4) == 0 ? random.Next(1, 30) : 0;
            pages.Add(PageWith(
                pageId: i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                platform: platforms[random.Next(platforms.Length)],
                subscribers: (long)Math.Pow(10, random.NextDouble() * 6),
                kind: kinds[random.Next(kinds.Length)],
                posts: posts,
                // Rounded to 3 decimals so that ties occur.
                erViews: posts == 0 || random.Next(10) == 0 ? null : Math.Round(random.NextDouble() * 0.1, 3),
                reachRate: posts == 0 ? null : Math.Round(random.NextDouble(), 3),
                citizenComments: comments,
                answeredShare: comments == 0 ? null : Math.Round(random.NextDouble(), 2),
                medianAnswerHours: comments == 0 ? null : random.NextDouble() * 48,
                growth: random.Next(5) == 0 ? null : Math.Round((random.NextDouble() - 0.3) * 0.1, 4),
                profileCompleteness: random.Next(4) / 3.0));
        }

        return pages;
    }
}
