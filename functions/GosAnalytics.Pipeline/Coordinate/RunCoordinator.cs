using System.Globalization;
using System.Text.Json;
using GosAnalytics.ContentQuality.Registry;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Pipeline.Collect;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Coordinate;

/// <summary>
/// Starts (or resumes) the run of a metric day: plans batches from the registry, records them, enqueues one collect message per batch.
/// Re-entrant at every line: a second call for the same day resumes what the first left undone, never doubles it.
/// </summary>
public sealed class RunCoordinator(
    RunStore runs,
    PageRegistry registry,
    PageSources sources,
    WorkQueue queue,
    ContentQualityModelProvider models,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<RunCoordinator> logger)
{
    private const int EnqueueParallelism = 16;

    public static string RunIdOf(DateOnly metricDay) => metricDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The scheduled daily run: measures the last complete Moscow day. Does nothing if that day is already complete.</summary>
    public Task<RunEntity> StartScheduledRunAsync(CancellationToken cancellationToken) =>
        StartAsync(MoscowTime.LastCompleteDay(clock.GetUtcNow()), "timer", rerunCompleted: false, cancellationToken);

    /// <summary>Starts the run of <paramref name="metricDay"/>, resumes it if unfinished, or (when asked) runs a completed day again.</summary>
    public async Task<RunEntity> StartAsync(DateOnly metricDay, string trigger, bool rerunCompleted, CancellationToken cancellationToken)
    {
        var runId = RunIdOf(metricDay);
        var run = await ClaimRunAsync(runId, metricDay, trigger, rerunCompleted, cancellationToken);
        if (run.Phase == RunPhase.Completed)
        {
            logger.LogInformation("Run {RunId} is already complete; nothing to start", runId);
            return run;
        }

        if (run.Phase == RunPhase.Starting)
        {
            run = await PlanBatchesAsync(run, cancellationToken);
        }

        await EnqueuePendingBatchesAsync(run, cancellationToken);

        // An empty registry (a fresh real-platform setup, or every page resting) has no batch whose scoring would trigger
        // the aggregation: the run completes straight away, with nothing ranked. Repeats are absorbed by the aggregator.
        if (run.Phase == RunPhase.Collecting && run.BatchCount == 0)
        {
            await queue.SendAsync(new AggregateMessage(run.RowKey, run.Attempt), cancellationToken);
        }

        return run;
    }

    private async Task<RunEntity> ClaimRunAsync(string runId, DateOnly metricDay, string trigger, bool rerunCompleted, CancellationToken cancellationToken)
    {
        // An attempt scores every batch with the model current when it starts, so a promotion mid-run cannot mix models.
        var modelVersion = (await models.GetAsync(cancellationToken)).Model.Version;
        while (true)
        {
            var existing = await runs.GetRunAsync(runId, cancellationToken);
            if (existing is null)
            {
                var created = NewAttempt(new RunEntity { RowKey = runId, MetricDay = runId }, trigger, modelVersion);
                if (await runs.TryAddRunAsync(created, cancellationToken))
                {
                    logger.LogInformation("Run {RunId} created by {Trigger}", runId, trigger);
                    return created;
                }

                continue;
            }

            if (existing.Phase != RunPhase.Completed || !rerunCompleted)
            {
                return existing;
            }

            NewAttempt(existing, trigger, modelVersion);
            if (await runs.TryUpdateRunAsync(existing, cancellationToken))
            {
                logger.LogInformation("Run {RunId} starts attempt {Attempt} by {Trigger}", runId, existing.Attempt, trigger);
                return existing;
            }
        }
    }

    private RunEntity NewAttempt(RunEntity run, string trigger, string contentModelVersion)
    {
        run.ContentModelVersion = contentModelVersion;
        run.Attempt += 1;
        run.Phase = RunPhase.Starting;
        run.Trigger = trigger;
        run.Source = sources.RunSourceName;
        run.IsDemo = sources.IsDemo;
        run.StartedAt = clock.GetUtcNow();
        run.CompletedAt = null;
        run.BatchCount = 0;
        run.PageCount = 0;
        run.PagesResting = 0;
        run.AggregationCount = 0;
        return run;
    }

    /// <summary>Splits the registry into batches (per platform, ≤ batch size) and records them. Rows of this attempt already present are kept.</summary>
    private async Task<RunEntity> PlanBatchesAsync(RunEntity run, CancellationToken cancellationToken)
    {
        if (options.Value.SeedRegistryFromSource)
        {
            foreach (var catalog in sources.Catalogs)
            {
                await registry.UpsertAsync(catalog.ListPages(), cancellationToken);
            }
        }

        var registered = await registry.ListAsync(cancellationToken);
        var metricDay = DateOnly.ParseExact(run.MetricDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var pages = registered.Where(page => !page.IsRestingOn(metricDay)).ToList();
        var resting = registered.Count - pages.Count;
        var planned = Plan(pages, options.Value.BatchSize);
        var existing = (await runs.ListBatchesAsync(run.RowKey, cancellationToken)).ToDictionary(b => b.BatchIndex);
        var missing = Enumerable.Range(0, planned.Count)
            .Where(index => !(existing.TryGetValue(index, out var row) && row.Attempt == run.Attempt))
            .Select(index => new BatchEntity
            {
                PartitionKey = run.RowKey,
                RowKey = BatchEntity.RowKeyOf(index),
                Attempt = run.Attempt,
                Platform = planned[index].Platform.ToCode(),
                PagesJson = JsonSerializer.Serialize(planned[index].Pages, JsonConventions.Options),
                Phase = BatchPhase.Pending,
            });
        await runs.UpsertBatchesAsync(missing, cancellationToken);

        // A rerun over a smaller registry leaves older batches behind; they are not part of this attempt.
        foreach (var stale in existing.Values.Where(b => b.BatchIndex >= planned.Count))
        {
            await runs.DeleteBatchAsync(stale, cancellationToken);
        }

        var attempt = run.Attempt;
        var updated = await runs.UpdateRunAsync(
            run.RowKey,
            r =>
            {
                if (r.Attempt != attempt || r.Phase != RunPhase.Starting)
                {
                    return false;
                }

                r.BatchCount = planned.Count;
                r.PageCount = pages.Count;
                r.PagesResting = resting;
                r.Phase = RunPhase.Collecting;
                return true;
            },
            cancellationToken);
        logger.LogInformation("Run {RunId} attempt {Attempt}: {PageCount} pages in {BatchCount} batches, {Resting} resting after permanent failures", run.RowKey, attempt, pages.Count, planned.Count, resting);
        return updated ?? run;
    }

    private async Task EnqueuePendingBatchesAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var batches = await runs.ListBatchesAsync(run.RowKey, cancellationToken);
        var pending = batches.Where(b => b.Attempt == run.Attempt && b.Phase == BatchPhase.Pending).OrderBy(b => b.BatchIndex).ToList();
        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = EnqueueParallelism, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                if (!EnumCodes.TryParse<Platform>(batch.Platform, out var platform))
                {
                    throw new InvalidDataException($"Batch {batch.PartitionKey}/{batch.RowKey} has unknown platform '{batch.Platform}'.");
                }

                // Send first, then mark: a crash in between sends the batch twice, which collect and score absorb.
                await queue.SendAsync(new CollectMessage(run.RowKey, run.Attempt, batch.BatchIndex, platform), ct);
                await runs.AdvanceBatchAsync(run.RowKey, batch.BatchIndex, run.Attempt, BatchPhase.Enqueued, null, ct);
            });

        if (pending.Count > 0)
        {
            logger.LogInformation("Run {RunId} attempt {Attempt}: enqueued {Count} collect messages", run.RowKey, run.Attempt, pending.Count);
        }
    }

    /// <summary>Deterministic batching: per platform, in registry order, <paramref name="batchSize"/> pages each.</summary>
    public static IReadOnlyList<(Platform Platform, IReadOnlyList<RegisteredPage> Pages)> Plan(IReadOnlyList<RegisteredPage> pages, int batchSize) =>
        pages.GroupBy(page => page.Platform)
            .OrderBy(group => group.Key)
            .SelectMany(group => group
                .OrderBy(page => page.PageId, StringComparer.Ordinal)
                .Chunk(batchSize)
                .Select(chunk => (group.Key, (IReadOnlyList<RegisteredPage>)chunk)))
            .ToList();
}
