using GosAnalytics.Core.Advice;
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
/// Queue step <c>aggregate</c>: decides how the run ended (<see cref="RunOutcomes"/>) from the batches that have data — a failed batch
/// has none — and, when the run is to be served, ranks every page within fair peer groups and writes what HTTP serves, per period:
/// ranking tables (national and per region), regional summaries, organisations (national and per region), top content (national and per region) and the pages not collected.
/// Then it ends the run (<see cref="RunFinisher"/>): a served run moves the served pointer forward; one that is not is named on it as
/// a newer run, and the last good day stays served. Every name is deterministic, so a repeat overwrites with the same documents; a
/// repeated message finds the run finished and does nothing.
/// </summary>
/// <remarks>
/// Memory stays bounded at national scale: the ranking pass reads only the batches' metrics (a few hundred bytes a page and period)
/// and ranks one period at a time; the content pass reads the posts region by region and keeps of each region only what the
/// country's lists can serve (<see cref="ServablePosts"/>).
/// </remarks>
public sealed class RunAggregator(
    RunStore runs,
    RunProgressStore progress,
    RunFinisher finisher,
    JsonBlobStore blobs,
    PackedBlobStore tables,
    IOptions<IndexOptions> indexOptions,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<RunAggregator> logger)
{
    private const int ReadParallelism = 8;

    public Task AggregateAsync(AggregateMessage message, CancellationToken cancellationToken) =>
        PipelineStages.RunAsync(PipelineStages.Aggregate, StageContext.Of(message), logger, _ => AggregateRunAsync(message, cancellationToken));

    private async Task AggregateRunAsync(AggregateMessage message, CancellationToken cancellationToken)
    {
        var run = await runs.GetRunAsync(message.RunId, cancellationToken);
        if (run is null || run.Attempt != message.Attempt || run.Phase.IsFinished())
        {
            logger.LogInformation("Aggregate message for {RunId} attempt {Attempt} has nothing to do", message.RunId, message.Attempt);
            return;
        }

        var generatedAt = clock.GetUtcNow();
        var metricDay = DateOnly.Parse(run.MetricDay, System.Globalization.CultureInfo.InvariantCulture);
        var stamp = new RunStamp(run.RowKey, run.Attempt, metricDay, run.Source, run.IsDemo, generatedAt);
        var metrics = await ReadMetricsAsync(run, cancellationToken);
        var done = await progress.ReadAsync(run.RowKey, run.Attempt, cancellationToken);
        var failed = await NameMissingBatchesAsync(run, metrics.Missing, done.FailedBatches ?? [], cancellationToken);
        var outcome = RunOutcomes.Decide(
            run,
            new RunTally(run.PageCount, metrics.Pages.Count, metrics.Skipped, run.BatchCount, failed, metrics.Missing.Count, done.Notices),
            options.Value.MinServedCoverage,
            generatedAt);
        if (outcome.Served)
        {
            foreach (var period in EnumCodes.All<Period>())
            {
                await RankPeriodAsync(stamp, period, metrics, cancellationToken);
                // A period's metrics are not needed once it is ranked: the next periods and the content pass run without them.
                metrics.ByPeriod[(int)period] = [];
            }

            await WriteContentAsync(stamp, metrics, cancellationToken);
            await WriteNotCollectedAsync(run, stamp, metrics, failed, cancellationToken);
        }

        await finisher.FinishAsync(run, outcome, stamp, aggregated: true, cancellationToken);
    }

    /// <summary>
    /// The failed batches named in the run's progress that have no data, and every batch without data that none named (its scored
    /// document is missing), recorded now so that the run report names it too.
    /// </summary>
    private async Task<IReadOnlyList<FailedBatch>> NameMissingBatchesAsync(RunEntity run, IReadOnlyList<int> missing, IReadOnlyList<FailedBatch> named, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return [];
        }

        var unnamed = missing.Except(named.Select(f => f.BatchIndex)).Select(index => new FailedBatch(index, FailedStep.Score, "Its scored document is missing.")).ToList();
        var recorded = (await progress.RecordFailedAsync(run.RowKey, run.Attempt, unnamed, cancellationToken)).ToHashSet();
        var isMissing = missing.ToHashSet();
        return [.. named.Where(f => isMissing.Contains(f.BatchIndex)).Concat(unnamed.Where(f => recorded.Contains(f.BatchIndex))).OrderBy(f => f.BatchIndex)];
    }

    /// <summary>
    /// The pages of the run that are not in its rankings, with why: those the collectors skipped and those of failed batches (read from
    /// their batch rows). A page profile says why a page is missing from it.
    /// </summary>
    private async Task WriteNotCollectedAsync(RunEntity run, RunStamp stamp, RunMetrics metrics, IReadOnlyList<FailedBatch> failed, CancellationToken cancellationToken)
    {
        var reasons = failed.ToDictionary(f => f.BatchIndex, f => f.Reason);
        var pages = new List<SkippedPage>[metrics.Missing.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, metrics.Missing.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var index = metrics.Missing[i];
                var batch = await runs.GetBatchAsync(run.RowKey, index, ct);
                var reason = $"Batch {index} of the run has no data: {reasons.GetValueOrDefault(index, "it failed")}";
                pages[i] = batch is null ? [] : [.. batch.ReadPages().Select(page => new SkippedPage(page.Platform, page.PageId, reason))];
            });
        var document = new NotCollectedPages(stamp, [.. metrics.Skipped.Concat(pages.SelectMany(p => p)).OrderBy(p => p.Platform).ThenBy(p => p.PageId, StringComparer.Ordinal)]);
        await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.NotCollectedBlob(stamp.RunId), document, null, cancellationToken);
    }

    /// <summary>
    /// The metrics of every page of the run, per period, where each page and region is, the batches without data (failed: no scored
    /// document of this attempt) and the pages the collectors skipped.
    /// </summary>
    private sealed record RunMetrics(
        IReadOnlyList<PageMetrics>[] ByPeriod,
        IReadOnlyDictionary<PageKey, int> BatchOf,
        IReadOnlyDictionary<PageKey, ContentPage> Pages,
        IReadOnlyList<(int Region, int[] Batches)> Regions,
        IReadOnlyList<int> Missing,
        IReadOnlyList<SkippedPage> Skipped);

    /// <summary>
    /// Reads every batch's metrics document (never its posts), in parallel, keeping one copy of each page's identity. A batch without
    /// a document of this attempt failed: it is left out, not waited for.
    /// </summary>
    private async Task<RunMetrics> ReadMetricsAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var periods = EnumCodes.All<Period>();
        var perBatch = new PageMetrics[run.BatchCount][];
        var skipped = new IReadOnlyList<SkippedPage>[run.BatchCount];
        var regionOf = new int[run.BatchCount];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, run.BatchCount),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var batch = await blobs.ReadAsync<ScoredBatch>(StorageNames.ScoredContainer, StorageNames.ScoredBatchBlob(run.RowKey, index), ct);
                if (batch is null || batch.Attempt != run.Attempt)
                {
                    regionOf[index] = -1;
                    return;
                }

                skipped[index] = batch.Skipped;
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
            foreach (var m in perBatch[index] ?? [])
            {
                byPeriod[(int)m.Period].Add(m);
                if (batchOf.TryAdd(m.Page.Key, index))
                {
                    pages[m.Page.Key] = ContentPage.Of(m.Page);
                }
            }

            perBatch[index] = [];
        }

        var present = Enumerable.Range(0, run.BatchCount).Where(index => regionOf[index] >= 0).ToList();
        var regions = present.GroupBy(index => regionOf[index]).OrderBy(g => g.Key).Select(g => (g.Key, g.ToArray())).ToList();
        var missing = Enumerable.Range(0, run.BatchCount).Where(index => regionOf[index] < 0).ToList();
        return new RunMetrics([.. byPeriod], batchOf, pages, regions, missing, [.. present.SelectMany(index => skipped[index])]);

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
        await WriteOrganisationsAsync(stamp, period, Organisations.Build(scored), [.. byRegion.Select(region => region.Key)], cancellationToken);
        var benchmarks = new PeerBenchmarkSnapshot(stamp, period, PeerBenchmarks.Build(scored));
        await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.PeerBenchmarksBlob(stamp.RunId, period), benchmarks, null, cancellationToken);
    }

    /// <summary>
    /// The period's organisations: the country's table (every organisation, its national and regional rank) and one per region with
    /// ranked pages (an empty one included, so that every name is overwritten on a rerun).
    /// </summary>
    private async Task WriteOrganisationsAsync(RunStamp stamp, Period period, IReadOnlyList<OrganisationStanding> organisations, IReadOnlyList<int> regions, CancellationToken cancellationToken)
    {
        var nationalRanks = Enumerable.Range(1, organisations.Count).ToArray();
        var regionRanks = new int[organisations.Count];
        var regionTotals = new Dictionary<int, int>();
        for (var i = 0; i < organisations.Count; i++)
        {
            var code = organisations[i].RegionCode;
            regionRanks[i] = regionTotals[code] = regionTotals.GetValueOrDefault(code) + 1;
        }

        var national = OrganisationTable.Build(stamp, period, null, organisations, nationalRanks, regionRanks, organisations.Count, regionTotals);
        await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.OrganisationsBlob(stamp.RunId, period, null), national, cancellationToken);

        var byRegion = Enumerable.Range(0, organisations.Count).ToLookup(i => organisations[i].RegionCode);
        await Parallel.ForEachAsync(
            regions.Union(regionTotals.Keys),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (code, ct) =>
            {
                var positions = byRegion[code].ToArray();
                var table = OrganisationTable.Build(
                    stamp,
                    period,
                    code,
                    [.. positions.Select(i => organisations[i])],
                    [.. positions.Select(i => nationalRanks[i])],
                    [.. positions.Select(i => regionRanks[i])],
                    organisations.Count,
                    regionTotals);
                await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.OrganisationsBlob(stamp.RunId, period, code), table, ct);
            });
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
        var nationalUnanswered = new List<PendingCommentEntry>();
        foreach (var (region, batches) in metrics.Regions)
        {
            var unanswered = new List<PendingCommentEntry>();
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
                    var batchUnanswered = Unanswered(document, metrics.Pages);
                    lock (sync)
                    {
                        unanswered.AddRange(batchUnanswered);
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

            var regional = UnansweredComments.Keep(unanswered);
            nationalUnanswered.AddRange(regional);
            await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.UnansweredBlob(stamp.RunId, region), new UnansweredCommentsSnapshot(stamp, region, regional), null, cancellationToken);
        }

        await blobs.WriteAsync(
            StorageNames.RankingsContainer,
            StorageNames.UnansweredBlob(stamp.RunId, null),
            new UnansweredCommentsSnapshot(stamp, null, UnansweredComments.Keep(nationalUnanswered)),
            null,
            cancellationToken);

        foreach (var period in periods)
        {
            var table = ContentTable.Build(stamp, period, null, nationalPosts[(int)period].Kept(), [.. TopContent.Order(nationalBroadcasts[(int)period])]);
            await tables.WriteAsync(StorageNames.RankingsContainer, StorageNames.ContentBlob(stamp.RunId, period, null), table, cancellationToken);
        }
    }

    /// <summary>A batch's unanswered citizens' comments, each with its page as the ranking knows it.</summary>
    private static List<PendingCommentEntry> Unanswered(ScoredContent document, IReadOnlyDictionary<PageKey, ContentPage> pages) =>
        [.. document.Pages
            .Where(page => page.Unanswered is { Count: > 0 })
            .SelectMany(page => pages.TryGetValue(new PageKey(page.Platform, page.PageId), out var owner)
                ? page.Unanswered!.Select(comment => new PendingCommentEntry(owner, comment))
                : [])];

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
}
