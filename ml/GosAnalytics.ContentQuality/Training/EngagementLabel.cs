using GosAnalytics.Core.Metrics;

namespace GosAnalytics.ContentQuality.Training;

/// <summary>
/// The label learnt from collected data: a post's engagement by views against the median of its own page,
/// <c>ln((ER + s) ÷ (median ER + s))</c>. Dividing by the page's own median takes the audience out: a small school page
/// and a governor's page are judged by what their content did for their own readers (docs/content-features.md).
/// </summary>
public static class EngagementLabel
{
    /// <summary>Posts with fewer views have an ER that is mostly chance (3 likes of 20 views is 15 %).</summary>
    public const long MinViews = 50;

    /// <summary>A page needs this many eligible posts for its median to mean "usual".</summary>
    public const int MinPostsPerPage = 5;

    /// <summary>Smoothing in both terms, so that a post without interactions has a finite label (ln(s ÷ (median + s))).</summary>
    public const double Smoothing = 0.002;

    /// <summary>
    /// Labels every eligible post: views reported and at least <see cref="MinViews"/>, likes and reposts reported (not on MAX), on a
    /// page with at least <see cref="MinPostsPerPage"/> such posts. Other posts get no label and stay out of training.
    /// </summary>
    /// <param name="outcomes">Posts of any number of pages, in any order.</param>
    /// <returns>The labelled posts, ordered by page and post id, so that training sees the same order every time.</returns>
    public static IReadOnlyList<LabeledPost> Label(IEnumerable<PostOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var labelled = new List<LabeledPost>();
        foreach (var page in outcomes.Where(o => o.Views >= MinViews && o.EngagementByViews is not null).GroupBy(o => o.PageKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var posts = page.OrderBy(o => o.PostId, StringComparer.Ordinal).ToList();
            if (posts.Count < MinPostsPerPage)
            {
                continue;
            }

            // Not null: the page has at least MinPostsPerPage posts here.
            var median = Median.Of(posts.Select(p => p.EngagementByViews!.Value))!.Value;
            labelled.AddRange(posts.Select(p => new LabeledPost(p.PageKey, p.PostId, p.Content, (float)Math.Log((p.EngagementByViews!.Value + Smoothing) / (median + Smoothing)))));
        }

        return labelled;
    }
}
