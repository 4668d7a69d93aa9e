using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/rankings</c>.</summary>
public sealed record RankingResponse(
    [property: JsonFlatten] RunStamp Run,
    Period Period,
    int? Region,
    string? RegionName,
    Platform? Platform,
    OrganisationKind? Kind,
    string Sort,
    IReadOnlyDictionary<string, double> Weights,
    [property: JsonFlatten] ListPage<RankingItem> Page);

/// <summary>One ranked page. <see cref="Rank"/> is its 1-based place in the filtered, sorted list.</summary>
public sealed record RankingItem(int Rank, [property: JsonFlatten] RankingEntry Entry, string RunId, DateOnly MetricDay)
{
    public static RankingItem Of(RankingEntry entry, int rank, RunStamp run) => new(rank, entry, run.RunId, run.MetricDay);
}

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
        return new RankingResponse(
            snapshot?.Run ?? latest,
            query.Period,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform,
            query.Kind,
            query.Sort,
            snapshot?.Weights ?? new Dictionary<string, double>(),
            ListPage<RankingItem>.Of(sorted, query.Skip, query.Top, (entry, rank) => RankingItem.Of(entry, rank, latest)));
    }
}
