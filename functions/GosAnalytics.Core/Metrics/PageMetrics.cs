using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Metrics;

/// <summary>
/// Metrics of one page over one period ending on the metric day. Formulas: docs/metrics.md.
/// Ratios are fractions; medians are over the page's posts in the period; null means "cannot be measured", never zero-by-default.
/// </summary>
/// <param name="ContentQualityMedian">
/// Median content-quality score of the period's posts (the model's prediction of log(ER ÷ the page's usual ER), so 0 is
/// ordinary content and +0.3 content that should do a third better); null without posts or without scoring.
/// </param>
/// <param name="ContentModelVersion">The content-quality model that gave the scores.</param>
/// <param name="Broadcasts">Live broadcasts held in the period; null when the page's broadcasts were not collected.</param>
/// <param name="Notices">What the collector could not fully read for the page (<see cref="PageNotice"/>); null when nothing.</param>
/// <param name="ContentTraits">Medians of the content features that explain the content score, for the advice; null without posts or scoring.</param>
public sealed record PageMetrics(
    PageInfo Page,
    Period Period,
    DateOnly MetricDay,
    int Posts,
    double PostsPerWeek,
    long Views,
    long? Interactions,
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
    int? Broadcasts,
    long? BroadcastViews,
    long? BroadcastPeakViewers,
    double ProfileCompleteness,
    double? ContentQualityMedian = null,
    string? ContentModelVersion = null,
    IReadOnlyList<PageNotice>? Notices = null,
    ContentTraits? ContentTraits = null);

/// <summary>
/// The content-quality scores of a page's posts, in post order, and the model that gave them; <paramref name="Traits"/>, in post
/// order too, are the content features the advice explains a score with (null when not extracted).
/// </summary>
public sealed record ContentScores(IReadOnlyList<float> Scores, string ModelVersion, IReadOnlyList<PostTraits>? Traits = null);

/// <summary>
/// A post's content features that explain its content score in words an admin can act on (docs/content-features.md): its share of
/// officialese words and its Russian reading ease; <paramref name="HasText"/> is false for a post with no words (both are then 0 and
/// say nothing).
/// </summary>
public readonly record struct PostTraits(float BureaucraticShare, float Readability, bool HasText);

/// <summary>
/// Medians of a page's content over a period, for the advice (docs/metrics.md §11): the officialese share and reading ease over its
/// posts with text, and the share of its posts with a photo or a video. Null where no post qualifies.
/// </summary>
public sealed record ContentTraits(double? BureaucraticShare, double? Readability, double? MediaShare);
