namespace GosAnalytics.Core.Domain;

/// <summary>
/// What each platform's API lets a collector read, where platforms differ in a way the metrics must know: a number the platform
/// does not give is absent from the formulas (docs/metrics.md §8), never counted as zero.
/// </summary>
public static class PlatformTraits
{
    /// <summary>
    /// True when posts carry likes (or reactions) and reposts, so interactions and engagement can be measured. MAX's Bot API gives
    /// views only (<c>stat.views</c>): its pages have no engagement component.
    /// </summary>
    public static bool ReportsInteractions(this Platform platform) => platform != Platform.Max;

    /// <summary>
    /// True when the platform shows whether a page carries the «Госорганизация» label through the API the collector reads. MAX's
    /// Bot API has no such field, so a MAX page's compliance is measured on description and avatar alone rather than capped by a
    /// requirement nobody can see.
    /// </summary>
    public static bool ShowsGovernmentLabel(this Platform platform) => platform != Platform.Max;
}
