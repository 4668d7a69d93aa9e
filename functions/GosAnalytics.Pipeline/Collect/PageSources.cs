using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;

namespace GosAnalytics.Pipeline.Collect;

/// <summary>Picks the configured source for a platform. Every platform must have exactly one.</summary>
public sealed class PageSources(IEnumerable<IPageSource> sources)
{
    private readonly IReadOnlyList<IPageSource> all = sources.ToList();

    public IPageSource For(Platform platform) =>
        all.FirstOrDefault(source => source.Supports(platform))
        ?? throw new InvalidOperationException($"No page source is configured for platform '{platform.ToCode()}'.");

    /// <summary>The name run records carry: the one source's name, or the platform sources' names joined, e.g. <c>vk-api+ok-api+telegram-web</c>.</summary>
    public string RunSourceName => all.Count > 0 ? string.Join("+", all.Select(source => source.Name)) : throw new InvalidOperationException("No page source is configured.");

    /// <summary>True when any source generates its data: everything served from the run then says so.</summary>
    public bool IsDemo => all.Any(source => source.IsDemo);

    /// <summary>Sources that know their own pages (the demo region) and can fill the registry.</summary>
    public IEnumerable<IPageCatalogSource> Catalogs => all.OfType<IPageCatalogSource>();
}
