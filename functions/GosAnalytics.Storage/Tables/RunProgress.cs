using System.Buffers.Binary;
using System.Collections;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;

namespace GosAnalytics.Storage.Tables;

/// <summary>The steps whose per-batch completion a run counts.</summary>
public enum ProgressStep
{
    Collect,
    Score,
}

/// <summary>What collecting one batch found, as the run report shows it.</summary>
public sealed record BatchOutcome(int PagesCollected, int PagesSkipped, int Posts, IReadOnlyList<SkippedPage> Skipped, IReadOnlyList<string> Notices)
{
    public static BatchOutcome None { get; } = new(0, 0, 0, [], []);
}

/// <summary>A skipped page in the run report, with the batch it was planned in (the report lists skipped pages in batch order).</summary>
public sealed record SkippedInBatch(int BatchIndex, SkippedPage Page);

/// <summary>Where a failed batch stopped.</summary>
public enum FailedStep
{
    /// <summary>Its collect message failed on every delivery (or could not be read).</summary>
    Collect,

    /// <summary>Its score message failed on every delivery.</summary>
    Score,

    /// <summary>It never reported: the run stalled past <c>Pipeline:RunStallTimeout</c> without it (a lost or unreadable message).</summary>
    Unreported,
}

/// <summary>A batch of the run that has no data, where it stopped and why.</summary>
public sealed record FailedBatch(int BatchIndex, FailedStep Step, string Reason);

/// <summary>
/// How far one attempt of a run got: batches done per step, what collection found, the first skipped pages and the notices, the
/// batches recorded failed (a failed batch also counts as scored: it is done for the fan-in) and when any of it last changed.
/// </summary>
public sealed record RunProgress(
    int Collected,
    int Scored,
    int PagesCollected,
    int PagesSkipped,
    int Posts,
    IReadOnlyList<SkippedInBatch> Skipped,
    IReadOnlyList<string> Notices,
    int Failed = 0,
    IReadOnlyList<FailedBatch>? FailedBatches = null,
    DateTimeOffset? LastActivity = null);

/// <summary>The result of marking a batch done: whether this call marked it, and whether its shard now has every batch of the step.</summary>
public readonly record struct ShardMark(bool Newly, bool ShardComplete);

/// <summary>
/// Per-batch progress of a run, table <c>runprogress</c>: partition = run id, one row per step and shard (<c>collect-07</c>,
/// <c>score-07</c>); batch b belongs to shard b mod <see cref="Shards"/>. A row holds a bitmap of its batches that finished the step
/// and, for collect, each batch's counts. Marking a batch sets its bit under the row's ETag, so a repeated message counts once
/// and no write is lost; a step's total is the sum over <see cref="Shards"/> rows. Coordination therefore costs O(1) storage
/// operations per batch — never a listing of the run's batches — and concurrent batches of one run contend on 16 rows, not one.
/// Batches that failed are recorded in rows <c>failed-07</c> (bitmap and reasons) and marked scored, so that the fan-in still
/// completes; the last error of a failing step is kept in partition <c>{run}-errors</c>, outside the report's query.
/// </summary>
public sealed class RunProgressStore(StorageClients clients)
{
    /// <summary>Rows per step. Enough that concurrent writers rarely meet on one row; few enough that reading a run is one small query.</summary>
    public const int Shards = 16;

    /// <summary>Skipped pages a shard keeps for the report (those of its lowest batch indices); the counts are always complete.</summary>
    public const int SkippedListedPerShard = 32;

    /// <summary>Distinct notices a shard keeps.</summary>
    public const int NoticesPerShard = 32;

    /// <summary>Failed batches a shard names (its lowest); the count is always complete.</summary>
    public const int FailedListedPerShard = 32;

    /// <summary>A Table Storage text property holds 32K characters; reasons and errors are kept to this length.</summary>
    public const int MaxReasonLength = 500;

    private const string FailedRows = "failed";

    private const int CountsPerBatch = 3;

    private TableClient Table => clients.Table(StorageNames.RunProgressTable);

    public static int ShardOf(int batchIndex) => batchIndex % Shards;

    /// <summary>How many of a run's <paramref name="batchCount"/> batches fall into <paramref name="shard"/>.</summary>
    public static int BatchesInShard(int batchCount, int shard) => batchCount <= shard ? 0 : ((batchCount - shard - 1) / Shards) + 1;

    /// <summary>
    /// Marks batch <paramref name="batchIndex"/> of <paramref name="attempt"/> as done with <paramref name="step"/>, recording
    /// <paramref name="outcome"/> (collect). Rows of an older attempt are started afresh. Idempotent.
    /// </summary>
    public async Task<ShardMark> MarkAsync(string runId, int attempt, ProgressStep step, int batchIndex, int batchCount, BatchOutcome? outcome, CancellationToken cancellationToken)
    {
        var shard = ShardOf(batchIndex);
        var position = batchIndex / Shards;
        var newly = false;
        var done = await UpdateShardAsync(runId, RowKeyOf(step.ToCode(), shard), attempt, (row, bits) =>
        {
            newly = Set(bits, position);
            if (newly && outcome is not null)
            {
                Record(row, batchIndex, position, outcome);
            }

            return newly;
        }, cancellationToken);
        return new ShardMark(newly, CountSet(done) >= BatchesInShard(batchCount, shard));
    }

    /// <summary>Marks every batch of <paramref name="batchIndexes"/> done with <paramref name="step"/>: one write per shard they fall in. Idempotent.</summary>
    public async Task MarkAllAsync(string runId, int attempt, ProgressStep step, IReadOnlyCollection<int> batchIndexes, CancellationToken cancellationToken)
    {
        foreach (var shard in batchIndexes.GroupBy(ShardOf))
        {
            await UpdateShardAsync(runId, RowKeyOf(step.ToCode(), shard.Key), attempt, (_, bits) => shard.Aggregate(false, (changed, index) => Set(bits, index / Shards) | changed), cancellationToken);
        }
    }

    /// <summary>
    /// Records <paramref name="batches"/> as failed with their reasons (one write per shard they fall in). A batch already recorded keeps
    /// its first reason. Returns the batch indices this call recorded.
    /// </summary>
    public async Task<IReadOnlyList<int>> RecordFailedAsync(string runId, int attempt, IReadOnlyCollection<FailedBatch> batches, CancellationToken cancellationToken)
    {
        var recorded = new List<int>();
        foreach (var shard in batches.GroupBy(b => ShardOf(b.BatchIndex)))
        {
            var newly = new List<FailedBatch>();
            await UpdateShardAsync(runId, RowKeyOf(FailedRows, shard.Key), attempt, (row, bits) =>
            {
                newly.Clear();
                newly.AddRange(shard.Where(b => Set(bits, b.BatchIndex / Shards)));
                row.FailedJson = Serialize(Deserialize<FailedBatch>(row.FailedJson)
                    .Concat(newly.Select(b => b with { Reason = Shorten(b.Reason) }))
                    .OrderBy(b => b.BatchIndex)
                    .Take(FailedListedPerShard));
                return newly.Count > 0;
            }, cancellationToken);
            recorded.AddRange(newly.Select(b => b.BatchIndex));
        }

        return recorded;
    }

    /// <summary>The batches of <paramref name="attempt"/> not yet marked done with <paramref name="step"/>, in order (one query).</summary>
    public async Task<IReadOnlyList<int>> PendingAsync(string runId, int attempt, ProgressStep step, int batchCount, CancellationToken cancellationToken)
    {
        var done = new bool[batchCount];
        var prefix = step.ToCode() + "-";
        await foreach (var row in Table.QueryAsync<RunProgressEntity>(r => r.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            if (row.Attempt != attempt || !row.RowKey.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(row.RowKey.AsSpan(prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var shard))
            {
                continue;
            }

            var bits = new BitArray(row.Done ?? []);
            for (var position = 0; position < bits.Length; position++)
            {
                var index = (position * Shards) + shard;
                if (bits[position] && index < batchCount)
                {
                    done[index] = true;
                }
            }
        }

        return [.. Enumerable.Range(0, batchCount).Where(index => !done[index])];
    }

    /// <summary>
    /// Keeps the last error of a step of a run (<paramref name="batchIndex"/> null: the run's aggregation), for the poison handler to name.
    /// Overwrites: the latest delivery's error is the one that counts.
    /// </summary>
    public async Task RecordErrorAsync(string runId, int attempt, string step, int? batchIndex, string error, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new StepErrorEntity { PartitionKey = ErrorPartition(runId), RowKey = ErrorRow(step, batchIndex), Attempt = attempt, Error = Shorten(error) },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>The last error recorded by <see cref="RecordErrorAsync"/> for this attempt, or null.</summary>
    public async Task<string?> GetErrorAsync(string runId, int attempt, string step, int? batchIndex, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<StepErrorEntity>(ErrorPartition(runId), ErrorRow(step, batchIndex), cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.Attempt == attempt ? response.Value.Error : null;
    }

    /// <summary>Shortens a reason to what a row keeps (<see cref="MaxReasonLength"/>).</summary>
    public static string Shorten(string reason) =>
        reason.Length <= MaxReasonLength ? reason : reason[..(MaxReasonLength - 1)] + "…";

    private static string ErrorPartition(string runId) => runId + "-errors";

    private static string ErrorRow(string step, int? batchIndex) => batchIndex is { } index ? $"{step}-{index:D4}" : step;

    /// <summary>
    /// Reads, changes and writes one shard row of <paramref name="attempt"/> until the write wins (a row of an older attempt is
    /// started afresh). <paramref name="change"/> gets the row and its bitmap and returns false to leave the row as it is. Returns the
    /// bitmap as stored.
    /// </summary>
    private async Task<BitArray> UpdateShardAsync(string runId, string rowKey, int attempt, Func<RunProgressEntity, BitArray, bool> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await Table.GetEntityIfExistsAsync<RunProgressEntity>(runId, rowKey, cancellationToken: cancellationToken);
            var stored = response.HasValue ? response.Value : null;
            var row = stored is not null && stored.Attempt == attempt ? stored : new RunProgressEntity { PartitionKey = runId, RowKey = rowKey, Attempt = attempt, ETag = stored?.ETag ?? default };
            var done = new BitArray(row.Done ?? []);
            if (!change(row, done))
            {
                return done;
            }

            row.Done = ToBytes(done);
            if (stored is null ? await Table.TryAddAsync(row, cancellationToken) : await Table.TryReplaceAsync(row, cancellationToken))
            {
                return done;
            }

            // Another batch of the shard wrote in between: read again and change again.
        }
    }

    /// <summary>Sets bit <paramref name="position"/>, growing the bitmap by whole bytes; false when it was set already.</summary>
    private static bool Set(BitArray bits, int position)
    {
        if (position < bits.Length && bits[position])
        {
            return false;
        }

        if (bits.Length <= position)
        {
            bits.Length = ((position / 8) + 1) * 8;
        }

        bits[position] = true;
        return true;
    }

    /// <summary>The progress of <paramref name="attempt"/>: one query over the run's partition (2 × <see cref="Shards"/> rows).</summary>
    public async Task<RunProgress> ReadAsync(string runId, int attempt, CancellationToken cancellationToken)
    {
        int collected = 0, scored = 0, pages = 0, skipped = 0, posts = 0, failed = 0;
        var listed = new List<SkippedInBatch>();
        var notices = new SortedSet<string>(StringComparer.Ordinal);
        var failures = new List<FailedBatch>();
        DateTimeOffset? lastActivity = null;
        await foreach (var row in Table.QueryAsync<RunProgressEntity>(r => r.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            if (row.Attempt != attempt)
            {
                continue;
            }

            if (row.Timestamp > lastActivity || lastActivity is null)
            {
                lastActivity = row.Timestamp;
            }

            var done = CountSet(new BitArray(row.Done ?? []));
            if (row.RowKey.StartsWith(ProgressStep.Score.ToCode(), StringComparison.Ordinal))
            {
                scored += done;
                continue;
            }

            if (row.RowKey.StartsWith(FailedRows, StringComparison.Ordinal))
            {
                failed += done;
                failures.AddRange(Deserialize<FailedBatch>(row.FailedJson));
                continue;
            }

            collected += done;
            var counts = row.Counts ?? [];
            for (var offset = 0; offset + (CountsPerBatch * sizeof(int)) <= counts.Length; offset += CountsPerBatch * sizeof(int))
            {
                pages += BinaryPrimitives.ReadInt32LittleEndian(counts.AsSpan(offset));
                skipped += BinaryPrimitives.ReadInt32LittleEndian(counts.AsSpan(offset + sizeof(int)));
                posts += BinaryPrimitives.ReadInt32LittleEndian(counts.AsSpan(offset + (2 * sizeof(int))));
            }

            listed.AddRange(Deserialize<SkippedInBatch>(row.SkippedJson));
            notices.UnionWith(Deserialize<string>(row.NoticesJson));
        }

        return new RunProgress(
            collected,
            scored,
            pages,
            skipped,
            posts,
            [.. listed.OrderBy(s => s.BatchIndex).ThenBy(s => s.Page.PageId, StringComparer.Ordinal)],
            [.. notices],
            failed,
            [.. failures.OrderBy(f => f.BatchIndex)],
            lastActivity);
    }

    private static void Record(RunProgressEntity row, int batchIndex, int position, BatchOutcome outcome)
    {
        var counts = row.Counts ?? [];
        var needed = (position + 1) * CountsPerBatch * sizeof(int);
        if (counts.Length < needed)
        {
            Array.Resize(ref counts, needed);
        }

        var offset = position * CountsPerBatch * sizeof(int);
        BinaryPrimitives.WriteInt32LittleEndian(counts.AsSpan(offset), outcome.PagesCollected);
        BinaryPrimitives.WriteInt32LittleEndian(counts.AsSpan(offset + sizeof(int)), outcome.PagesSkipped);
        BinaryPrimitives.WriteInt32LittleEndian(counts.AsSpan(offset + (2 * sizeof(int))), outcome.Posts);
        row.Counts = counts;

        // The shard keeps the skipped pages of its lowest batches, so the list does not depend on the order batches finish in.
        row.SkippedJson = Serialize(Deserialize<SkippedInBatch>(row.SkippedJson)
            .Where(s => s.BatchIndex != batchIndex)
            .Concat(outcome.Skipped.Select(page => new SkippedInBatch(batchIndex, page)))
            .OrderBy(s => s.BatchIndex)
            .ThenBy(s => s.Page.PageId, StringComparer.Ordinal)
            .Take(SkippedListedPerShard));
        row.NoticesJson = Serialize(Deserialize<string>(row.NoticesJson).Concat(outcome.Notices).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(NoticesPerShard));
    }

    private static string RowKeyOf(string rows, int shard) => $"{rows}-{shard:D2}";

    private static int CountSet(BitArray bits)
    {
        var count = 0;
        for (var i = 0; i < bits.Length; i++)
        {
            count += bits[i] ? 1 : 0;
        }

        return count;
    }

    private static byte[] ToBytes(BitArray bits)
    {
        var bytes = new byte[(bits.Length + 7) / 8];
        bits.CopyTo(bytes, 0);
        return bytes;
    }

    private static string Serialize<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items, JsonConventions.Options);

    private static List<T> Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<T>>(json, JsonConventions.Options) ?? [];
}

/// <summary>One shard of one step of a run, a row of table <c>runprogress</c>. Property names are the column names.</summary>
internal sealed class RunProgressEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The attempt the row counts; a row of an older attempt counts nothing for a newer one.</summary>
    public int Attempt { get; set; }

    /// <summary>Bit p set: batch <c>p × shards + shard</c> finished the step.</summary>
    public byte[]? Done { get; set; }

    /// <summary>Collect only: per position p, three little-endian Int32 — pages collected, pages skipped, posts.</summary>
    public byte[]? Counts { get; set; }

    /// <summary>Collect only: the skipped pages of the shard's lowest batches, a JSON array of <see cref="SkippedInBatch"/>.</summary>
    public string SkippedJson { get; set; } = "[]";

    /// <summary>Collect only: the distinct notices of the shard's batches, a JSON array.</summary>
    public string NoticesJson { get; set; } = "[]";

    /// <summary>Failed rows only: the shard's lowest failed batches with their reasons, a JSON array of <see cref="FailedBatch"/>.</summary>
    public string FailedJson { get; set; } = "[]";
}

/// <summary>The last error of a failing step of a run (partition <c>{run}-errors</c> of table <c>runprogress</c>).</summary>
internal sealed class StepErrorEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Attempt { get; set; }

    public string Error { get; set; } = "";
}
