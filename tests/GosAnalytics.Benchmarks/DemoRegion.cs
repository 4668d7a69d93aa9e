using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Sources;
using GosAnalytics.Demo;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// The workload every benchmark starts from: the default demo region (Amur oblast, 1,188 pages) collected for one
/// metric day, exactly as a daily run plans it (pages grouped by platform, batches of 25).
/// </summary>
internal static class DemoRegion
{
    /// <summary>The metric day measured; any day works, the generator is a pure function of it.</summary>
    public static readonly DateOnly MetricDay = new(2026, 3, 10);

    public static string RunId => MetricDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public const int BatchSize = 25;

    /// <summary>The collect requests of one daily run: one per batch of ≤ 25 pages of one platform.</summary>
    public static IReadOnlyList<CollectRequest> PlanRequests(DemoPageSource source)
    {
        var asOf = MoscowTime.EndOfDay(MetricDay);
        return source.ListPages()
            .GroupBy(page => page.Platform)
            .OrderBy(group => group.Key)
            .SelectMany(group => group.Chunk(BatchSize))
            .Select(chunk => new CollectRequest(RunId, MetricDay, asOf, chunk[0].Platform, chunk))
            .ToArray();
    }

    /// <summary>Collects every batch, in plan order.</summary>
    public static IReadOnlyList<BatchCollection> CollectAll(DemoPageSource source, IReadOnlyList<CollectRequest> requests)
    {
        var batches = new BatchCollection[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            batches[i] = source.CollectAsync(requests[i], CancellationToken.None).GetAwaiter().GetResult();
        }

        return batches;
    }

    /// <summary>The raw snapshot the collector would write for batch <paramref name="batchIndex"/> (same fields as BatchCollector).</summary>
    public static RawSnapshot ToRawSnapshot(CollectRequest request, BatchCollection collection, int batchIndex) =>
        new(
            RawSnapshot.CurrentSchemaVersion,
            request.RunId,
            request.MetricDay,
            request.Platform,
            batchIndex,
            DemoPageSource.SourceName,
            IsDemo: true,
            CollectedAt: request.AsOf,
            request.WindowStart,
            collection.Pages,
            collection.Skipped);

    /// <summary>
    /// A stored subscriber history as earlier daily runs would have left it: one entry per day for the 30 days before the
    /// metric day, so growth is computed for every period (the realistic steady state, and the longer lookup).
    /// </summary>
    public static IReadOnlyDictionary<DateOnly, long> HistoryOf(PageInfo page)
    {
        var history = new Dictionary<DateOnly, long>(Periods.CollectionWindowDays);
        for (var back = 1; back <= Periods.CollectionWindowDays; back++)
        {
            // A slow, deterministic drift: about 0.1 % a day.
            history[MetricDay.AddDays(-back)] = Math.Max(0, page.Subscribers - (page.Subscribers * back / 1000));
        }

        return history;
    }

    /// <summary>Every page's metrics for <paramref name="period"/>, as the scorer of a daily run produces them.</summary>
    public static PageMetrics[] ComputePageMetrics(IEnumerable<PageSnapshot> snapshots, Period period) =>
        snapshots.Select(s => PageMetricsCalculator.Compute(s, period, MetricDay, HistoryOf(s.Page))).ToArray();
}
