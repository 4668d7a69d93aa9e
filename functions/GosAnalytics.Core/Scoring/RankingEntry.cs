using System.Text.Json.Serialization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Core.Scoring;

/// <summary>One page in a ranking: identity, grouping, the index, its components, the metrics behind them and what its collection missed.</summary>
/// <param name="Notices">What the collector could not fully read for the page (empty when nothing).</param>
/// <param name="Municipality">The page's municipal district or city okrug as registered; null for regional bodies and unknown.</param>
/// <param name="OrganisationId">The registered organisation linking the page to its organisation's other pages; null when unlinked.</param>
/// <param name="Profile">The profile requirements that apply to the page and those it meets (for the work lists and the advice; not in answers).</param>
/// <param name="ContentTraits">The content features behind its content score (for the advice; not in answers).</param>
public sealed record RankingEntry(
    Platform Platform,
    string PageId,
    string Name,
    string ScreenName,
    int RegionCode,
    OrganisationKind Kind,
    long Subscribers,
    bool HasGovernmentLabel,
    string PeerGroup,
    double Index,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyList<string> IndexComponents,
    RankingMetrics Metrics,
    IReadOnlyList<PageNotice>? Notices = null,
    string? Municipality = null,
    string? OrganisationId = null,
    [property: JsonIgnore] ProfileChecks? Profile = null,
    [property: JsonIgnore] ContentTraits? ContentTraits = null)
{
    /// <summary>The ranking entry of a scored page.</summary>
    public static RankingEntry From(ScoredPage scored)
    {
        var m = scored.Metrics;
        var page = m.Page;
        return new RankingEntry(
            page.Platform,
            page.PageId,
            page.Title,
            page.ScreenName,
            page.RegionCode,
            page.Kind,
            page.Subscribers,
            page.HasGovernmentLabel,
            scored.PeerGroup,
            scored.Index,
            scored.Components,
            scored.IndexComponents,
            new RankingMetrics(
                m.Posts,
                m.PostsPerWeek,
                m.Views,
                m.ErViewsMedian,
                m.ErSubscribersMedian,
                m.ReachRateMedian,
                m.ViralityMedian,
                m.DiscussionMedian,
                m.CitizenComments,
                m.AnsweredShare,
                m.MedianAnswerHours,
                m.SubscriberGrowth,
                m.Broadcasts,
                m.BroadcastViews,
                m.ContentQualityMedian is { } content ? Math.Round(content, 4) : null),
            m.Notices ?? [],
            page.Municipality,
            page.OrganisationId,
            ProfileChecks.Of(page),
            m.ContentTraits);
    }
}

/// <summary>The measured values behind the components (fractions, not percent). Broadcasts are null when they were not collected.</summary>
public sealed record RankingMetrics(
    int Posts,
    double PostsPerWeek,
    long Views,
    double? ErViews,
    double? ErSubscribers,
    double? ReachRate,
    double? Virality,
    double? Discussion,
    int CitizenComments,
    double? AnsweredShare,
    double? MedianAnswerHours,
    double? SubscriberGrowth,
    int? Broadcasts,
    long? BroadcastViews,
    double? ContentQuality = null);

/// <summary>The one ordering of rankings: best index first, ties in a stable identity order so that ranks are deterministic.</summary>
public static class RankingOrder
{
    public static IOrderedEnumerable<RankingEntry> ByIndex(IEnumerable<RankingEntry> entries) =>
        entries.OrderByDescending(e => e.Index).ThenBy(e => e.Platform).ThenBy(e => e.PageId, StringComparer.Ordinal);

    /// <summary>Best value of <paramref name="component"/> first; pages without it last; ties by index, then identity.</summary>
    public static IOrderedEnumerable<RankingEntry> ByComponent(IEnumerable<RankingEntry> entries, string component) =>
        entries
            .OrderBy(e => e.Components.ContainsKey(component) ? 0 : 1)
            .ThenByDescending(e => e.Components.TryGetValue(component, out var value) ? value : 0)
            .ThenByDescending(e => e.Index)
            .ThenBy(e => e.Platform)
            .ThenBy(e => e.PageId, StringComparer.Ordinal);
}
