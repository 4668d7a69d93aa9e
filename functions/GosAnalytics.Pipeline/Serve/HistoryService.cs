using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The parameters of <c>GET /api/pages/{platform}/{pageId}/history</c>.</summary>
public sealed record PageHistoryQuery(Platform Platform, string PageId, Period Period, int Days);

/// <summary>The parameters of <c>GET /api/regions/{code}/history</c>.</summary>
public sealed record RegionHistoryQuery(int Code, Period Period, int Days);

/// <summary>How far history reaches: the ranking tables and region summaries are kept 400 days (docs/operations.md, "Retention").</summary>
public static class HistoryLimits
{
    public const int MaxDays = 400;
    public const int DefaultDays = 90;
}

/// <summary>The body of <c>GET /api/pages/{platform}/{pageId}/history</c>: the page's standing on every served day, oldest first.</summary>
public sealed record PageHistoryResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Platform Platform,
    string PageId,
    string Name,
    int RegionCode,
    string? RegionName,
    Period Period,
    int Days,
    IReadOnlyList<PageHistoryDay> Items);

/// <summary>
/// A page on one metric day, as the ranking table of its region in the run served for that day has it. Ranks are 1-based; a
/// component the page lacked that day is absent from <see cref="Components"/>.
/// </summary>
public sealed record PageHistoryDay(
    DateOnly MetricDay,
    string RunId,
    int Attempt,
    double Index,
    int NationalRank,
    int NationalTotal,
    int RegionRank,
    int RegionTotal,
    IReadOnlyDictionary<string, double> Components,
    PageHistoryMetrics Metrics);

/// <summary>The key metrics of a page on one day (the period ending that day); shares are fractions, null when not measurable.</summary>
public sealed record PageHistoryMetrics(
    int Posts,
    double PostsPerWeek,
    long Views,
    int CitizenComments,
    double? AnsweredShare,
    double? MedianAnswerHours,
    long Subscribers);

/// <summary>The body of <c>GET /api/regions/{code}/history</c>: the region's summary on every served day it had pages, oldest first.</summary>
public sealed record RegionHistoryResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    int RegionCode,
    string RegionName,
    Period Period,
    int Days,
    IReadOnlyList<RegionHistoryDay> Items);

/// <summary>One region on one metric day: its place among the regions by median index, and its summary's figures.</summary>
public sealed record RegionHistoryDay(
    DateOnly MetricDay,
    string RunId,
    int Attempt,
    int Rank,
    int RegionTotal,
    int Pages,
    int ActivePages,
    double MedianIndex,
    double MeanIndex,
    IReadOnlyDictionary<string, double> MedianComponents,
    double MedianPostsPerWeek,
    double? AnsweredShare,
    double GovernmentLabelShare);

/// <summary>The outcome of a history lookup: whether any run is served, and the history when the page or region is known.</summary>
public sealed record HistoryLookup<T>(bool RunServed, T? History)
    where T : class;

/// <summary>
/// Trends from the daily snapshots: for each day of the window the run served for it (<see cref="ServedDays"/>, one range query),
/// then that run's document — the page's region table, or the region summaries — read in parallel through the reader's caches. A
/// request costs one registry read, one index query and at most one document read per day: linear in days, independent of the country.
/// A page is looked up in the region the registry gives it now; days it was ranked in another region are not found.
/// </summary>
public sealed class HistoryService(RankingReader reader, ServedDays servedDays, PageRegistry registry)
{
    /// <summary>Documents read at once: enough to hide a storage round trip, few enough not to crowd the instance.</summary>
    private const int Parallelism = 16;

    public async Task<HistoryLookup<PageHistoryResponse>> GetPageAsync(PageHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return new(false, null);
        }

        var key = new PageKey(query.Platform, query.PageId);
        if (await registry.GetAsync(key, cancellationToken) is not { } registered)
        {
            return new(true, null);
        }

        var runs = await servedDays.RunsAsync(served, query.Days, cancellationToken);
        var days = await ReadAsync(runs, async (run, token) =>
        {
            if (await reader.GetRankingTableAsync(run, query.Period, registered.RegionCode, token) is not { } table
                || table.Run.Attempt != run.Attempt
                || table.PositionOf(key) is not (var position and >= 0))
            {
                return null;
            }

            var entry = table.EntryAt(position);
            var m = entry.Metrics;
            return new NamedDay(entry.Name, new PageHistoryDay(
                run.MetricDay,
                run.RunId,
                run.Attempt,
                entry.Index,
                table.NationalRanks[position],
                table.NationalTotal,
                position + 1,
                table.Count,
                entry.Components,
                new PageHistoryMetrics(m.Posts, m.PostsPerWeek, m.Views, m.CitizenComments, m.AnsweredShare, m.MedianAnswerHours, entry.Subscribers)));
        }, cancellationToken);

        return new(true, new PageHistoryResponse(
            latest,
            ServedRuns.Of(served),
            key.Platform,
            key.PageId,
            days.Count > 0 ? days[^1].Name : registered.ScreenName,
            registered.RegionCode,
            Regions.TryGet(registered.RegionCode, out var region) ? region.RussianName : null,
            query.Period,
            query.Days,
            [.. days.Select(d => d.Day)]));
    }

    public async Task<HistoryLookup<RegionHistoryResponse>> GetRegionAsync(RegionHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return new(false, null);
        }

        var runs = await servedDays.RunsAsync(served, query.Days, cancellationToken);
        var days = await ReadAsync(runs, async (run, token) =>
        {
            if (await reader.GetRegionSummariesAsync(run, query.Period, token) is not { } snapshot || snapshot.Run.Attempt != run.Attempt)
            {
                return null;
            }

            for (var i = 0; i < snapshot.Regions.Count; i++)
            {
                if (snapshot.Regions[i].Summary is { } s && s.RegionCode == query.Code)
                {
                    return new RegionHistoryDay(
                        run.MetricDay, run.RunId, run.Attempt, i + 1, snapshot.Regions.Count, s.Pages, s.ActivePages, s.MedianIndex, s.MeanIndex,
                        s.MedianComponents, s.MedianPostsPerWeek, s.AnsweredShare, s.GovernmentLabelShare);
                }
            }

            return null;
        }, cancellationToken);

        return new(true, days.Count == 0 ? null : new RegionHistoryResponse(
            latest, ServedRuns.Of(served), query.Code, Regions.Get(query.Code).RussianName, query.Period, query.Days, days));
    }

    /// <summary>A page's day and its name that day (the answer names the page as its newest day does).</summary>
    private sealed record NamedDay(string Name, PageHistoryDay Day);

    /// <summary>Reads every run's day with <paramref name="read"/>, <see cref="Parallelism"/> at a time; the days found, oldest first.</summary>
    private static async Task<IReadOnlyList<T>> ReadAsync<T>(IReadOnlyList<RunStamp> runs, Func<RunStamp, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        var found = new T?[runs.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) => found[i] = await read(runs[i], token));
        return [.. found.OfType<T>()];
    }
}
