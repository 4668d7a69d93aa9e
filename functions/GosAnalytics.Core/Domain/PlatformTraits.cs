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
    /// True when the API the collector reads shows whether a page carries the «Госорганизация» label, so that carrying it is a
    /// requirement we can check: VK only. Telegram has no government label (its verified icon is Telegram's own check, not the
    /// state's), MAX's Bot API shows none, and OK documents no such field (docs/collectors-ok.md). Their compliance is measured on the
    /// requirements that can be checked rather than capped by one nobody can see (docs/metrics.md §3.6).
    /// </summary>
    public static bool ShowsGovernmentLabel(this Platform platform) => platform == Platform.Vk;
}
