using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/regions</c>: every region of the latest run, best median index first (one page holds them all).</summary>
public sealed record RegionListResponse([property: JsonFlatten] RunStamp Run, [property: JsonFlatten] ServedRuns Runs, Period Period, [property: JsonFlatten] ListPage<RankedRegion> Page);

/// <summary>The body of <c>GET /api/regions/{code}</c>: one region's summary, breakdowns, best pages and weakest pages.</summary>
/// <param name="TopPages">The region's best pages by index, best first; rank is the place in the region.</param>
/// <param name="BottomPages">The region's weakest pages by index, weakest first; rank is the place in the region (the last place first).
/// A region with fewer than twice <see cref="RegionService.TopPagesCount"/> pages has pages in both lists.</param>
/// <param name="ByMunicipality">The region's pages by municipality (the pages without one last); empty when the registry gives none.</param>
public sealed record RegionDetailResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    int RegionTotal,
    RankedRegion Region,
    IReadOnlyList<KindBreakdown> ByKind,
    IReadOnlyList<PlatformBreakdown> ByPlatform,
    IReadOnlyList<RankingItem> TopPages,
    IReadOnlyList<RankingItem> BottomPages,
    IReadOnlyList<MunicipalityBreakdown> ByMunicipality);

/// <summary>
/// One region in one period. <see cref="Rank"/> is its place among the regions by median index. Index-scale values are 0–100;
/// shares are fractions; the answered share is pooled (Σ answered ÷ Σ citizens' comments), null without comments.
/// </summary>
public sealed record RankedRegion(int Rank, [property: JsonFlatten] RegionSummary Summary)
{
    /// <summary>Places the region moved up (positive) or down among the regions since the previous period's served run; null when it was not ranked then.</summary>
    public int? RankChange { get; init; }

    /// <summary>Median index now − then, in index points; null when the region was not ranked then.</summary>
    public double? IndexChange { get; init; }

    /// <summary>The region at <paramref name="position"/> of <paramref name="regions"/>, with its change against <paramref name="previous"/>.</summary>
    internal static RankedRegion Of(IReadOnlyList<RegionSummaryEntry> regions, int position, RegionSummarySnapshot? previous)
    {
        var summary = regions[position].Summary;
        var ranked = new RankedRegion(position + 1, summary);
        for (var then = 0; previous is not null && then < previous.Regions.Count; then++)
        {
            if (previous.Regions[then].Summary.RegionCode == summary.RegionCode)
            {
                return ranked with { RankChange = then - position, IndexChange = Changes.Points(summary.MedianIndex, previous.Regions[then].Summary.MedianIndex) };
            }
        }

        return ranked;
    }
}

/// <summary>The parameters of <c>GET /api/regions</c>.</summary>
public sealed record RegionListQuery(Period Period);

/// <summary>The parameters of <c>GET /api/regions/{code}</c>.</summary>
public sealed record RegionDetailQuery(int Code, Period Period);

/// <summary>The outcome of a region lookup: whether any run is served, and the region when it has pages in the served one.</summary>
public sealed record RegionLookup(bool RunCompleted, RegionDetailResponse? Detail);

/// <summary>
/// Answers the regional endpoints from the summaries and ranking snapshots aggregation wrote, with each region's and page's change
/// against the previous period's served run (its summaries and the region's table).
/// </summary>
public sealed class RegionService(RankingReader reader, ServedDays days)
{
    /// <summary>Pages listed in a region's detail, in each of its best and weakest lists.</summary>
    public const int TopPagesCount = 10;

    /// <summary>Null when no run is served yet.</summary>
    public async Task<RegionListResponse?> ListAsync(RegionListQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var snapshot = await reader.GetRegionSummariesAsync(latest, query.Period, cancellationToken);
        var previous = await PreviousSummariesAsync(served, query.Period, cancellationToken);
        var regions = snapshot?.Regions ?? [];
        return new RegionListResponse(
            snapshot?.Run ?? latest,
            ServedRuns.Of(served),
            query.Period,
            new ListPage<RankedRegion>(regions.Count, 0, regions.Count, [.. regions.Select((_, i) => RankedRegion.Of(regions, i, previous))]));
    }

    public async Task<RegionLookup> GetAsync(RegionDetailQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return new RegionLookup(false, null);
        }

        var summaries = await reader.GetRegionSummariesAsync(latest, query.Period, cancellationToken);
        var position = -1;
        for (var i = 0; summaries is not null && i < summaries.Regions.Count; i++)
        {
            if (summaries.Regions[i].Summary.RegionCode == query.Code)
            {
                position = i;
                break;
            }
        }

        if (summaries is null || position < 0)
        {
            return new RegionLookup(true, null);
        }

        var regions = summaries.Regions;

        var entry = regions[position];
        var ranking = await reader.GetRankingTableAsync(latest, query.Period, query.Code, cancellationToken);
        var count = ranking?.Count ?? 0;
        var previousRanking = await RankingService.PreviousTableAsync(reader, days, served, query.Period, query.Code, cancellationToken);
        var topPages = Enumerable.Range(0, Math.Min(TopPagesCount, count))
            .Select(i => RankingItem.Of(ranking!, i, i + 1, latest, previousRanking))
            .ToList();

        // The table is in index order, so the weakest pages are its last positions, read from the end.
        var bottomPages = Enumerable.Range(0, Math.Min(TopPagesCount, count))
            .Select(i => count - 1 - i)
            .Select(position => RankingItem.Of(ranking!, position, position + 1, latest, previousRanking))
            .ToList();
        return new RegionLookup(true, new RegionDetailResponse(
            summaries.Run,
            ServedRuns.Of(served),
            query.Period,
            regions.Count,
            RankedRegion.Of(regions, position, await PreviousSummariesAsync(served, query.Period, cancellationToken)),
            entry.ByKind,
            entry.ByPlatform,
            topPages,
            bottomPages,
            entry.ByMunicipality ?? []));
    }

    private async Task<RegionSummarySnapshot?> PreviousSummariesAsync(ServedPointer served, Period period, CancellationToken cancellationToken) =>
        await days.PreviousOfAsync(served, period, cancellationToken) is { } previous
            ? await reader.GetRegionSummariesAsync(previous, period, cancellationToken)
            : null;
}
