namespace GosAnalytics.ContentQuality.Training;

/// <summary>A collected post with the counters it reached: the raw material of a training label.</summary>
/// <param name="PageKey">The page the post belongs to, e.g. <c>vk_123456</c>; labels compare a post with its own page.</param>
/// <param name="PostId">The platform's post id.</param>
/// <param name="Content">What the model sees of the post.</param>
/// <param name="Views">Views, or null when the platform does not report them.</param>
/// <param name="Likes">Likes (or the sum of reactions); null where the platform does not report them (MAX).</param>
/// <param name="Reposts">Reposts; null where the platform does not report them (MAX).</param>
/// <param name="Comments">Comments.</param>
public sealed record PostOutcome(string PageKey, string PostId, PostContent Content, long? Views, long? Likes, long? Reposts, long Comments)
{
    /// <summary>
    /// Engagement by views: (likes + reposts + comments) ÷ views, as in docs/metrics.md; null without views or without likes and
    /// reposts, so such posts (MAX) teach the model nothing rather than a false low engagement.
    /// </summary>
    public double? EngagementByViews => Views is > 0 && Likes is { } likes && Reposts is { } reposts ? (double)(likes + reposts + Comments) / Views.Value : null;
}

/// <summary>A post with its label: learnt from counters (<see cref="EngagementLabel"/>) or given by experts.</summary>
/// <param name="PageKey">The post's page; the held-out split is by page.</param>
/// <param name="PostId">The platform's post id.</param>
/// <param name="Content">What the model sees of the post.</param>
/// <param name="Label">
/// For engagement labels ln((ER + s) ÷ (page median ER + s)): 0 is the page's usual, +0.69 twice it, −0.69 half of it.
/// For expert labels, the experts' mark.
/// </param>
public sealed record LabeledPost(string PageKey, string PostId, PostContent Content, float Label);
