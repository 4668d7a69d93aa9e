using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Pipeline.Score;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Aggregate;

/// <summary>
/// Queue step <c>aggregate</c>: ranks every page of a run within fair peer groups and writes the snapshots HTTP reads, per period:
/// rankings (national and per region), regional summaries and top content (national and per region). Then it moves the "latest"
/// pointer forward and completes the run. Every name is deterministic, so a repeat overwrites with the same documents.
/// A repeated message finds the run completed and does nothing.
/// </summary>
public sealed class RunAggregator(
    RunStore runs,
    JsonBlobStore blobs,
    IOptions<IndexOptions> indexOptions,
    TimeProvider clock,
    ILogger<RunAggregator> logger)
{
    private const int ReadParallelism = 8;

    public async Task AggregateAsync(AggregateMessage message, CancellationToken cancellationToken)
    {
        var run = await runs.GetRunAsync(message.RunId, cancellationToken);
        if (run is null || run.Attempt != message.Attempt || run.Phase == RunPhase.Completed)
        {
            logger.LogInformation("Aggregate message for {RunId} attempt {Attempt} has nothing to do", message.RunId, message.Attempt);
            return;
        }

        var batches = await ReadScoredBatchesAsync(run, cancellationToken);
        var pages = batches.SelectMany(b => b.Pages).ToList();
        var scorer = new PageScorer(indexOptions.Value);
        var generatedAt = clock.GetUtcNow();
        var metricDay = DateOnly.Parse(run.MetricDay, System.Globalization.CultureInfo.InvariantCulture);
        var stamp = new RunStamp(run.RowKey, run.Attempt, metricDay, run.Source, run.IsDemo, generatedAt);
        var pageInfo = pages.GroupBy(m => m.Page.Key).ToDictionary(g => g.Key, g => g.First().Page);

        // A batch scored before top content existed deserialises without it.
        var content = batches.SelectMany(b => b.Content ?? []).ToList();
        foreach (var period in EnumCodes.All<Period>())
        {
            var scored = scorer.Score(pages.Where(p => p.Period == period).ToList());
            var ranked = RankingOrder.ByIndex(scored.Select(RankingEntry.From)).ToList();
            await WriteSnapshotAsync(stamp, period, null, ranked, cancellationToken);
            foreach (var region in ranked.GroupBy(e => e.RegionCode))
            {
                await WriteSnapshotAsync(stamp, period, region.Key, region.ToList(), cancellationToken);
            }

            var summaries = new RegionSummarySnapshot(stamp, period, RegionSummaries.Build(scored));
            await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.RegionSummariesBlob(run.RowKey, period), summaries, null, cancellationToken);
            await WriteContentAsync(stamp, period, content, pageInfo, summaries.Regions.Select(r => r.Summary.RegionCode), cancellationToken);
        }

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
        logger.LogInformation("Run {RunId} attempt {Attempt} completed: {Pages} pages ranked", run.RowKey, run.Attempt, pages.Count / EnumCodes.All<Period>().Count);
    }

    private async Task<IReadOnlyList<ScoredBatch>> ReadScoredBatchesAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var batches = new ScoredBatch?[run.BatchCount];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, run.BatchCount),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (index, ct) => batches[index] = await blobs.ReadAsync<ScoredBatch>(StorageNames.ScoredContainer, StorageNames.ScoredBatchBlob(run.RowKey, index), ct));
        var missing = Enumerable.Range(0, run.BatchCount).Where(i => batches[i] is null || batches[i]!.Attempt != run.Attempt).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Run {run.RowKey} attempt {run.Attempt}: scored batches missing or stale: {string.Join(", ", missing)}.");
        }

        return batches!;
    }

    private async Task WriteSnapshotAsync(RunStamp stamp, Period period, int? regionCode, IReadOnlyList<RankingEntry> items, CancellationToken cancellationToken)
    {
        var snapshot = new RankingSnapshot(stamp, period, regionCode, indexOptions.Value.Weights, items);
        await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.RankingBlob(stamp.RunId, period, regionCode), snapshot, null, cancellationToken);
    }

    /// <summary>
    /// Writes the period's top content: national (what can be served of it) and one file per region with pages, an empty one included,
    /// so that every name is overwritten on a rerun.
    /// </summary>
    private async Task WriteContentAsync(
        RunStamp stamp,
        Period period,
        IReadOnlyList<PageContent> content,
        IReadOnlyDictionary<PageKey, PageInfo> pageInfo,
        IEnumerable<int> regionCodes,
        CancellationToken cancellationToken)
    {
        var posts = new List<ContentPostEntry>();
        var broadcasts = new List<BroadcastEntry>();
        foreach (var page in content)
        {
            if (!pageInfo.TryGetValue(new PageKey(page.Platform, page.PageId), out var info))
            {
                continue;
            }

            var owner = ContentPage.Of(info);
            posts.AddRange(page.Posts.Where(p => p.Periods.Contains(period)).Select(p => new ContentPostEntry(owner, p.Post)));
            broadcasts.AddRange(page.Broadcasts.Where(b => b.Periods.Contains(period)).Select(b => new BroadcastEntry(owner, b.Broadcast)));
        }

        await WriteContentSnapshotAsync(null, posts, broadcasts);
        var postsByRegion = posts.ToLookup(p => p.Page.RegionCode);
        var broadcastsByRegion = broadcasts.ToLookup(b => b.Page.RegionCode);
        foreach (var code in regionCodes.Distinct().Order())
        {
            await WriteContentSnapshotAsync(code, postsByRegion[code].ToList(), broadcastsByRegion[code]);
        }

        Task WriteContentSnapshotAsync(int? regionCode, IReadOnlyList<ContentPostEntry> regionPosts, IEnumerable<BroadcastEntry> regionBroadcasts)
        {
            var snapshot = new ContentSnapshot(stamp, period, regionCode, TopContent.KeepServable(regionPosts), TopContent.Order(regionBroadcasts).ToList());
            return blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.ContentBlob(stamp.RunId, period, regionCode), snapshot, null, cancellationToken);
        }
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
