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

    /// <summary>Every batch is scored; the aggregation was claimed.</summary>
    Aggregating,

    Completed,
}

/// <summary>Where a batch is, in the order it moves; stored in <see cref="BatchEntity.State"/> as its code.</summary>
public enum BatchPhase
{
    Pending,
    Enqueued,
    Collected,
    Scored,
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

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The attempt whose aggregation was claimed by the last scored batch (exactly one claim per attempt).</summary>
    public int AggregationClaimedAttempt { get; set; }

    /// <summary>The batch whose score step won the claim; only it sends the aggregate message.</summary>
    public int AggregationClaimedBy { get; set; } = -1;

    /// <summary>The attempt whose aggregate message is known to be sent.</summary>
    public int AggregationEnqueuedAttempt { get; set; }

    /// <summary>How many times aggregation completed for the current attempt: the exactly-once evidence.</summary>
    public int AggregationCount { get; set; }
}

/// <summary>One batch of a run in table <c>runbatches</c>: partition = run id, row key = batch index (0000).</summary>
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

    /// <summary>The column: the <see cref="BatchPhase"/> code.</summary>
    public string State { get; set; } = BatchPhase.Pending.ToCode();

    [IgnoreDataMember]
    public BatchPhase Phase
    {
        get => EnumCodes.TryParse<BatchPhase>(State, out var phase) ? phase : throw new InvalidDataException($"Batch {PartitionKey}/{RowKey} has an unknown state '{State}'.");
        set => State = value.ToCode();
    }

    public string? SnapshotBlob { get; set; }

    public int PagesCollected { get; set; }

    public int PagesSkipped { get; set; }

    public int Posts { get; set; }

    /// <summary>The batch's skipped pages with their reasons, as JSON (≤ 25 entries).</summary>
    public string SkippedJson { get; set; } = "[]";

    /// <summary>What the source told the run report about this batch (e.g. why broadcasts are missing), as a JSON array.</summary>
    public string NoticesJson { get; set; } = "[]";

    public static string RowKeyOf(int batchIndex) => batchIndex.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    [IgnoreDataMember]
    public int BatchIndex => int.Parse(RowKey, System.Globalization.CultureInfo.InvariantCulture);
}
