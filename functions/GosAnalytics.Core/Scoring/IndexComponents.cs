namespace GosAnalytics.Core.Scoring;

/// <summary>
/// Names of the quality-index components (docs/metrics.md §5), as used in rankings, weights and the API.
/// The list may grow: iterate <see cref="All"/>, never assume its length.
/// </summary>
public static class IndexComponents
{
    /// <summary>Peer percentile of the median ER by views.</summary>
    public const string Engagement = "engagement";

    /// <summary>Peer percentile of the median reach rate (views ÷ subscribers).</summary>
    public const string Reach = "reach";

    /// <summary>Posts per week against the posting norm.</summary>
    public const string Activity = "activity";

    /// <summary>Share of citizens' comments answered and the median time to answer.</summary>
    public const string Responsiveness = "responsiveness";

    /// <summary>Peer percentile of subscriber growth.</summary>
    public const string Growth = "growth";

    /// <summary>Profile requirements met: «Госорганизация» label, description, avatar.</summary>
    public const string Compliance = "compliance";

    /// <summary>Peer percentile of the median content-quality score of the period's posts (the ML.NET model, docs/model-card.md).</summary>
    public const string ContentQuality = "contentQuality";

    /// <summary>Every component, in the documented order (the order of <see cref="ScoredPage.IndexComponents"/>).</summary>
    public static IReadOnlyList<string> All { get; } = [Engagement, Reach, Activity, Responsiveness, Growth, Compliance, ContentQuality];
}
