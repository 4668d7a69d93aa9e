using System.Globalization;
using System.Text.Json;
using GosAnalytics.ContentQuality;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Registry;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Score;

/// <summary>The two documents scoring a batch produces.</summary>
public sealed record ScoredResult(ScoredBatch Metrics, ScoredContent Content);

/// <summary>
/// Queue step <c>score</c>: reads a raw snapshot, computes post and page metrics and content-quality scores, writes the page metrics
/// history, the pages' subscriber counts and the scored documents under deterministic names, marks the batch scored; the batch that
/// completes the run claims and sends the aggregation exactly once. Every coordination step is O(1) storage operations.
/// </summary>
public sealed class BatchScorer(
    RunStore runs,
    BatchWindow window,
    RunFanIn fanIn,
    JsonBlobStore blobs,
    MetricsStore metrics,
    PageRegistry registry,
    ContentQualityModelProvider models,
    IOptions<PipelineOptions> options,
    ILogger<BatchScorer> logger)
{
    private const string AttemptMetadata = "attempt";

    public Task ScoreAsync(ScoreMessage message, CancellationToken cancellationToken) =>
        PipelineStages.RunAsync(PipelineStages.Score, StageContext.Of(message), logger, stage => ScoreAsync(message, stage, cancellationToken));

    private async Task ScoreAsync(ScoreMessage message, StageInvocation stage, CancellationToken cancellationToken)
    {
        var batch = await runs.GetBatchAsync(message.RunId, message.BatchIndex, cancellationToken);
        var run = await runs.GetRunAsync(message.RunId, cancellationToken);
        if (batch is null || batch.Attempt != message.Attempt || run is null || run.Attempt != message.Attempt)
        {
            logger.LogWarning("Score message for {RunId} batch {BatchIndex} attempt {Attempt} is stale; ignored", message.RunId, message.BatchIndex, message.Attempt);
            return;
        }

        stage.Identify(region: batch.RegionCode);

        // The metrics document is written last: when it is there for this attempt, a repeated message only finishes the steps after it.
        var metricsBlob = StorageNames.ScoredBatchBlob(message.RunId, message.BatchIndex);
        var written = await blobs.GetMetadataAsync(StorageNames.ScoredContainer, metricsBlob, cancellationToken);
        var attempt = message.Attempt.ToString(CultureInfo.InvariantCulture);
        if (written is null || !written.TryGetValue(AttemptMetadata, out var scoredAttempt) || scoredAttempt != attempt)
        {
            await window.SendSuccessorAsync(run, message.BatchIndex, message.TraceParent, cancellationToken);
            var snapshot = await blobs.ReadAsync<RawSnapshot>(StorageNames.RawContainer, message.SnapshotBlob, cancellationToken)
                ?? throw new InvalidOperationException($"Raw snapshot '{message.SnapshotBlob}' does not exist.");
            if (snapshot.SchemaVersion != RawSnapshot.CurrentSchemaVersion)
            {
                throw new InvalidDataException($"Raw snapshot '{message.SnapshotBlob}' has schema version {snapshot.SchemaVersion}; this scorer reads {RawSnapshot.CurrentSchemaVersion}.");
            }

            var model = run.ContentModelVersion is { } pinned
                ? await models.GetVersionAsync(pinned, cancellationToken)
                : (await models.GetAsync(cancellationToken)).Model; // a run row from before models were pinned
            var history = JsonSerializer.Deserialize<Dictionary<string, Dictionary<DateOnly, long>>>(batch.SubscriberHistoryJson, JsonConventions.Options) ?? [];
            var scored = await ScoreSnapshotAsync(snapshot, message.Attempt, batch.RegionCode, model, history, cancellationToken);
            if (run.RecordsSubscribers)
            {
                await registry.RecordSubscribersAsync(snapshot.Platform, snapshot.MetricDay, [.. snapshot.Pages.Select(p => (p.Page.PageId, p.Page.Subscribers))], cancellationToken);
            }

            var stamp = new Dictionary<string, string> { [AttemptMetadata] = attempt };
            await blobs.WriteAsync(StorageNames.ScoredContainer, StorageNames.ScoredContentBlob(message.RunId, message.BatchIndex), scored.Content, stamp, cancellationToken);
            await blobs.WriteAsync(StorageNames.ScoredContainer, metricsBlob, scored.Metrics, stamp, cancellationToken);
            logger.LogInformation("Scored {RunId} batch {BatchIndex}: {Pages} pages", message.RunId, message.BatchIndex, snapshot.Pages.Count);
        }

        // Also when the batch was already scored: the process may have died between writing and counting it.
        await fanIn.CompleteAsync(run, message.BatchIndex, message.TraceParent, cancellationToken);
    }

    /// <summary>
    /// Computes every page's metrics for every period and every post's content-quality score, and writes the page metrics history.
    /// Pure given the snapshot, the model and the subscriber history, so a repeat writes identical rows and documents.
    /// </summary>
    public async Task<ScoredResult> ScoreSnapshotAsync(
        RawSnapshot snapshot,
        int attempt,
        int regionCode,
        ContentQualityModel model,
        IReadOnlyDictionary<string, Dictionary<DateOnly, long>> subscriberHistory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var periods = EnumCodes.All<Period>();
        var contentScores = ScoreContent(snapshot, model);
        var results = new PageMetrics[snapshot.Pages.Count * periods.Count];
        var content = new PageContent[snapshot.Pages.Count];
        var noHistory = new Dictionary<DateOnly, long>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, snapshot.Pages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ScoringParallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var page = snapshot.Pages[index];
                var history = subscriberHistory.TryGetValue(page.Page.PageId, out var known) ? known : noHistory;
                var pageMetrics = periods.Select(period => PageMetricsCalculator.Compute(page, period, snapshot.MetricDay, history, contentScores[index])).ToList();
                pageMetrics.CopyTo(results, index * periods.Count);
                content[index] = TopContent.Describe(page, snapshot.MetricDay, contentScores[index].Scores);
                await metrics.UpsertPageMetricsAsync(pageMetrics, ct);
            });

        return new ScoredResult(
            new ScoredBatch(snapshot.RunId, attempt, snapshot.BatchIndex, snapshot.Platform, regionCode, snapshot.Source, snapshot.IsDemo, results, snapshot.Skipped),
            new ScoredContent(snapshot.RunId, attempt, snapshot.BatchIndex, content));
    }

    /// <summary>
    /// One batch transform over every post of the snapshot, split back per page, with each post's traits for the advice (its officialese
    /// share and reading ease, from the same featuriser the model reads).
    /// </summary>
    private static ContentScores[] ScoreContent(RawSnapshot snapshot, ContentQualityModel model)
    {
        var contents = snapshot.Pages.SelectMany(page => page.Posts).Select(PostContentMapping.ToContent).ToList();
        var all = model.Score(contents);
        var traits = contents.Select(content =>
        {
            var explained = PostExplanation.Of(content);
            return new PostTraits(explained.BureaucraticShare, explained.Readability, explained.Words > 0);
        }).ToArray();
        var perPage = new ContentScores[snapshot.Pages.Count];
        var offset = 0;
        for (var p = 0; p < snapshot.Pages.Count; p++)
        {
            var count = snapshot.Pages[p].Posts.Count;
            perPage[p] = new ContentScores(new ArraySegment<float>(all, offset, count), model.Version, new ArraySegment<PostTraits>(traits, offset, count));
            offset += count;
        }

        return perPage;
    }
}
