using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Aggregate;

/// <summary>
/// Queue step <c>aggregate</c>: ranks every page of a run within fair peer groups and writes what HTTP serves, per period: ranking
/// tables (national and per region), regional summaries and top content (national and per region). Then it moves the "latest"
/// pointer forward and completes the run. Every name is deterministic, so a repeat overwrites with the same documents; a repeated
/// message finds the run completed and does nothing.
/// </summary>
/// <remarks>
/// Memory stays bounded at national scale: the ranking pass reads only the batches' metrics (a few hundred bytes a page and period)
/// and ranks one period at a time; the content pass reads the posts region by region and keeps of each region only what the
/// country's lists can serve (<see cref="ServablePosts"/>).
/// </remarks>
public sealed class RunAggregator(
    RunStore runs,
    JsonBlobStore blobs,
    PackedBlobStore tables,
    IOptions<IndexOptions> indexOptions,
    TimeProvider clock,
    ILogger<RunAggregator> logger)
{
    private const int ReadParallelism = 8;

    public Task AggregateAsync(AggregateMessage message, CancellationToken cancellationToken) =>
        PipelineStages.RunAsync(PipelineStages.Aggregate, StageContext.Of(message), logger, _ => AggregateRunAsync(message, cancellationToken));

    private async Task AggregateRunAsync(AggregateMessage message, CancellationToken cancellationToken)
    {
        var run = await runs.GetRunAsync(message.RunId, cancellationToken);
        if (run is null || run.Attempt != message.Attempt || run.Phase == RunPhase.Completed)
        {
            logger.LogInformation("Aggregate message for {RunId} attempt {Attempt} has nothing to do", message.RunId, message.Attempt);
            return;
        }

        var generatedAt = clock.GetUtcNow();
        var metricDay = DateOnly.Parse(run.MetricDay, System.Globalization.CultureInfo.InvariantCulture);
        var stamp = new RunStamp(run.RowKey, run.Attempt, metricDay, run.Source, run.IsDemo, generatedAt);
        var metrics = await ReadMetricsAsync(run, cancellationToken);
        foreach (var period in EnumCodes.All<Period>())
        {
            await RankPeriodAsync(stamp, period, metrics, cancellationToken);
        }

        await WriteContentAsync(stamp, metrics, cancellationToken);
        await MoveLatestPointerAsync(stamp, cancellationToken);
        await runs.UpdateRunAsync(run.RowKey, r =>
        {
            if (r.Attempt != message.Attempt || r.Phase == RunPhase.Completed)
            {
                return false;
            }

            r.Phase = RunPhase.Completed;
            r.CompletedAt = generatedAt;
            r.AggregationCount += 1;
            return true;
        }, cancellationToken);
        logger.LogInformation("Run {RunId} attempt {Attempt} completed: {Pages} pages ranked", run.RowKey, run.Attempt, metrics.Pages.Count);
    }

    /// <summary>The metrics of every page of the run, per period, and where each page and region is.</summary>
    private sealed record RunMetrics(
        IReadOnlyList<PageMetrics>[] ByPeriod,
        IReadOnlyDictionary<PageKey, int> BatchOf,
        IReadOnlyDictionary<PageKey, ContentPage> Pages,
        IReadOnlyList<(int Region, int[] Batches)> Regions);

    /// <summary>Reads every batch's metrics document (never its posts), in parallel, keeping one copy of each page's identity.</summary>
    private async Task<RunMetrics> ReadMetricsAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var periods = EnumCodes.All<Period>();
        var perBatch = new PageMetrics[run.BatchCount][];
        var regionOf = new int[run.BatchCount];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, run.BatchCount),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var batch = await blobs.ReadAsync<ScoredBatch>(StorageNames.ScoredContainer, StorageNames.ScoredBatchBlob(run.RowKey, index), ct);
                if (batch is null || batch.Attempt != run.Attempt)
                {
                    throw new InvalidOperationException($"Run {run.RowKey} attempt {run.Attempt}: scored batch {index} is missing or stale.");
                }

                // The document repeats a page's identity in every period; share one instance, a national run holds 100,000+.
                var shared = new Dictionary<PageKey, PageInfo>();
                perBatch[index] = [.. batch.Pages.Select(m => shared.TryGetValue(m.Page.Key, out var page) ? m with { Page = page } : Keep(shared, m))];
                regionOf[index] = batch.RegionCode;
            });

        var byPeriod = periods.Select(_ => new List<PageMetrics>()).ToArray();
        var batchOf = new Dictionary<PageKey, int>();
        var pages = new Dictionary<PageKey, ContentPage>();
        for (var index = 0; index < perBatch.Length; index++)
        {
            foreach (var m in perBatch[index])
            {
                byPeriod[(int)m.Period].Add(m);
                if (batchOf.TryAdd(m.Page.Key, index))
                {
                    pages[m.Page.Key] = ContentPage.Of(m.Page);
                }
            }

            perBatch[index] = [];
        }

        var regions = Enumerable.Range(0, run.BatchCount).GroupBy(index => regionOf[index]).OrderBy(g => g.Key).Select(g => (g.Key, g.ToArray())).ToList();
        return new RunMetrics([.. byPeriod], batchOf, pages, regions);

        static PageMetrics Keep(Dictionary<PageKey, PageInfo> shared, PageMetrics m)
        {
            shared[m.Page.Key] = m.Page;
            return m;
        }
    }

    /// <summary>Ranks one period: the national table, one table per region (with each page's national rank) and the regional summaries.</summary>
    private async Task RankPeriodAsync(RunStamp stamp, Period period, RunMetrics metrics, CancellationToken cancellationToken)
    {
        var weights = indexOptions.Value.Weights;
        var scored = new PageScorer(indexOptions.Value).Score(metrics.ByPeriod[(int)period]);
        var ranked = RankingOrder.ByIndex(scored.Select(RankingEntry.From)).ToList();
        var total = ranked.Count;
        var batchOf = ranked.Select(e => metrics.BatchOf[new PageKey(e.Platform, e.PageId)]).ToArray();
        var national = RankingTable.Build(stamp, period, null, weights, ranked, [.. Enumerable.Range(1, total)], total, batchOf);
        await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.RankingBlob(stamp.RunId, period, null), national, cancellationToken);

        var byRegion = Enumerable.Range(0, total).GroupBy(position => ranked[position].RegionCode);
        await Parallel.ForEachAsync(
            byRegion,
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (region, ct) =>
            {
                var positions = region.ToArray();
                var table = RankingTable.Build(
                    stamp,
                    period,
                    region.Key,
                    weights,
                    [.. positions.Select(p => ranked[p])],
                    [.. positions.Select(p => p + 1)],
                    total,
                    [.. positions.Select(p => batchOf[p])]);
                await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.RankingBlob(stamp.RunId, period, region.Key), table, ct);
            });

        var summaries = new RegionSummarySnapshot(stamp, period, RegionSummaries.Build(scored));
        await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.RegionSummariesBlob(stamp.RunId, period), summaries, null, cancellationToken);
    }

    /// <summary>
    /// Top content, region by region: reads a region's content documents, writes its tables (one per period, an empty one included,
    /// so that every name is overwritten on a rerun) and folds what the country's lists can serve into them; then writes the country's.
    /// </summary>
    private async Task WriteContentAsync(RunStamp stamp, RunMetrics metrics, CancellationToken cancellationToken)
    {
        var periods = EnumCodes.All<Period>();
        var nationalPosts = periods.Select(_ => new ServablePosts()).ToArray();
        var nationalBroadcasts = periods.Select(_ => new List<BroadcastEntry>()).ToArray();
        foreach (var (region, batches) in metrics.Regions)
        {
            // Each document is reduced to its top-content candidates as soon as it is read, and those to what the region's lists can
            // serve: a region's posts are never all in memory at once.
            var posts = periods.Select(_ => new ServablePosts()).ToArray();
            var broadcasts = periods.Select(_ => new List<BroadcastEntry>()).ToArray();
            var sync = new Lock();
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
                async (batch, ct) =>
                {
                    var document = await blobs.ReadAsync<ScoredContent>(StorageNames.ScoredContainer, StorageNames.ScoredContentBlob(stamp.RunId, batch), ct)
                        ?? throw new InvalidOperationException($"Run {stamp.RunId}: scored content of batch {batch} is missing.");
                    var (batchPosts, batchBroadcasts) = Candidates(document, metrics.Pages);
                    lock (sync)
                    {
                        foreach (var period in periods)
                        {
                            posts[(int)period].Add(batchPosts[(int)period]);
                            broadcasts[(int)period].AddRange(batchBroadcasts[(int)period]);
                        }
                    }
                });

            foreach (var period in periods)
            {
                var kept = posts[(int)period].Kept();
                nationalPosts[(int)period].Add(kept);
                nationalBroadcasts[(int)period].AddRange(broadcasts[(int)period]);
                var table = ContentTable.Build(stamp, period, region, kept, [.. TopContent.Order(broadcasts[(int)period])]);
                await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.ContentBlob(stamp.RunId, period, region), table, cancellationToken);
            }
        }

        foreach (var period in periods)
        {
            var table = ContentTable.Build(stamp, period, null, nationalPosts[(int)period].Kept(), [.. TopContent.Order(nationalBroadcasts[(int)period])]);
            await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.ContentBlob(stamp.RunId, period, null), table, cancellationToken);
        }
    }

    /// <summary>A batch's top-content candidates and broadcasts, per period, each with its page as the ranking knows it.</summary>
    private static (List<ContentPostEntry>[] Posts, List<BroadcastEntry>[] Broadcasts) Candidates(ScoredContent document, IReadOnlyDictionary<PageKey, ContentPage> pages)
    {
        var periods = EnumCodes.All<Period>();
        var posts = periods.Select(_ => new List<ContentPostEntry>()).ToArray();
        var broadcasts = periods.Select(_ => new List<BroadcastEntry>()).ToArray();
        foreach (var page in document.Pages)
        {
            if (!pages.TryGetValue(new PageKey(page.Platform, page.PageId), out var owner))
            {
                continue;
            }

            foreach (var candidate in page.Posts.Where(p => p.Periods.Count > 0))
            {
                var entry = new ContentPostEntry(owner, candidate.Post);
                foreach (var period in candidate.Periods)
                {
                    posts[(int)period].Add(entry);
                }
            }

            foreach (var broadcast in page.Broadcasts)
            {
                var entry = new BroadcastEntry(owner, broadcast.Broadcast);
                foreach (var period in broadcast.Periods)
                {
                    broadcasts[(int)period].Add(entry);
                }
            }
        }

        return (posts, broadcasts);
    }

    /// <summary>The pointer only moves forward in metric days (a rerun of an old day does not hide today's rankings).</summary>
    private async Task MoveLatestPointerAsync(RunStamp latest, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await blobs.ReadWithETagAsync<RunStamp>(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, cancellationToken);
            if (current is { } existing && existing.Document.MetricDay > latest.MetricDay)
            {
                return;
            }

            if (await blobs.TryReplaceAsync(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, latest, current?.ETag, cancellationToken))
            {
                return;
            }
        }
    }
}
