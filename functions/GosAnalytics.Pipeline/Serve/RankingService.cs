using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/rankings</c>.</summary>
public sealed record RankingResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    int? Region,
    string? RegionName,
    Platform? Platform,
    OrganisationKind? Kind,
    string Sort,
    IReadOnlyDictionary<string, double> Weights,
    [property: JsonFlatten] ListPage<RankingItem> Page);

/// <summary>A whole filtered ranking for an export: the run, the query, and the items, made as they are enumerated.</summary>
public sealed record RankingExport(RunStamp Run, RankingQuery Query, IEnumerable<RankingItem> Items);

/// <summary>One ranked page. <see cref="Rank"/> is its 1-based place in the filtered, sorted list.</summary>
public sealed record RankingItem(int Rank, [property: JsonFlatten] RankingEntry Entry, string RunId, DateOnly MetricDay)
{
    /// <summary>The page's public address (<see cref="PageUrls.Page"/>); null when it has none (a MAX channel known only by its chat id).</summary>
    public string? Url => PageUrls.Page(Entry.Platform, Entry.PageId, Entry.ScreenName);

    public static RankingItem Of(RankingEntry entry, int rank, RunStamp run) => new(rank, entry, run.RunId, run.MetricDay);
}

/// <summary>
/// Answers ranking queries from the latest ranking tables: the narrowest stored scope (the region's table, or the country's), walked in
/// the precomputed order of the sort key, keeping the entries that pass the filters; only the returned page of entries is materialised.
/// </summary>
public sealed class RankingService(RankingReader reader)
{
    /// <summary>Null when no run is served yet.</summary>
    public async Task<RankingResponse?> QueryAsync(RankingQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var table = await reader.GetRankingTableAsync(latest, query.Period, query.Region, cancellationToken);
        var page = table is null ? new ListPage<RankingItem>(0, query.Skip, query.Top, []) : Select(table, query, latest);
        return new RankingResponse(
            table?.Run ?? latest,
            ServedRuns.Of(served),
            query.Period,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform,
            query.Kind,
            query.Sort,
            table?.Weights ?? new Dictionary<string, double>(),
            page);
    }

    /// <summary>
    /// Every entry of the scope that passes the filters, from <see cref="RankingQuery.Skip"/> on, in the sort's order — what an export
    /// writes, whatever <see cref="RankingQuery.Top"/> says. The items are made one at a time as they are enumerated, so that writing the
    /// country's 200,000 pages holds one at a time. Null when no run is served yet.
    /// </summary>
    public async Task<RankingExport?> ExportAsync(RankingQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var table = await reader.GetRankingTableAsync(latest, query.Period, query.Region, cancellationToken);
        return new RankingExport(table?.Run ?? latest, query, table is null ? [] : SelectAll(table, query, latest));
    }

    private static IEnumerable<RankingItem> SelectAll(RankingTable table, RankingQuery query, RunStamp latest)
    {
        var order = query.Sort == RankingQuery.SortByIndex ? null : table.OrderOf(query.Sort);
        var matches = 0;
        for (var i = 0; i < table.Count; i++)
        {
            var position = order?[i] ?? i;
            if ((query.Platform is { } platform && table.Platforms[position] != platform) || (query.Kind is { } kind && table.Kinds[position] != kind))
            {
                continue;
            }

            if (++matches > query.Skip)
            {
                yield return RankingItem.Of(table.EntryAt(position), matches, latest);
            }
        }
    }

    /// <summary>The filtered entries' page in the sort's order. Without filters the walk stops at the page's end; with them it counts every match.</summary>
    internal static ListPage<RankingItem> Select(RankingTable table, RankingQuery query, RunStamp latest)
    {
        var order = query.Sort == RankingQuery.SortByIndex ? null : table.OrderOf(query.Sort);
        var filtered = query.Platform is not null || query.Kind is not null;
        var items = new List<RankingItem>(Math.Min(query.Top, table.Count));
        var matches = 0;
        for (var i = 0; i < table.Count; i++)
        {
            var position = order?[i] ?? i;
            if ((query.Platform is { } platform && table.Platforms[position] != platform) || (query.Kind is { } kind && table.Kinds[position] != kind))
            {
                continue;
            }

            matches++;
            if (matches > query.Skip && items.Count < query.Top)
            {
                items.Add(RankingItem.Of(table.EntryAt(position), matches, latest));
            }
            else if (!filtered && items.Count == query.Top)
            {
                break;
            }
        }

        return new ListPage<RankingItem>(filtered ? matches : table.Count, query.Skip, query.Top, items);
    }
}
