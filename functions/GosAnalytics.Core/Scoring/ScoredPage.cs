using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Core.Scoring;

/// <summary>A page's component scores (0–100) and composite quality index for one period.</summary>
/// <param name="PeerGroup">The peer group its peer-normalised components were ranked in, e.g. <c>vk|1k-10k|education</c>.</param>
/// <param name="Components">Component name → score 0–100; a component that cannot be measured for the page is absent.</param>
/// <param name="IndexComponents">The components the index was made of, in the documented order.</param>
public sealed record ScoredPage(
    PageMetrics Metrics,
    string PeerGroup,
    IReadOnlyDictionary<string, double> Components,
    double Index,
    IReadOnlyList<string> IndexComponents);
