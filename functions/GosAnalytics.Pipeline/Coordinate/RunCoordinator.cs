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

    /// <summary>Collect messages sent between two records of how far enqueueing got (a resumed start sends at most this many twice).</summary>
    private const int EnqueueChunk = 500;

    public static string RunIdOf(DateOnly metricDay) => metricDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The scheduled daily run: measures the last complete Moscow day. Does nothing if that day's run has already ended.</summary>
    public Task<RunEntity> StartScheduledRunAsync(CancellationToken cancellationToken) =>
        StartAsync(MoscowTime.LastCompleteDay(clock.GetUtcNow()), "timer", rerunCompleted: false, cancellationToken);

    /// <summary>Starts the run of <paramref name="metricDay"/>, resumes it if unfinished, or (when asked) runs a finished day again.</summary>
    public Task<RunEntity> StartAsync(DateOnly metricDay, string trigger, bool rerunCompleted, CancellationToken cancellationToken) =>
        PipelineStages.RunAsync(PipelineStages.Plan, new StageContext(RunIdOf(metricDay)), logger, stage => StartAsync(metricDay, trigger, rerunCompleted, stage, cancellationToken));

    private async Task<RunEntity> StartAsync(DateOnly metricDay, string trigger, bool rerunCompleted, StageInvocation stage, CancellationToken cancellationToken)
    {
        var runId = RunIdOf(metricDay);
        var run = await ClaimRunAsync(runId, metricDay, trigger, rerunCompleted, cancellationToken);
        stage.Identify(attempt: run.Attempt);
        if (run.Phase.IsFinished())
        {
            logger.LogInformation("Run {RunId} has already ended ({Status}); nothing to start", runId, run.Status);
            return run;
        }

        if (run.Phase == RunPhase.Starting)
        {
            run = await PlanBatchesAsync(run, cancellationToken);
        }

        run = await EnqueuePendingBatchesAsync(run, stage.TraceParent, cancellationToken);

        // An empty registry (a fresh real-platform setup, or every page resting) has no batch whose scoring would trigger
        // the aggregation: the run ends straight away, failed with nothing to rank. Repeats are absorbed by the aggregator.
        if (run.Phase == RunPhase.Collecting && run.BatchCount == 0)
        {
            await queue.SendAsync(new AggregateMessage(run.RowKey, run.Attempt, stage.TraceParent), cancellationToken);
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
                    await runs.RecordStartedAsync(created, cancellationToken);
                    return created;
                }

                continue;
            }

            if (!existing.Phase.IsFinished() || !rerunCompleted)
            {
                return existing;
            }

            NewAttempt(existing, trigger, modelVersion);
            if (await runs.TryUpdateRunAsync(existing, cancellationToken))
            {
                logger.LogInformation("Run {RunId} starts attempt {Attempt} by {Trigger}", runId, existing.Attempt, trigger);
                await runs.RecordStartedAsync(existing, cancellationToken);
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
        run.PagesCollected = 0;
        run.Served = false;
        run.OutcomeJson = "";
        run.BatchCount = 0;
        run.PageCount = 0;
        run.PagesResting = 0;
        run.AggregationCount = 0;
        run.EnqueuedBatches = 0;
        run.BatchesInFlight = 0;
        run.BatchRanges = [];
        run.RecordsSubscribers = true;
        return run;
    }

    /// <summary>
    /// Splits the registry into batches (per region and platform, ≤ batch size) and records them with each page's subscriber history
    /// (read in the same scan of the registry). Rows of this attempt already present are kept.
    /// </summary>
    private async Task<RunEntity> PlanBatchesAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var registered = await ReadRegistryAsync(cancellationToken);
        var metricDay = DateOnly.ParseExact(run.MetricDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var history = registered.ToDictionary(entry => entry.Page.Key, entry => entry.SubscriberHistory);
        var pages = registered.Select(entry => entry.Page).Where(page => !page.IsRestingOn(metricDay)).ToList();
        var resting = registered.Count - pages.Count;
        var planned = Plan(pages, options.Value.BatchSize);
        var existing = (await runs.ListBatchAttemptsAsync(run.RowKey, cancellationToken)).ToDictionary(b => b.BatchIndex, b => b.Attempt);
        var missing = Enumerable.Range(0, planned.Count)
            .Where(index => !(existing.TryGetValue(index, out var attempt) && attempt == run.Attempt))
            .Select(index => new BatchEntity
            {
                PartitionKey = run.RowKey,
                RowKey = BatchEntity.RowKeyOf(index),
                Attempt = run.Attempt,
                Platform = planned[index].Platform.ToCode(),
                RegionCode = planned[index].Region,
                PagesJson = JsonSerializer.Serialize(planned[index].Pages, JsonConventions.Options),
                SubscriberHistoryJson = JsonSerializer.Serialize(
                    planned[index].Pages.ToDictionary(page => page.PageId, page => GrowthWindow(history[page.Key], metricDay), StringComparer.Ordinal),
                    JsonConventions.Options),
            });
        await runs.UpsertBatchesAsync(missing, cancellationToken);

        // A rerun over a smaller registry leaves older batches behind; they are not part of this attempt.
        foreach (var stale in existing.Keys.Where(index => index >= planned.Count))
        {
            await runs.DeleteBatchAsync(run.RowKey, stale, cancellationToken);
        }

        // A rerun of a day older than every slot the registry keeps would overwrite newer days' counts.
        var newest = registered.SelectMany(entry => entry.SubscriberHistory.Keys).DefaultIfEmpty(DateOnly.MinValue).Max();
        var recordsSubscribers = newest == DateOnly.MinValue || metricDay.DayNumber > newest.DayNumber - RegistryEntry.DaysKept;
        var ranges = Ranges(planned);
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
                r.BatchRanges = ranges;
                r.RecordsSubscribers = recordsSubscribers;
                r.EnqueuedBatches = 0;
                r.BatchesInFlight = options.Value.BatchesInFlight;
                r.Phase = RunPhase.Collecting;
                return true;
            },
            cancellationToken);
        logger.LogInformation("Run {RunId} attempt {Attempt}: {PageCount} pages in {BatchCount} batches over {Regions} regions, {Resting} resting after permanent failures",
            run.RowKey, attempt, pages.Count, planned.Count, ranges.Select(r => r.Region).Distinct().Count(), resting);
        return updated ?? run;
    }

    /// <summary>
    /// The registry with each page's subscriber history. A source that knows its pages (the demo) first adds those the registry lacks
    /// or holds differently; an unchanged registry costs the one scan.
    /// </summary>
    private async Task<IReadOnlyList<RegistryEntry>> ReadRegistryAsync(CancellationToken cancellationToken)
    {
        var registered = await registry.ListWithHistoryAsync(cancellationToken);
        if (!options.Value.SeedRegistryFromSource)
        {
            return registered;
        }

        var known = registered.ToDictionary(entry => entry.Page.Key, entry => entry.Page);
        var changed = sources.Catalogs
            .SelectMany(catalog => catalog.ListPages())
            .Where(page => !known.TryGetValue(page.Key, out var stored)
                || stored.ScreenName != page.ScreenName || stored.RegionCode != page.RegionCode || stored.Kind != page.Kind
                || stored.Municipality != page.Municipality || stored.OrganisationId != page.OrganisationId || stored.OrganisationName != page.OrganisationName)
            .ToList();
        if (changed.Count == 0)
        {
            return registered;
        }

        await registry.UpsertAsync(changed, cancellationToken);
        logger.LogInformation("Registry seeded from the source: {Count} pages added or updated", changed.Count);
        return await registry.ListWithHistoryAsync(cancellationToken);
    }

    /// <summary>The counts growth can use on <paramref name="metricDay"/>: the 30 days before it.</summary>
    private static Dictionary<DateOnly, long> GrowthWindow(IReadOnlyDictionary<DateOnly, long> history, DateOnly metricDay) =>
        history.Where(day => day.Key < metricDay && day.Key >= metricDay.AddDays(-Periods.CollectionWindowDays)).ToDictionary(day => day.Key, day => day.Value);

    /// <summary>
    /// Sends the collect messages of the attempt's first window (<see cref="RunEntity.BatchesInFlight"/>; every batch for a run without
    /// one) not yet known to be sent, in chunks, recording after each how far it got; a resumed start goes on from there. Scoring sends
    /// the rest (<see cref="BatchWindow.SendSuccessorAsync"/>). Batch platforms come from the run's batch ranges, so no batch row is read.
    /// The messages carry <paramref name="runTrace"/>, this start's span, for every later invocation of the run to link to.
    /// </summary>
    private async Task<RunEntity> EnqueuePendingBatchesAsync(RunEntity run, string? runTrace, CancellationToken cancellationToken)
    {
        var window = BatchWindow.FirstWindow(run);
        if (run.Phase != RunPhase.Collecting || run.EnqueuedBatches >= window)
        {
            return run;
        }

        var platformOf = await PlatformsOfAsync(run, cancellationToken);
        var from = run.EnqueuedBatches;
        for (var start = from; start < window; start += EnqueueChunk)
        {
            var end = Math.Min(window, start + EnqueueChunk);
            await Parallel.ForEachAsync(
                Enumerable.Range(start, end - start),
                new ParallelOptions { MaxDegreeOfParallelism = EnqueueParallelism, CancellationToken = cancellationToken },
                async (index, ct) => await queue.SendAsync(new CollectMessage(run.RowKey, run.Attempt, index, platformOf[index], runTrace), ct));

            // Send first, then record: a crash in between sends these batches twice, which collect and score absorb.
            var attempt = run.Attempt;
            run = await runs.UpdateRunAsync(run.RowKey, r =>
            {
                if (r.Attempt != attempt || r.EnqueuedBatches >= end)
                {
                    return false;
                }

                r.EnqueuedBatches = end;
                return true;
            }, cancellationToken) ?? run;
        }

        logger.LogInformation("Run {RunId} attempt {Attempt}: enqueued {Count} collect messages of {BatchCount} batches", run.RowKey, run.Attempt, window - from, run.BatchCount);
        return run;
    }

    /// <summary>Each batch's platform, from the run's batch ranges (or, for a run planned before they existed, from its batch rows).</summary>
    private async Task<Platform[]> PlatformsOfAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var platforms = new Platform[run.BatchCount];
        var ranges = run.BatchRanges;
        if (ranges.Sum(range => range.Count) == run.BatchCount)
        {
            foreach (var range in ranges)
            {
                Array.Fill(platforms, range.Platform, range.First, range.Count);
            }

            return platforms;
        }

        foreach (var (index, attempt, code) in await runs.ListBatchAttemptsAsync(run.RowKey, cancellationToken))
        {
            if (attempt == run.Attempt && index < platforms.Length && EnumCodes.TryParse<Platform>(code, out var platform))
            {
                platforms[index] = platform;
            }
        }

        return platforms;
    }

    /// <summary>A planned batch: up to the batch size of one region's pages on one platform.</summary>
    public sealed record PlannedBatch(int Region, Platform Platform, IReadOnlyList<RegisteredPage> Pages);

    /// <summary>
    /// Deterministic batching: region by region (by code), platform by platform, pages by id, <paramref name="batchSize"/> each. A batch
    /// never mixes regions, so aggregation can read a region's batches together.
    /// </summary>
    public static IReadOnlyList<PlannedBatch> Plan(IReadOnlyList<RegisteredPage> pages, int batchSize) =>
        pages.GroupBy(page => (page.RegionCode, page.Platform))
            .OrderBy(group => group.Key.RegionCode)
            .ThenBy(group => group.Key.Platform)
            .SelectMany(group => group
                .OrderBy(page => page.PageId, StringComparer.Ordinal)
                .Chunk(batchSize)
                .Select(chunk => new PlannedBatch(group.Key.RegionCode, group.Key.Platform, chunk)))
            .ToList();

    private static List<BatchRange> Ranges(IReadOnlyList<PlannedBatch> planned)
    {
        var ranges = new List<BatchRange>();
        for (var i = 0; i < planned.Count; i++)
        {
            if (ranges.Count > 0 && ranges[^1] is var last && last.Region == planned[i].Region && last.Platform == planned[i].Platform)
            {
                ranges[^1] = last with { Count = last.Count + 1 };
            }
            else
            {
                ranges.Add(new BatchRange(planned[i].Region, planned[i].Platform, i, 1));
            }
        }

        return ranges;
    }
}
