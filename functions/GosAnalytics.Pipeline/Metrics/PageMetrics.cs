using GosAnalytics.Pipeline.Domain;

namespace GosAnalytics.Pipeline.Metrics;

/// <summary>
/// Metrics of one page over one period ending on the metric day. Formulas: docs/metrics.md.
/// Ratios are fractions; medians are over the page's posts in the period; null means "cannot be measured", never zero-by-default.
/// </summary>
public sealed record PageMetrics(
    PageInfo Page,
    Period Period,
    DateOnly MetricDay,
    int Posts,
    double PostsPerWeek,
    long Views,
    long Interactions,
    double? ErViewsMedian,
    double? ErSubscribersMedian,
    double? ReachRateMedian,
    double? ViralityMedian,
    double? DiscussionMedian,
    int CitizenComments,
    int AnsweredComments,
    double? AnsweredShare,
    double? MedianAnswerHours,
    double? SubscriberGrowth,
    int Broadcasts,
    long BroadcastViews,
    long BroadcastPeakViewers,
    double ProfileCompleteness);
