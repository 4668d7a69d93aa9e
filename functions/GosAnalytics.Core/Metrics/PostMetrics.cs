namespace GosAnalytics.Core.Metrics;

/// <summary>Engagement metrics of one post. Formulas: docs/metrics.md. Ratios are fractions (0.05 = 5 %), null when a counter is not reported or the denominator is zero.</summary>
/// <param name="ContentScore">The content-quality model's score of the post; null when not scored.</param>
/// <param name="ContentModelVersion">The model version that gave <paramref name="ContentScore"/>.</param>
public sealed record PostMetrics(
    string PostId,
    DateTimeOffset PublishedAt,
    bool IsRepost,
    long? Views,
    long? Likes,
    long? Reposts,
    long Comments,
    long? Interactions,
    double? ErViews,
    double? ErSubscribers,
    double? ReachRate,
    double? Virality,
    double? Discussion,
    double? ContentScore = null,
    string? ContentModelVersion = null);
