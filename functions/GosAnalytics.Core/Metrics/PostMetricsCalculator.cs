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

    /// <summary>I = likes + reposts + comments.</summary>
    internal static long Interactions(Post post) => post.Likes + post.Reposts + post.Comments;

    /// <summary>numerator ÷ denominator, or null when the denominator is missing, zero or (invalid) negative.</summary>
    internal static double? Ratio(long numerator, long? denominator) =>
        denominator is > 0 ? (double)numerator / denominator.Value : null;
}
