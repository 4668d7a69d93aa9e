using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Storage.Tables;

/// <summary>Where a run is; stored in <see cref="RunEntity.Status"/> as its code (<c>starting</c>, <c>collecting</c>, …).</summary>
public enum RunPhase
{
    /// <summary>Batches are being planned and enqueued.</summary>
    Starting,

    /// <summary>Batches are enqueued; collect and score are working through them.</summary>
    Collecting,

    /// <summary>Every batch is scored or recorded failed; the aggregation was claimed.</summary>
    Aggregating,

    /// <summary>Finished with every planned page collected (pages the platform reports gone for good aside).</summary>
    Completed,

    /// <summary>Finished with some pages or batches missing, each named with its reason; served only above the coverage threshold.</summary>
    Partial,

    /// <summary>Finished with nothing to serve: nothing collected, or the aggregation itself failed. Never served.</summary>
    Failed,
}

/// <summary>What the phases mean to callers that wait for a run.</summary>
public static class RunPhases
{
    /// <summary>True for the three outcomes a run ends with: completed, partial, failed.</summary>
    public static bool IsFinished(this RunPhase phase) => phase is RunPhase.Completed or RunPhase.Partial or RunPhase.Failed;
}

/// <summary>One daily run in table <c>runs</c>: partition <c>run</c>, row key = run id = the metric day (yyyy-MM-dd).</summary>
public sealed class RunEntity : ITableEntity
{
    public const string Partition = "run";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string MetricDay { get; set; } = "";

    /// <summary>Incremented when a completed day is run again; messages of an older attempt are ignored.</summary>
    public int Attempt { get; set; }

    /// <summary>The column: the <see cref="RunPhase"/> code.</summary>
    public string Status { get; set; } = RunPhase.Starting.ToCode();

    [IgnoreDataMember]
    public RunPhase Phase
    {
        get => EnumCodes.TryParse<RunPhase>(Status, out var phase) ? phase : throw new InvalidDataException($"Run {RowKey} has an unknown status '{Status}'.");
        set => Status = value.ToCode();
    }

    public string Trigger { get; set; } = "";

    public string Source { get; set; } = "";

    public bool IsDemo { get; set; }

    public int BatchCount { get; set; }

    public int PageCount { get; set; }

    /// <summary>Registered pages left out of this attempt because an earlier permanent failure has them resting.</summary>
    public int PagesResting { get; set; }

    /// <summary>The content-quality model every batch of this attempt is scored with, pinned when the attempt starts.</summary>
    public string? ContentModelVersion { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the attempt finished, whatever its outcome.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Pages whose metrics the finished attempt holds (what its rankings list).</summary>
    public int PagesCollected { get; set; }

    /// <summary>True when the finished attempt moved the served pointer: its rankings are what the API serves (or served).</summary>
    public bool Served { get; set; }

    /// <summary>
    /// Why the finished attempt is partial or failed and what the collectors said about it as a whole: a JSON
    /// <see cref="Contracts.RunOutcome"/>. Empty until the attempt finishes.
    /// </summary>
    public string OutcomeJson { get; set; } = "";

    /// <summary>The attempt whose aggregation was claimed by the last scored batch (exactly one claim per attempt).</summary>
    public int AggregationClaimedAttempt { get; set; }

    /// <summary>The batch whose score step won the claim; only it sends the aggregate message.</summary>
    public int AggregationClaimedBy { get; set; } = -1;

    /// <summary>The attempt whose aggregate message is known to be sent.</summary>
    public int AggregationEnqueuedAttempt { get; set; }

    /// <summary>How many times aggregation completed for the current attempt: the exactly-once evidence.</summary>
    public int AggregationCount { get; set; }

    /// <summary>Batches of this attempt whose collect messages planning is known to have sent (0, 1, … in order); a resumed start sends the rest.</summary>
    public int EnqueuedBatches { get; set; }

    /// <summary>
    /// The attempt's window: planning sends the first this many batches, and scoring batch b sends batch b + this many. Zero for a run
    /// planned before windows existed, whose batches were all sent at once.
    /// </summary>
    public int BatchesInFlight { get; set; }

    /// <summary>
    /// How this attempt's batches are laid out: a JSON array of <see cref="BatchRange"/>, one per region and platform, in batch order.
    /// Enqueueing and aggregation read it instead of listing the batches.
    /// </summary>
    public string BatchRangesJson { get; set; } = "[]";

    /// <summary>
    /// False when the metric day is too old for the registry's subscriber slots (a rerun of a day more than
    /// <see cref="RegistryEntry.DaysKept"/> days before the newest recorded one): scoring then does not write counts that would
    /// overwrite newer days.
    /// </summary>
    public bool RecordsSubscribers { get; set; } = true;

    [IgnoreDataMember]
    public IReadOnlyList<BatchRange> BatchRanges
    {
        get => System.Text.Json.JsonSerializer.Deserialize<List<BatchRange>>(BatchRangesJson, Core.Json.JsonConventions.Options) ?? [];
        set => BatchRangesJson = System.Text.Json.JsonSerializer.Serialize(value, Core.Json.JsonConventions.Options);
    }
}

/// <summary>The batches of one region on one platform in a run: <see cref="Count"/> consecutive batch indices from <see cref="First"/>.</summary>
public sealed record BatchRange(int Region, Platform Platform, int First, int Count);

/// <summary>
/// Which run started last, row <c>pointer/latest</c> of table <c>runs</c>: <c>GET /api/runs/latest</c> reads it instead of every run.
/// Moved forward under an ETag when an attempt starts.
/// </summary>
public sealed class LatestRunEntity : ITableEntity
{
    public const string Partition = "pointer";
    public const string Row = "latest";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string RunId { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>
/// One batch of a run in table <c>runbatches</c>: partition = run id, row key = batch index (0000). Written when the run is planned
/// and not changed after: how far each batch got is kept in table <c>runprogress</c> (<see cref="RunProgressStore"/>).
/// </summary>
public sealed class BatchEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Attempt { get; set; }

    public string Platform { get; set; } = "";

    /// <summary>The registered pages of the batch as JSON (≤ 25 pages, well under the 64 KiB property limit).</summary>
    public string PagesJson { get; set; } = "[]";

    /// <summary>The region of every page of the batch (batches are planned per region and platform).</summary>
    public int RegionCode { get; set; }

    /// <summary>
    /// Subscriber counts of the batch's pages on the 30 days before the run's metric day, as read from the registry when the run was
    /// planned: a JSON object page id → {day → subscribers}. Growth needs them, and the batch row is read anyway.
    /// </summary>
    public string SubscriberHistoryJson { get; set; } = "{}";

    public static string RowKeyOf(int batchIndex) => batchIndex.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The registered pages of the batch, from <see cref="PagesJson"/>.</summary>
    public IReadOnlyList<RegisteredPage> ReadPages() =>
        System.Text.Json.JsonSerializer.Deserialize<List<RegisteredPage>>(PagesJson, Core.Json.JsonConventions.Options)
        ?? throw new InvalidDataException($"Batch {PartitionKey}/{RowKey} has no page list.");

    [IgnoreDataMember]
    public int BatchIndex => int.Parse(RowKey, System.Globalization.CultureInfo.InvariantCulture);
}
