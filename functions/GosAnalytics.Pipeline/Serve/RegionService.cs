using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/regions</c>: every region of the latest run, best median index first (one page holds them all).</summary>
public sealed record RegionListResponse([property: JsonFlatten] RunStamp Run, [property: JsonFlatten] ServedRuns Runs, Period Period, [property: JsonFlatten] ListPage<RankedRegion> Page);

/// <summary>The body of <c>GET /api/regions/{code}</c>: one region's summary, breakdowns and best pages.</summary>
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
    IReadOnlyList<MunicipalityBreakdown> ByMunicipality);

/// <summary>
/// One region in one period. <see cref="Rank"/> is its place among the regions by median index. Index-scale values are 0–100;
/// shares are fractions; the answered share is pooled (Σ answered ÷ Σ citizens' comments), null without comments.
/// </summary>
public sealed record RankedRegion(int Rank, [property: JsonFlatten] RegionSummary Summary);

/// <summary>The parameters of <c>GET /api/regions</c>.</summary>
public sealed record RegionListQuery(Period Period);

/// <summary>The parameters of <c>GET /api/regions/{code}</c>.</summary>
public sealed record RegionDetailQuery(int Code, Period Period);

/// <summary>The outcome of a region lookup: whether any run is served, and the region when it has pages in the served one.</summary>
public sealed record RegionLookup(bool RunCompleted, RegionDetailResponse? Detail);

/// <summary>Answers the regional endpoints from the summaries and ranking snapshots aggregation wrote.</summary>
public sealed class RegionService(RankingReader reader)
{
    /// <summary>Pages listed in a region's detail.</summary>
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
        var regions = snapshot?.Regions ?? [];
        return new RegionListResponse(
            snapshot?.Run ?? latest,
            ServedRuns.Of(served),
            query.Period,
            ListPage<RankedRegion>.Of(regions, 0, regions.Count, (entry, rank) => new RankedRegion(rank, entry.Summary)));
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
        var topPages = Enumerable.Range(0, Math.Min(TopPagesCount, ranking?.Count ?? 0))
            .Select(i => RankingItem.Of(ranking!.EntryAt(i), i + 1, latest))
            .ToList();
        return new RegionLookup(true, new RegionDetailResponse(
            summaries.Run,
            ServedRuns.Of(served),
            query.Period,
            regions.Count,
            new RankedRegion(position + 1, entry.Summary),
            entry.ByKind,
            entry.ByPlatform,
            topPages,
            entry.ByMunicipality ?? []));
    }
}
