using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Sources;

/// <summary>
/// Where page data comes from: a platform API client or the demo generator.
/// Every source answers with the same <see cref="BatchCollection"/>, which the collector writes as the raw snapshot.
/// </summary>
public interface IPageSource
{
    /// <summary>Short name written into snapshots, e.g. <c>demo</c> or <c>vk-api</c>.</summary>
    string Name { get; }

    /// <summary>True when the data is generated, not collected: everything served from it says so.</summary>
    bool IsDemo { get; }

    bool Supports(Platform platform);

    /// <summary>Collects one batch (≤ 25 pages of one platform). A page that cannot be collected is skipped with a reason, never thrown.</summary>
    Task<BatchCollection> CollectAsync(CollectRequest request, CancellationToken cancellationToken);
}

/// <param name="MetricDay">The Moscow day being measured; the window is the <see cref="Periods.CollectionWindowDays"/> days ending with it.</param>
/// <param name="AsOf">The moment the counters are read. For a daily run, the end of the metric day.</param>
public sealed record CollectRequest(
    string RunId,
    DateOnly MetricDay,
    DateTimeOffset AsOf,
    Platform Platform,
    IReadOnlyList<RegisteredPage> Pages)
{
    public DateTimeOffset WindowStart => MoscowTime.StartOfDay(MetricDay.AddDays(1 - Periods.CollectionWindowDays));
}

/// <param name="Notices">What the run report should tell analysts about this batch as a whole, e.g. that live broadcasts were not collected and why.</param>
public sealed record BatchCollection(IReadOnlyList<PageSnapshot> Pages, IReadOnlyList<SkippedPage> Skipped, IReadOnlyList<string>? Notices = null);

/// <summary>Provides the pages a source knows about, for registries seeded from a source (the demo region).</summary>
public interface IPageCatalogSource
{
    IReadOnlyList<RegisteredPage> ListPages();
}
