using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/regions</c>: every region of the latest run, best median index first.</summary>
public sealed record RegionListResponse(
    string RunId,
    DateOnly MetricDay,
    string Period,
    string Source,
    bool IsDemo,
    string? Notice,
    DateTimeOffset GeneratedAt,
    int Total,
    IReadOnlyList<RegionSummary> Items);

/// <summary>The body of <c>GET /api/regions/{code}</c>: the region's summary, its best pages and how its pages split by kind and platform.</summary>
public sealed record RegionDetailResponse(
    string RunId,
    DateOnly MetricDay,
    string Period,
    string Source,
    bool IsDemo,
    string? Notice,
    DateTimeOffset GeneratedAt,
    int RegionTotal,
    RegionSummary Region,
    IReadOnlyList<KindBreakdown> ByKind,
    IReadOnlyList<PlatformBreakdown> ByPlatform,
    IReadOnlyList<RankingItem> TopPages);

/// <summary>
/// One region in one period. <see cref="Rank"/> is its place among the regions by median index. Index-scale values are 0–100;
/// shares are fractions; <see cref="AnsweredShare"/> is pooled (Σ answered ÷ Σ citizens' comments), null without comments.
/// </summary>
public sealed record RegionSummary(
    int Rank,
    int RegionCode,
    string RegionName,
    string? FederalDistrict,
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
    int Broadcasts,
    long BroadcastViews,
    IReadOnlyDictionary<string, double> MedianComponents);

/// <summary>The parameters of <c>GET /api/regions</c>.</summary>
public sealed record RegionListQuery(Period Period);

/// <summary>The parameters of <c>GET /api/regions/{code}</c>.</summary>
public sealed record RegionDetailQuery(int Code, Period Period);

/// <summary>The outcome of a region lookup: whether any run has completed, and the region when it has pages in the latest one.</summary>
public sealed record RegionLookup(bool RunCompleted, RegionDetailResponse? Detail);

/// <summary>Answers the regional endpoints from the summaries and ranking snapshots aggregation wrote.</summary>
public sealed class RegionService(RankingReader reader)
{
    /// <summary>Pages listed in a region's detail.</summary>
    public const int TopPagesCount = 10;

    /// <summary>Null when no run has completed yet.</summary>
    public async Task<RegionListResponse?> ListAsync(RegionListQuery query, CancellationToken cancellationToken)
    {
        var latest = await reader.GetLatestAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var snapshot = await reader.GetRegionSummariesAsync(latest, query.Period, cancellationToken);
        var items = (snapshot?.Regions ?? []).Select((entry, i) => ToSummary(entry, i + 1)).ToList();
        return new RegionListResponse(
            latest.RunId,
            latest.MetricDay,
            query.Period.ToCode(),
            latest.Source,
            latest.IsDemo,
            ResponseLabels.NoticeFor(latest),
            snapshot?.GeneratedAt ?? latest.CompletedAt,
            items.Count,
            items);
    }

    public async Task<RegionLookup> GetAsync(RegionDetailQuery query, CancellationToken cancellationToken)
    {
        var latest = await reader.GetLatestAsync(cancellationToken);
        if (latest is null)
        {
            return new RegionLookup(false, null);
        }

        var summaries = await reader.GetRegionSummariesAsync(latest, query.Period, cancellationToken);
        var position = -1;
        for (var i = 0; summaries is not null && i < summaries.Regions.Count; i++)
        {
            if (summaries.Regions[i].RegionCode == query.Code)
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
        var ranking = await reader.GetSnapshotAsync(latest, query.Period, query.Code, cancellationToken);
        var topPages = RankingOrder.ByIndex(ranking?.Items ?? [])
            .Take(TopPagesCount)
            .Select((page, i) => RankingService.ToItem(page, i + 1, latest))
            .ToList();
        return new RegionLookup(true, new RegionDetailResponse(
            latest.RunId,
            latest.MetricDay,
            query.Period.ToCode(),
            latest.Source,
            latest.IsDemo,
            ResponseLabels.NoticeFor(latest),
            summaries.GeneratedAt,
            regions.Count,
            ToSummary(entry, position + 1),
            entry.ByKind,
            entry.ByPlatform,
            topPages));
    }

    private static RegionSummary ToSummary(RegionSummaryEntry e, int rank) => new(
        rank,
        e.RegionCode,
        e.RegionName,
        e.FederalDistrict,
        e.FederalDistrictName,
        e.Pages,
        e.ActivePages,
        e.MedianIndex,
        e.MeanIndex,
        e.GovernmentLabelShare,
        e.MedianPostsPerWeek,
        e.Posts,
        e.Views,
        e.CitizenComments,
        e.AnsweredComments,
        e.AnsweredShare,
        e.Broadcasts,
        e.BroadcastViews,
        e.MedianComponents);
}
