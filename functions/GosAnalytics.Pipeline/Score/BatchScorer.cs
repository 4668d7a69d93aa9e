using GosAnalytics.ContentQuality;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Registry;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Score;

/// <summary>
/// The per-batch result that aggregation reads: every page's metrics for every period, and every page's candidates for the
/// top posts and broadcasts (<see cref="TopContent.SelectCandidates"/>), in snapshot order.
/// </summary>
public sealed record ScoredBatch(
    string RunId,
    int Attempt,
    int BatchIndex,
    Platform Platform,
    string Source,
    bool IsDemo,
    IReadOnlyList<PageMetrics> Pages,
    IReadOnlyList<SkippedPage> Skipped,
    IReadOnlyList<PageContent> Content);

/// <summary>
/// Queue step <c>score</c>: reads a raw snapshot, computes post and page metrics, upserts them under deterministic keys,
/// marks the batch scored; the last batch of a run claims and sends the aggregation exactly once.
/// </summary>
public sealed class BatchScorer(
    RunStore runs,
    JsonBlobStore blobs,
    MetricsStore metrics,
    WorkQueue queue,
    ContentQualityModelProvider models,
    IOptions<PipelineOptions> options,
    ILogger<BatchScorer> logger)
{
    public async Task ScoreAsync(ScoreMessage message, CancellationToken cancellationToken)
    {
        var batch = await runs.GetBatchAsync(message.RunId, message.BatchIndex, cancellationToken);
        if (batch is null || batch.Attempt != message.Attempt)
        {
            logger.LogWarning("Score message for {RunId} batch {BatchIndex} attempt {Attempt} is stale; ignored", message.RunId, message.BatchIndex, message.Attempt);
            return;
        }

        if (batch.Phase != BatchPhase.Scored)
        {
            var snapshot = await blobs.ReadAsync<RawSnapshot>(StorageNames.RawContainer, message.SnapshotBlob, cancellationToken)
                ?? throw new InvalidOperationException($"Raw snapshot '{message.SnapshotBlob}' does not exist.");
            if (snapshot.SchemaVersion != RawSnapshot.CurrentSchemaVersion)
            {
                throw new InvalidDataException($"Raw snapshot '{message.SnapshotBlob}' has schema version {snapshot.SchemaVersion}; this scorer reads {RawSnapshot.CurrentSchemaVersion}.");
            }

            var run = await runs.GetRunAsync(message.RunId, cancellationToken);
            var model = run?.ContentModelVersion is { } pinned
                ? await models.GetVersionAsync(pinned, cancellationToken)
                : (await models.GetAsync(cancellationToken)).Model; // a run row from before models were pinned
            var scored = await ScoreSnapshotAsync(snapshot, message.Attempt, model, cancellationToken);
            await blobs.WriteAsync(StorageNames.ScoredContainer, StorageNames.ScoredBatchBlob(message.RunId, message.BatchIndex), scored, null, cancellationToken);
            await runs.AdvanceBatchAsync(message.RunId, message.BatchIndex, message.Attempt, BatchPhase.Scored, null, cancellationToken);
            logger.LogInformation("Scored {RunId} batch {BatchIndex}: {Pages} pages", message.RunId, message.BatchIndex, snapshot.Pages.Count);
        }

        // Also when the batch was already scored: the process may have died between marking it and the fan-in.
        await CompleteFanInAsync(message.RunId, message.Attempt, message.BatchIndex, cancellationToken);
    }

    /// <summary>
    /// Computes and stores every page's metrics and every post's content-quality score. Pure given the snapshot, the model
    /// and the stored history, so a repeat writes identical rows.
    /// </summary>
    public async Task<ScoredBatch> ScoreSnapshotAsync(RawSnapshot snapshot, int attempt, ContentQualityModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var contentScores = ScoreContent(snapshot, model);
        var results = new PageMetrics[snapshot.Pages.Count * EnumCodes.All<Period>().Count];
        var content = new PageContent[snapshot.Pages.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, snapshot.Pages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ScoringParallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var page = snapshot.Pages[index];
                var history = await metrics.GetSubscriberHistoryAsync(page.Page.Key, snapshot.MetricDay, ct);
                var pageMetrics = EnumCodes.All<Period>().Select(period => PageMetricsCalculator.Compute(page, period, snapshot.MetricDay, history, contentScores[index])).ToList();
                for (var p = 0; p < pageMetrics.Count; p++)
                {
                    results[(index * EnumCodes.All<Period>().Count) + p] = pageMetrics[p];
                }

                content[index] = TopContent.SelectCandidates(page, snapshot.MetricDay);
                var scores = contentScores[index].Scores;
                var posts = page.Posts.Select((post, i) => (post, PostMetricsCalculator.Compute(post, page.Page.Subscribers) with
                {
                    ContentScore = Math.Round(scores[i], 4),
                    ContentModelVersion = model.Version,
                })).ToList();
                await metrics.UpsertPageMetricsAsync(pageMetrics, ct);
                await metrics.UpsertPostMetricsAsync(page.Page.Key, snapshot.MetricDay, posts, ct);
            });

        return new ScoredBatch(snapshot.RunId, attempt, snapshot.BatchIndex, snapshot.Platform, snapshot.Source, snapshot.IsDemo, results, snapshot.Skipped, content);
    }

    /// <summary>One batch transform over every post of the snapshot, split back per page.</summary>
    private static ContentScores[] ScoreContent(RawSnapshot snapshot, ContentQualityModel model)
    {
        var all = model.Score([.. snapshot.Pages.SelectMany(page => page.Posts).Select(PostContentMapping.ToContent)]);
        var perPage = new ContentScores[snapshot.Pages.Count];
        var offset = 0;
        for (var p = 0; p < snapshot.Pages.Count; p++)
        {
            var count = snapshot.Pages[p].Posts.Count;
            perPage[p] = new ContentScores(new ArraySegment<float>(all, offset, count), model.Version);
            offset += count;
        }

        return perPage;
    }

    /// <summary>When every batch of the attempt is scored, exactly one caller wins the ETag-guarded claim and sends the aggregate message.</summary>
    private async Task CompleteFanInAsync(string runId, int attempt, int batchIndex, CancellationToken cancellationToken)
    {
        var batches = await runs.ListBatchesAsync(runId, cancellationToken);
        var run = await runs.GetRunAsync(runId, cancellationToken);
        if (run is null || run.Attempt != attempt || run.BatchCount == 0)
        {
            return;
        }

        var scored = batches.Count(b => b.Attempt == attempt && b.Phase == BatchPhase.Scored);
        if (scored < run.BatchCount)
        {
            return;
        }

        run = await runs.UpdateRunAsync(runId, r =>
        {
            if (r.Attempt != attempt || r.AggregationClaimedAttempt == attempt)
            {
                return false;
            }

            r.AggregationClaimedAttempt = attempt;
            r.AggregationClaimedBy = batchIndex;
            r.Phase = RunPhase.Aggregating;
            return true;
        }, cancellationToken);

        // Only the claiming batch sends. If it died before recording the send, its retried message sends again,
        // and aggregation absorbs that second message.
        if (run is not null && run.AggregationClaimedAttempt == attempt && run.AggregationClaimedBy == batchIndex && run.AggregationEnqueuedAttempt != attempt)
        {
            await queue.SendAsync(new AggregateMessage(runId, attempt), cancellationToken);
            await runs.UpdateRunAsync(runId, r =>
            {
                if (r.Attempt != attempt || r.AggregationEnqueuedAttempt == attempt)
                {
                    return false;
                }

                r.AggregationEnqueuedAttempt = attempt;
                return true;
            }, cancellationToken);
            logger.LogInformation("Run {RunId} attempt {Attempt}: all {BatchCount} batches scored; aggregation enqueued", runId, attempt, run.BatchCount);
        }
    }
}
