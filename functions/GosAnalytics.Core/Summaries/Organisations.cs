using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Core.Summaries;

/// <summary>One ranked page of an organisation: which page it is and its index in the period.</summary>
public sealed record OrganisationPage(Platform Platform, string PageId, string Name, int RegionCode, long Subscribers, double Index);

/// <summary>
/// An organisation in one period: the registered pages that share its id and were ranked, and its combined index (docs/metrics.md §10).
/// Its name, region, kind and municipality are those of its main page (the one with the most subscribers), unless the registry names it.
/// </summary>
/// <param name="Pages">Its ranked pages in platform order (VK, OK, Telegram, MAX), then by page id.</param>
public sealed record OrganisationStanding(
    string OrganisationId,
    string Name,
    int RegionCode,
    OrganisationKind Kind,
    string? Municipality,
    double CombinedIndex,
    IReadOnlyList<OrganisationPage> Pages);

/// <summary>Builds the organisations of one period from its scored pages (docs/metrics.md §10).</summary>
public static class Organisations
{
    /// <summary>
    /// One standing per organisation id among <paramref name="pages"/> (pages without an id belong to none), best combined index first,
    /// ties by id (ordinal), so that ranks are deterministic.
    /// </summary>
    public static IReadOnlyList<OrganisationStanding> Build(IEnumerable<ScoredPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return pages
            .Where(p => p.Metrics.Page.OrganisationId is not null)
            .GroupBy(p => p.Metrics.Page.OrganisationId!, StringComparer.Ordinal)
            .Select(Standing)
            .OrderByDescending(o => o.CombinedIndex)
            .ThenBy(o => o.OrganisationId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The combined index: the plain mean of the indexes of the organisation's ranked pages, rounded like the index. Every official page
    /// is a channel the body must keep up, whatever its audience, and each index is already fair to the page's size (peer groups by
    /// audience band): weighting by subscribers would count size twice and let a neglected small channel hide behind a large page.
    /// </summary>
    public static double CombinedIndex(IEnumerable<double> indexes)
    {
        var list = indexes.ToList();
        return list.Count == 0 ? 0 : Math.Round(list.Average(), 2, MidpointRounding.AwayFromZero);
    }

    private static OrganisationStanding Standing(IGrouping<string, ScoredPage> group)
    {
        var pages = group
            .OrderBy(p => p.Metrics.Page.Platform)
            .ThenBy(p => p.Metrics.Page.PageId, StringComparer.Ordinal)
            .ToList();
        var main = pages
            .OrderByDescending(p => p.Metrics.Page.Subscribers)
            .ThenBy(p => p.Metrics.Page.Platform)
            .ThenBy(p => p.Metrics.Page.PageId, StringComparer.Ordinal)
            .First().Metrics.Page;
        var registeredName = main.OrganisationName ?? pages.Select(p => p.Metrics.Page.OrganisationName).FirstOrDefault(name => name is not null);
        return new OrganisationStanding(
            group.Key,
            registeredName ?? main.Title,
            main.RegionCode,
            main.Kind,
            main.Municipality,
            CombinedIndex(pages.Select(p => p.Index)),
            [.. pages.Select(p => new OrganisationPage(p.Metrics.Page.Platform, p.Metrics.Page.PageId, p.Metrics.Page.Title, p.Metrics.Page.RegionCode, p.Metrics.Page.Subscribers, p.Index))]);
    }
}
