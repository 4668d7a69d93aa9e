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
    /// <summary>
    /// Places the page moved up (positive) or down (negative) by index in the same scope (the country, or its region in a regional list)
    /// since the previous period's served run (metric day − 1, − 7 or − 30 days); null when the page was not ranked then.
    /// </summary>
    public int? RankChange { get; init; }

    /// <summary>Index now − index then, in index points (2 decimals); null when the page was not ranked then.</summary>
    public double? IndexChange { get; init; }

    /// <summary>The page's public address (<see cref="PageUrls.Page"/>); null when it has none (a MAX channel known only by its chat id).</summary>
    public string? Url => PageUrls.Page(Entry.Platform, Entry.PageId, Entry.ScreenName);

    public static RankingItem Of(RankingEntry entry, int rank, RunStamp run) => new(rank, entry, run.RunId, run.MetricDay);

    /// <summary>The entry at <paramref name="position"/> of <paramref name="table"/>, with its change against <paramref name="previous"/> (same scope).</summary>
    public static RankingItem Of(RankingTable table, int position, int rank, RunStamp run, RankingTable? previous)
    {
        ArgumentNullException.ThrowIfNull(table);
        var item = Of(table.EntryAt(position), rank, run);
        var then = previous?.PositionOf(new PageKey(table.Platforms[position], table.PageIds[position])) ?? -1;
        if (previous is null || then < 0)
        {
            return item;
        }

        return item with { RankChange = then - position, IndexChange = Changes.Points(table.Indexes[position], previous.Indexes[then]) };
    }
}

/// <summary>Changes against the previous period, as answers give them.</summary>
internal static class Changes
{
    /// <summary>The difference of two index-scale values, rounded to 2 decimals like the index.</summary>
    public static double Points(double now, double then) => Math.Round(now - then, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Answers ranking queries from the latest ranking tables: the narrowest stored scope (the region's table, or the country's), walked in
/// the precomputed order of the sort key, keeping the entries that pass the filters; only the returned page of entries is materialised.
/// Each item's change comes from the same scope's table of the previous period's served run: one more table, a position lookup per item.
/// </summary>
public sealed class RankingService(RankingReader reader, ServedDays days)
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
        var previous = await PreviousTableAsync(reader, days, served, query.Period, query.Region, cancellationToken);
        var page = table is null ? new ListPage<RankingItem>(0, query.Skip, query.Top, []) : Select(table, query, latest, previous);
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

    /// <summary>The table of <paramref name="regionCode"/> (null: the country) of the previous period's served run; null when none was served.</summary>
    internal static async Task<RankingTable?> PreviousTableAsync(RankingReader reader, ServedDays days, ServedPointer served, Period period, int? regionCode, CancellationToken cancellationToken) =>
        await days.PreviousOfAsync(served, period, cancellationToken) is { } previous
            ? await reader.GetRankingTableAsync(previous, period, regionCode, cancellationToken)
            : null;

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
        var previous = await PreviousTableAsync(reader, days, served, query.Period, query.Region, cancellationToken);
        return new RankingExport(table?.Run ?? latest, query, table is null ? [] : SelectAll(table, query, latest, previous));
    }

    private static IEnumerable<RankingItem> SelectAll(RankingTable table, RankingQuery query, RunStamp latest, RankingTable? previous)
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
                yield return RankingItem.Of(table, position, matches, latest, previous);
            }
        }
    }

    /// <summary>The filtered entries' page in the sort's order. Without filters the walk stops at the page's end; with them it counts every match.</summary>
    internal static ListPage<RankingItem> Select(RankingTable table, RankingQuery query, RunStamp latest, RankingTable? previous = null)
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
                items.Add(RankingItem.Of(table, position, matches, latest, previous));
            }
            else if (!filtered && items.Count == query.Top)
            {
                break;
            }
        }

        return new ListPage<RankingItem>(filtered ? matches : table.Count, query.Skip, query.Top, items);
    }
}
