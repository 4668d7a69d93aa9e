using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Collect;

/// <summary>
/// Queue step <c>collect</c>: fetches one batch from its platform's source, writes the raw snapshot under its deterministic name,
/// and sends the score message that points at it (claim check).
/// </summary>
public sealed class BatchCollector(
    RunStore runs,
    RunProgressStore progress,
    PageSources sources,
    JsonBlobStore blobs,
    WorkQueue queue,
    PageRegistry registry,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<BatchCollector> logger)
{
    private const string AttemptMetadata = "attempt";
    private const string PagesMetadata = "pages";
    private const string SkippedMetadata = "skipped";
    private const string PostsMetadata = "posts";
    private const string HashMetadata = JsonBlobStore.HashMetadata;

    public Task CollectAsync(CollectMessage message, CancellationToken cancellationToken) =>
        PipelineStages.RunAsync(PipelineStages.Collect, StageContext.Of(message), logger, stage => CollectAsync(message, stage, cancellationToken));

    private async Task CollectAsync(CollectMessage message, StageInvocation stage, CancellationToken cancellationToken)
    {
        var batch = await runs.GetBatchAsync(message.RunId, message.BatchIndex, cancellationToken);
        if (batch is null || batch.Attempt != message.Attempt)
        {
            logger.LogWarning("Collect message for {RunId} batch {BatchIndex} attempt {Attempt} is stale; ignored", message.RunId, message.BatchIndex, message.Attempt);
            return;
        }

        stage.Identify(region: batch.RegionCode);

        var blobName = StorageNames.RawSnapshotBlob(message.RunId, message.Platform, message.BatchIndex);
        var attempt = message.Attempt.ToString(CultureInfo.InvariantCulture);

        // The snapshot of this attempt is already written: a repeated message must not collect again
        // (a real platform would answer with slightly different counters), only finish the steps after it.
        var metadata = await blobs.GetMetadataAsync(StorageNames.RawContainer, blobName, cancellationToken);
        RawSnapshot? snapshot = null;
        if (metadata is not null && metadata.TryGetValue(AttemptMetadata, out var stored) && stored == attempt)
        {
            logger.LogInformation("Snapshot {Blob} already collected for attempt {Attempt}", blobName, message.Attempt);
            snapshot = await blobs.ReadAsync<RawSnapshot>(StorageNames.RawContainer, blobName, cancellationToken);
        }

        if (snapshot is null)
        {
            snapshot = await CollectSnapshotAsync(message, batch, cancellationToken);
            metadata = new Dictionary<string, string>
            {
                [AttemptMetadata] = attempt,
                [PagesMetadata] = Invariant(snapshot.Pages.Count),
                [SkippedMetadata] = Invariant(snapshot.Skipped.Count),
                [PostsMetadata] = Invariant(snapshot.Pages.Sum(p => p.Posts.Count)),
            };
            metadata[HashMetadata] = await blobs.WriteAsync(StorageNames.RawContainer, blobName, snapshot, metadata, cancellationToken);
            logger.LogInformation("Collected {RunId} batch {BatchIndex}: {Pages} pages, {Skipped} skipped", message.RunId, message.BatchIndex, snapshot.Pages.Count, snapshot.Skipped.Count);
        }

        // Also on a repeat: the process may have died between writing the snapshot and recording what it says.
        await RecordAvailabilityAsync(batch.ReadPages(), snapshot, cancellationToken);
        var outcome = new BatchOutcome(
            snapshot.Pages.Count,
            snapshot.Skipped.Count,
            snapshot.Pages.Sum(p => p.Posts.Count),
            [.. snapshot.Skipped.Select(s => s with { Reason = RunProgressStore.Shorten(s.Reason) })],
            snapshot.Notices ?? []);
        await progress.MarkAsync(message.RunId, message.Attempt, ProgressStep.Collect, message.BatchIndex, batchCount: 0, outcome, cancellationToken);
        var contentHash = metadata!.TryGetValue(HashMetadata, out var hash) ? hash : "";
        await queue.SendAsync(
            new ScoreMessage(message.RunId, message.Attempt, message.BatchIndex, message.Platform, blobName, contentHash, RawSnapshot.CurrentSchemaVersion, message.TraceParent),
            cancellationToken);
    }

    /// <summary>
    /// Pages that failed permanently rest in the registry (with the reason) instead of being asked every day;
    /// a resting page that answers again is marked available. Keyed by the run's metric day, so a repeat changes nothing.
    /// </summary>
    private async Task RecordAvailabilityAsync(IReadOnlyList<RegisteredPage> pages, RawSnapshot snapshot, CancellationToken cancellationToken)
    {
        var permanent = snapshot.Skipped.Where(s => s.Permanent).ToDictionary(s => s.PageId, s => s.Reason, StringComparer.Ordinal);
        var collected = snapshot.Pages.Select(p => p.Page.PageId).ToHashSet(StringComparer.Ordinal);
        var changed = new List<RegisteredPage>();
        foreach (var page in pages)
        {
            if (permanent.TryGetValue(page.PageId, out var reason))
            {
                changed.Add(page with { Unavailable = PageUnavailability.After(page.Unavailable, reason, snapshot.MetricDay, options.Value.UnavailablePageRestDays) });
            }
            else if (page.Unavailable is { } unavailable && collected.Contains(page.PageId) && snapshot.MetricDay >= unavailable.LastFailedOn)
            {
                changed.Add(page with { Unavailable = null });
            }
        }

        if (changed.Count > 0)
        {
            await registry.SaveAvailabilityAsync(changed, cancellationToken);
            logger.LogInformation("Registry availability updated for {Count} pages of {Platform}", changed.Count, snapshot.Platform);
        }
    }

    private async Task<RawSnapshot> CollectSnapshotAsync(CollectMessage message, BatchEntity batch, CancellationToken cancellationToken)
    {
        var pages = batch.ReadPages();
        var metricDay = DateOnly.ParseExact(message.RunId, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var source = sources.For(message.Platform);
        var request = new CollectRequest(message.RunId, metricDay, MoscowTime.EndOfDay(metricDay), message.Platform, pages);
        var collection = await source.CollectAsync(request, cancellationToken);

        // A demo snapshot is a pure function of the day; a real one records when it was read.
        var collectedAt = source.IsDemo ? request.AsOf : clock.GetUtcNow();

        // Municipality and organisation are the registry's, not the platform's: every page carries them on from here.
        var registered = pages.DistinctBy(page => page.Key).ToDictionary(page => page.Key);
        var collected = collection.Pages
            .Select(snapshot => registered.TryGetValue(snapshot.Page.Key, out var page) ? snapshot with { Page = snapshot.Page.WithAffiliation(page) } : snapshot)
            .ToList();
        return new RawSnapshot(
            RawSnapshot.CurrentSchemaVersion,
            message.RunId,
            metricDay,
            message.Platform,
            message.BatchIndex,
            source.Name,
            source.IsDemo,
            collectedAt,
            request.WindowStart,
            collected,
            collection.Skipped,
            collection.Notices ?? []);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

}
