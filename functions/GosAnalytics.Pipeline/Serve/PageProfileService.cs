using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/pages/{platform}/{pageId}</c>.</summary>
public sealed record PageProfile(
    Platform Platform,
    string PageId,
    string Name,
    string ScreenName,
    int RegionCode,
    string? RegionName,
    OrganisationKind Kind,
    long Subscribers,
    bool HasGovernmentLabel,
    [property: JsonFlatten] RunStamp Run,
    Period Period,
    PageStanding? Current,
    IReadOnlyList<PageHistoryPoint> History);

/// <summary>Where the page stands in the latest run: its index, components, metrics and places nationally and in its region.</summary>
public sealed record PageStanding(
    double Index,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyList<string> IndexComponents,
    string PeerGroup,
    int NationalRank,
    int NationalTotal,
    int RegionRank,
    int RegionTotal,
    RankingMetrics Metrics);

public sealed record PageHistoryPoint(
    DateOnly MetricDay,
    long Subscribers,
    int Posts,
    double PostsPerWeek,
    long Views,
    double? ErViews,
    double? ReachRate,
    double? AnsweredShare,
    double? MedianAnswerHours,
    double? SubscriberGrowth);

public sealed record PageProfileQuery(Platform Platform, string PageId, Period Period, int Days)
{
    public const int MaxDays = 365;
}

/// <summary>Builds a page's profile from the latest rankings (current standing) and the metrics history table.</summary>
public sealed class PageProfileService(RankingReader reader, MetricsStore metrics)
{
    /// <summary>Null when the page is not in the latest run.</summary>
    public async Task<PageProfile?> GetAsync(PageProfileQuery query, CancellationToken cancellationToken)
    {
        var latest = await reader.GetLatestAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var national = await reader.GetSnapshotAsync(latest, query.Period, null, cancellationToken);
        var items = national?.Items ?? [];
        var position = FindIndex(items, query.Platform, query.PageId);
        if (position < 0)
        {
            return null;
        }

        var entry = items[position];
        var regional = items.Where(e => e.RegionCode == entry.RegionCode).ToList();
        var regionPosition = FindIndex(regional, query.Platform, query.PageId);
        var standing = new PageStanding(
            entry.Index, entry.Components, entry.IndexComponents, entry.PeerGroup, position + 1, items.Count, regionPosition + 1, regional.Count, entry.Metrics);
        var rows = await metrics.GetPageHistoryAsync(new PageKey(query.Platform, query.PageId), query.Period, latest.MetricDay, query.Days, cancellationToken);
        return new PageProfile(
            entry.Platform,
            entry.PageId,
            entry.Name,
            entry.ScreenName,
            entry.RegionCode,
            Regions.TryGet(entry.RegionCode, out var region) ? region.RussianName : null,
            entry.Kind,
            entry.Subscribers,
            entry.HasGovernmentLabel,
            national!.Run,
            query.Period,
            standing,
            rows.Select(ToPoint).ToList());
    }

    private static int FindIndex(IReadOnlyList<RankingEntry> items, Platform platform, string pageId)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Platform == platform && string.Equals(items[i].PageId, pageId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static PageHistoryPoint ToPoint(PageMetricsEntity row) => new(
        DateOnly.ParseExact(row.MetricDay, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.Subscribers,
        row.Posts,
        row.PostsPerWeek,
        row.Views,
        row.ErViewsMedian,
        row.ReachRateMedian,
        row.AnsweredShare,
        row.MedianAnswerHours,
        row.SubscriberGrowth);
}
