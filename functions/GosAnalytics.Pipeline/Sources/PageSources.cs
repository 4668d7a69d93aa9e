using GosAnalytics.Pipeline.Domain;

namespace GosAnalytics.Pipeline.Sources;

/// <summary>Picks the configured source for a platform. Every platform must have exactly one.</summary>
public sealed class PageSources(IEnumerable<IPageSource> sources)
{
    private readonly IReadOnlyList<IPageSource> all = sources.ToList();

    public IPageSource For(Platform platform) =>
        all.FirstOrDefault(source => source.Supports(platform))
        ?? throw new InvalidOperationException($"No page source is configured for platform '{platform.ToCode()}'.");

    /// <summary>The source that serves every platform, or the first one, for run records.</summary>
    public IPageSource Primary => all.Count > 0 ? all[0] : throw new InvalidOperationException("No page source is configured.");

    /// <summary>Sources that know their own pages (the demo region) and can fill the registry.</summary>
    public IEnumerable<IPageCatalogSource> Catalogs => all.OfType<IPageCatalogSource>();
}
