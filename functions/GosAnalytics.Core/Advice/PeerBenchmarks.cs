using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Core.Advice;

/// <summary>
/// What a peer group's pages typically show in one period: the medians a page's advice compares it with (docs/metrics.md §11).
/// </summary>
/// <param name="PeerGroup">The group's name, as ranking items carry it (<c>vk|1k-10k|education</c>, or a fallback <c>vk|1k-10k|*</c>).</param>
/// <param name="Pages">Pages in the group: every scored page its pattern matches (§4.2).</param>
/// <param name="Components">Per component, the median score over the group's pages that have it.</param>
/// <param name="Traits">Medians of the pages' content traits.</param>
/// <param name="BestTraits">The same over the group's best quarter by median content score: what «у лучших» compares with.</param>
/// <param name="Requirements">Per profile requirement (its code), the share of the group's pages meeting it, among those where it applies.</param>
public sealed record PeerBenchmark(
    string PeerGroup,
    int Pages,
    IReadOnlyDictionary<string, double> Components,
    PeerMetricMedians Metrics,
    ContentTraits? Traits,
    ContentTraits? BestTraits,
    IReadOnlyDictionary<string, double> Requirements);

/// <summary>Medians of the key metrics over a peer group's pages that have each one (fractions, posts a week, hours).</summary>
public sealed record PeerMetricMedians(
    double PostsPerWeek,
    double? ErViews,
    double? ReachRate,
    double? AnsweredShare,
    double? MedianAnswerHours,
    double? SubscriberGrowth,
    double? ContentQuality);

/// <summary>
/// Computes every used peer group's <see cref="PeerBenchmark"/> from one period's scored pages, at aggregation: a page belongs to its
/// own group and to the two fallback patterns above it, so each group's members are gathered in one pass.
/// </summary>
public static class PeerBenchmarks
{
    /// <summary>The benchmarks of the groups the pages were ranked in, ordered by name.</summary>
    public static IReadOnlyList<PeerBenchmark> Build(IReadOnlyList<ScoredPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var used = pages.Select(p => p.PeerGroup).ToHashSet(StringComparer.Ordinal);
        var members = used.ToDictionary(name => name, _ => new List<ScoredPage>(), StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var info = page.Metrics.Page;
            var band = AudienceBands.Of(info.Subscribers);
            foreach (var name in new[] { PeerGroups.Name(info.Platform, band, info.Kind), PeerGroups.Name(info.Platform, band, null), PeerGroups.Name(info.Platform, null, null) })
            {
                members.GetValueOrDefault(name)?.Add(page);
            }
        }

        return [.. members.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => Of(pair.Key, pair.Value))];
    }

    private static PeerBenchmark Of(string name, List<ScoredPage> group)
    {
        var components = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var component in IndexComponents.All)
        {
            if (Median.Of(group.Where(p => p.Components.ContainsKey(component)).Select(p => p.Components[component])) is { } median)
            {
                components[component] = Round(median, 2);
            }
        }

        var metrics = group.Select(p => p.Metrics).ToList();
        var medians = new PeerMetricMedians(
            Round(Median.Of(metrics.Select(m => m.PostsPerWeek)) ?? 0, 2),
            MedianOf(metrics, m => m.ErViewsMedian),
            MedianOf(metrics, m => m.ReachRateMedian),
            MedianOf(metrics, m => m.AnsweredShare),
            MedianOf(metrics, m => m.MedianAnswerHours),
            MedianOf(metrics, m => m.SubscriberGrowth),
            MedianOf(metrics, m => m.ContentQualityMedian));

        // The best quarter by the content model's median score: what good content looks like in this group.
        var scored = metrics.Where(m => m.ContentQualityMedian is not null).OrderByDescending(m => m.ContentQualityMedian).ToList();
        var best = scored.Take((scored.Count + 3) / 4).ToList();

        var requirements = new Dictionary<string, double>(StringComparer.Ordinal);
        var checks = metrics.Select(m => ProfileChecks.Of(m.Page)).ToList();
        foreach (var requirement in EnumCodes.All<ProfileRequirement>())
        {
            var applying = checks.Select(c => c.Meets(requirement)).OfType<bool>().ToList();
            if (applying.Count > 0)
            {
                requirements[requirement.ToCode()] = Round((double)applying.Count(met => met) / applying.Count, 4);
            }
        }

        return new PeerBenchmark(name, group.Count, components, medians, TraitsOf(metrics), TraitsOf(best), requirements);
    }

    private static ContentTraits? TraitsOf(IReadOnlyList<PageMetrics> metrics)
    {
        var traits = metrics.Select(m => m.ContentTraits).OfType<ContentTraits>().ToList();
        return traits.Count == 0 ? null : new ContentTraits(
            Median.Of(traits.Where(t => t.BureaucraticShare is not null).Select(t => t.BureaucraticShare!.Value)) is { } b ? Round(b, 4) : null,
            Median.Of(traits.Where(t => t.Readability is not null).Select(t => t.Readability!.Value)) is { } r ? Round(r, 2) : null,
            Median.Of(traits.Where(t => t.MediaShare is not null).Select(t => t.MediaShare!.Value)) is { } m ? Round(m, 4) : null);
    }

    private static double? MedianOf(IEnumerable<PageMetrics> metrics, Func<PageMetrics, double?> value) =>
        Median.Of(metrics.Select(value).OfType<double>()) is { } median ? Round(median, 4) : null;

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
