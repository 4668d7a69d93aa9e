using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Metrics;

/// <summary>
/// Per-post engagement ratios (docs/metrics.md §2). With I = likes + reposts + comments, V = views,
/// F = the page's subscribers ("followers"): ER by views = I ÷ V, ER by subscribers = I ÷ F,
/// reach rate = V ÷ F, virality = reposts ÷ V, discussion = comments ÷ V.
/// A ratio is null when its denominator is missing or not positive.
/// </summary>
public static class PostMetricsCalculator
{
    /// <summary>Computes the metrics of one post against the page's subscriber count.</summary>
    public static PostMetrics Compute(Post post, long subscribers)
    {
        ArgumentNullException.ThrowIfNull(post);

        var interactions = Interactions(post);
        return new PostMetrics(
            post.PostId,
            post.PublishedAt,
            post.IsRepost,
            post.Views,
            post.Likes,
            post.Reposts,
            post.Comments,
            interactions,
            ErViews: Ratio(interactions, post.Views),
            ErSubscribers: Ratio(interactions, subscribers),
            ReachRate: post.Views is { } views ? Ratio(views, subscribers) : null,
            Virality: Ratio(post.Reposts, post.Views),
            Discussion: Ratio(post.Comments, post.Views));
    }

    /// <summary>I = likes + reposts + comments; null when the platform reports no likes or no reposts (MAX), since a part of I is unknown.</summary>
    internal static long? Interactions(Post post) => post.Likes + post.Reposts + post.Comments;

    /// <summary>numerator ÷ denominator, or null when either is missing, or the denominator is zero or (invalid) negative.</summary>
    internal static double? Ratio(long? numerator, long? denominator) =>
        numerator is { } value && denominator is > 0 ? (double)value / denominator.Value : null;
}
