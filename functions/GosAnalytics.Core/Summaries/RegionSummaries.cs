using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Core.Summaries;

/// <summary>
/// One region's pages in one period, summarised (docs/metrics.md §8.1). Index-scale values (0–100) and posts per week are rounded to
/// 2 decimals like the index; shares are unrounded fractions.
/// </summary>
/// <param name="ActivePages">Pages with at least one post in the period.</param>
/// <param name="AnsweredShare">Pooled: Σ answered ÷ Σ citizens' comments over the region's pages; null when there were no comments.</param>
/// <param name="Broadcasts">Σ over the region's pages whose broadcasts were collected; null when no page's were.</param>
/// <param name="MedianComponents">Component → median score over the region's pages that have that component.</param>
public sealed record RegionSummary(
    int RegionCode,
    string RegionName,
    FederalDistrict? FederalDistrict,
    string? FederalDistrictName,
    int Pages,
    int ActivePages,
    double MedianIndex,
    double MeanIndex,
    double GovernmentLabelShare,
    double MedianPostsPerWeek,
    int Posts,
    long Views,
    int CitizenComments,
    int AnsweredComments,
    double? AnsweredShare,
    int? Broadcasts,
    long? BroadcastViews,
    IReadOnlyDictionary<string, double> MedianComponents);

/// <summary>A region's summary with its breakdowns by kind of organisation, by platform and by municipality.</summary>
/// <param name="ByMunicipality">Null in documents written before municipalities were registered; empty when no page of the region has one.</param>
public sealed record RegionSummaryEntry(
    RegionSummary Summary,
    IReadOnlyList<KindBreakdown> ByKind,
    IReadOnlyList<PlatformBreakdown> ByPlatform,
    IReadOnlyList<MunicipalityBreakdown>? ByMunicipality = null);

/// <summary>A region's pages of one kind of organisation.</summary>
public sealed record KindBreakdown(OrganisationKind Kind, string KindName, int Pages, int ActivePages, double MedianIndex);

/// <summary>A region's pages on one platform.</summary>
public sealed record PlatformBreakdown(Platform Platform, int Pages, int ActivePages, double MedianIndex);

/// <summary>A region's pages of one municipal district or city okrug, as the registry names it.</summary>
/// <param name="Municipality">Null for the pages registered without one: regional bodies (and pages whose municipality is not known).</param>
/// <param name="MedianComponents">Component → median score over the municipality's pages that have that component.</param>
public sealed record MunicipalityBreakdown(string? Municipality, int Pages, int ActivePages, double MedianIndex, IReadOnlyDictionary<string, double> MedianComponents);

/// <summary>Builds the regional summaries of one period from the scored pages.</summary>
public static class RegionSummaries
{
    /// <summary>One entry per region present, best median index first (ties by region code).</summary>
    public static IReadOnlyList<RegionSummaryEntry> Build(IReadOnlyList<ScoredPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return pages
            .GroupBy(p => p.Metrics.Page.RegionCode)
            .Select(region => Summarise(region.Key, region.ToList()))
            .OrderByDescending(r => r.Summary.MedianIndex)
            .ThenBy(r => r.Summary.RegionCode)
            .ToList();
    }

    internal static RegionSummaryEntry Summarise(int regionCode, IReadOnlyList<ScoredPage> pages)
    {
        var known = Regions.TryGet(regionCode, out var region);
        var metrics = pages.Select(p => p.Metrics).ToList();
        var citizenComments = metrics.Sum(m => m.CitizenComments);
        var answeredComments = metrics.Sum(m => m.AnsweredComments);
        var medianComponents = MedianComponents(pages);
        var summary = new RegionSummary(
            regionCode,
            known ? region!.RussianName : $"Регион {regionCode}",
            known ? region!.District : null,
            known ? region!.District.RussianName() : null,
            pages.Count,
            metrics.Count(m => m.Posts > 0),
            Round(Median.Of(pages.Select(p => p.Index)) ?? 0),
            Round(pages.Count == 0 ? 0 : pages.Average(p => p.Index)),
            LabelShare(metrics),
            Round(Median.Of(metrics.Select(m => m.PostsPerWeek)) ?? 0),
            metrics.Sum(m => m.Posts),
            metrics.Sum(m => m.Views),
            citizenComments,
            answeredComments,
            PooledShare(answeredComments, citizenComments),
            metrics.Any(m => m.Broadcasts is not null) ? metrics.Sum(m => m.Broadcasts ?? 0) : null,
            metrics.Any(m => m.BroadcastViews is not null) ? metrics.Sum(m => m.BroadcastViews ?? 0) : null,
            medianComponents);
        return new RegionSummaryEntry(
            summary,
            pages
                .GroupBy(p => p.Metrics.Page.Kind)
                .OrderBy(g => g.Key)
                .Select(g => new KindBreakdown(g.Key, g.Key.RussianName(), g.Count(), g.Count(p => p.Metrics.Posts > 0), Round(Median.Of(g.Select(p => p.Index)) ?? 0)))
                .ToList(),
            pages
                .GroupBy(p => p.Metrics.Page.Platform)
                .OrderBy(g => g.Key)
                .Select(g => new PlatformBreakdown(g.Key, g.Count(), g.Count(p => p.Metrics.Posts > 0), Round(Median.Of(g.Select(p => p.Index)) ?? 0)))
                .ToList(),
            ByMunicipality(pages));
    }

    /// <summary>
    /// The region's pages by municipality, by name (ordinal), the pages without one last; empty when no page has one (a registry that
    /// does not give municipalities has nothing to break down).
    /// </summary>
    internal static IReadOnlyList<MunicipalityBreakdown> ByMunicipality(IReadOnlyList<ScoredPage> pages)
    {
        if (!pages.Any(p => p.Metrics.Page.Municipality is not null))
        {
            return [];
        }

        return pages
            .GroupBy(p => p.Metrics.Page.Municipality)
            .OrderBy(g => g.Key is null ? 1 : 0)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var group = g.ToList();
                return new MunicipalityBreakdown(
                    g.Key, group.Count, group.Count(p => p.Metrics.Posts > 0), Round(Median.Of(group.Select(p => p.Index)) ?? 0), MedianComponents(group));
            })
            .ToList();
    }

    /// <summary>Component → median score over the pages that have that component, rounded like the index.</summary>
    private static Dictionary<string, double> MedianComponents(IReadOnlyList<ScoredPage> pages)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var component in IndexComponents.All)
        {
            if (Median.Of(pages.Where(p => p.Components.ContainsKey(component)).Select(p => p.Components[component])) is { } median)
            {
                medians[component] = Round(median);
            }
        }

        return medians;
    }

    /// <summary>
    /// Σ answered ÷ Σ comments — every comment weighs the same, so a page with 2 comments cannot swing the region as much as one with 2,000
    /// (a mean of the pages' shares would let it). Null when there are no comments.
    /// </summary>
    internal static double? PooledShare(long answered, long total) => total > 0 ? (double)answered / total : null;

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Pages with the label ÷ pages whose platform shows it: a MAX channel, whose label nobody can read, is in neither count.</summary>
    private static double LabelShare(IReadOnlyCollection<PageMetrics> metrics)
    {
        var labelled = 0;
        var readable = 0;
        foreach (var m in metrics)
        {
            if (m.Page.Platform.ShowsGovernmentLabel())
            {
                readable++;
                labelled += m.Page.HasGovernmentLabel ? 1 : 0;
            }
        }

        return readable == 0 ? 0 : (double)labelled / readable;
    }
}
