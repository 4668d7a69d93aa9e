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

/// <summary>How far one attempt of a run got: batches done per step, what collection found, the first skipped pages and the notices.</summary>
public sealed record RunProgress(
    int Collected,
    int Scored,
    int PagesCollected,
    int PagesSkipped,
    int Posts,
    IReadOnlyList<SkippedInBatch> Skipped,
    IReadOnlyList<string> Notices);

/// <summary>The result of marking a batch done: whether this call marked it, and whether its shard now has every batch of the step.</summary>
public readonly record struct ShardMark(bool Newly, bool ShardComplete);

/// <summary>
/// Per-batch progress of a run, table <c>runprogress</c>: partition = run id, one row per step and shard (<c>collect-07</c>,
/// <c>score-07</c>); batch b belongs to shard b mod <see cref="Shards"/>. A row holds a bitmap of its batches that finished the step
/// and, for collect, each batch's counts. Marking a batch sets its bit under the row's ETag, so a repeated message counts once
/// and no write is lost; a step's total is the sum over <see cref="Shards"/> rows. Coordination therefore costs O(1) storage
/// operations per batch — never a listing of the run's batches — and concurrent batches of one run contend on 16 rows, not one.
/// </summary>
public sealed class RunProgressStore(StorageClients clients)
{
    /// <summary>Rows per step. Enough that concurrent writers rarely meet on one row; few enough that reading a run is one small query.</summary>
    public const int Shards = 16;

    /// <summary>Skipped pages a shard keeps for the report (those of its lowest batch indices); the counts are always complete.</summary>
    public const int SkippedListedPerShard = 32;

    /// <summary>Distinct notices a shard keeps.</summary>
    public const int NoticesPerShard = 32;

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
        var expected = BatchesInShard(batchCount, shard);
        var rowKey = RowKeyOf(step, shard);
        while (true)
        {
            var response = await Table.GetEntityIfExistsAsync<RunProgressEntity>(runId, rowKey, cancellationToken: cancellationToken);
            var stored = response.HasValue ? response.Value : null;
            var row = stored is not null && stored.Attempt == attempt ? stored : new RunProgressEntity { PartitionKey = runId, RowKey = rowKey, Attempt = attempt, ETag = stored?.ETag ?? default };
            var done = new BitArray(row.Done ?? []);
            if (position < done.Length && done[position])
            {
                return new ShardMark(false, CountSet(done) >= expected);
            }

            if (done.Length <= position)
            {
                done.Length = ((position / 8) + 1) * 8;
            }

            done[position] = true;
            row.Done = ToBytes(done);
            if (outcome is not null)
            {
                Record(row, batchIndex, position, outcome);
            }

            if (stored is null ? await Table.TryAddAsync(row, cancellationToken) : await Table.TryReplaceAsync(row, cancellationToken))
            {
                return new ShardMark(true, CountSet(done) >= expected);
            }

            // Another batch of the shard wrote in between: read again and mark again.
        }
    }

    /// <summary>The progress of <paramref name="attempt"/>: one query over the run's partition (2 × <see cref="Shards"/> rows).</summary>
    public async Task<RunProgress> ReadAsync(string runId, int attempt, CancellationToken cancellationToken)
    {
        int collected = 0, scored = 0, pages = 0, skipped = 0, posts = 0;
        var listed = new List<SkippedInBatch>();
        var notices = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<RunProgressEntity>(r => r.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            if (row.Attempt != attempt)
            {
                continue;
            }

            var done = CountSet(new BitArray(row.Done ?? []));
            if (row.RowKey.StartsWith(ProgressStep.Score.ToCode(), StringComparison.Ordinal))
            {
                scored += done;
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

        return new RunProgress(collected, scored, pages, skipped, posts, [.. listed.OrderBy(s => s.BatchIndex).ThenBy(s => s.Page.PageId, StringComparer.Ordinal)], [.. notices]);
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

    private static string RowKeyOf(ProgressStep step, int shard) => $"{step.ToCode()}-{shard:D2}";

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
}
