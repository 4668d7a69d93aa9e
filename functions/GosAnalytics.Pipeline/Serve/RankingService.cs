using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/rankings</c>.</summary>
public sealed record RankingResponse(
    string RunId,
    DateOnly MetricDay,
    string Period,
    string Source,
    bool IsDemo,
    string? Notice,
    DateTimeOffset GeneratedAt,
    int? Region,
    string? RegionName,
    string? Platform,
    string? Kind,
    string Sort,
    int Total,
    int Skip,
    int Top,
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlyList<RankingItem> Items);

/// <summary>One ranked page. <see cref="Rank"/> is its 1-based place in the filtered, sorted list.</summary>
public sealed record RankingItem(
    int Rank,
    string Platform,
    string PageId,
    string Name,
    string ScreenName,
    int RegionCode,
    string Kind,
    long Subscribers,
    bool HasGovernmentLabel,
    double Index,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyList<string> IndexComponents,
    string PeerGroup,
    RankingMetrics Metrics,
    string RunId,
    DateOnly MetricDay);

/// <summary>Answers ranking queries from the latest snapshots: filter, sort by the index or a component, page.</summary>
public sealed class RankingService(RankingReader reader)
{
    /// <summary>Null when no run has completed yet.</summary>
    public async Task<RankingResponse?> QueryAsync(RankingQuery query, CancellationToken cancellationToken)
    {
        var latest = await reader.GetLatestAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        // The narrowest stored scope; other filters apply in memory.
        var snapshot = await reader.GetSnapshotAsync(latest, query.Period, query.Region, cancellationToken);
        IEnumerable<RankingEntry> entries = snapshot?.Items ?? [];
        if (query.Platform is { } platform)
        {
            entries = entries.Where(e => e.Platform == platform);
        }

        if (query.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        // Snapshots are stored in index order and filters keep it, so only a component sort needs sorting.
        var sorted = (query.Sort == RankingQuery.SortByIndex ? entries : RankingOrder.ByComponent(entries, query.Sort)).ToList();
        var items = sorted
            .Skip(query.Skip)
            .Take(query.Top)
            .Select((entry, i) => ToItem(entry, query.Skip + i + 1, latest))
            .ToList();
        return new RankingResponse(
            latest.RunId,
            latest.MetricDay,
            query.Period.ToCode(),
            latest.Source,
            latest.IsDemo,
            ResponseLabels.NoticeFor(latest),
            snapshot?.GeneratedAt ?? latest.CompletedAt,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform?.ToCode(),
            query.Kind?.ToCode(),
            query.Sort,
            sorted.Count,
            query.Skip,
            query.Top,
            snapshot?.Weights ?? new Dictionary<string, double>(),
            items);
    }

    internal static RankingItem ToItem(RankingEntry e, int rank, LatestRankings latest) => new(
        rank,
        e.Platform.ToCode(),
        e.PageId,
        e.Name,
        e.ScreenName,
        e.RegionCode,
        e.Kind.ToCode(),
        e.Subscribers,
        e.HasGovernmentLabel,
        e.Index,
        e.Components,
        e.IndexComponents,
        e.PeerGroup,
        e.Metrics,
        latest.RunId,
        latest.MetricDay);
}
