using Azure;
using Azure.Data.Tables;

namespace GosAnalytics.Storage.Tables;

/// <summary>Runs and their batches in Table Storage. Writes that depend on what was read use ETags.</summary>
public sealed class RunStore(StorageClients clients)
{
    private TableClient Runs => clients.Table(StorageNames.RunsTable);

    private TableClient Batches => clients.Table(StorageNames.RunBatchesTable);

    public async Task<RunEntity?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        var response = await Runs.GetEntityIfExistsAsync<RunEntity>(RunEntity.Partition, runId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds a new run; false when another caller created it first.</summary>
    public Task<bool> TryAddRunAsync(RunEntity run, CancellationToken cancellationToken) =>
        Runs.TryAddAsync(run, cancellationToken);

    /// <summary>Replaces a run if nobody changed it since it was read; false on an ETag conflict.</summary>
    public Task<bool> TryUpdateRunAsync(RunEntity run, CancellationToken cancellationToken) =>
        Runs.TryReplaceAsync(run, cancellationToken);

    /// <summary>Reads, changes and writes a run until the write wins. <paramref name="change"/> returns false to leave the run as it is.</summary>
    public async Task<RunEntity?> UpdateRunAsync(string runId, Func<RunEntity, bool> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await GetRunAsync(runId, cancellationToken);
            if (run is null || !change(run))
            {
                return run;
            }

            if (await TryUpdateRunAsync(run, cancellationToken))
            {
                return run;
            }
        }
    }

    /// <summary>Every run (for tools that look across days, such as the trainer); the read side uses <see cref="GetLatestStartedAsync"/>.</summary>
    public async Task<IReadOnlyList<RunEntity>> ListRunsAsync(CancellationToken cancellationToken)
    {
        var runs = new List<RunEntity>();
        await foreach (var run in Runs.QueryAsync<RunEntity>(r => r.PartitionKey == RunEntity.Partition, cancellationToken: cancellationToken))
        {
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>The run whose attempt started last, from the pointer row; null before any run.</summary>
    public async Task<RunEntity?> GetLatestStartedAsync(CancellationToken cancellationToken)
    {
        var pointer = await Runs.GetEntityIfExistsAsync<LatestRunEntity>(LatestRunEntity.Partition, LatestRunEntity.Row, cancellationToken: cancellationToken);
        if (pointer.HasValue)
        {
            return await GetRunAsync(pointer.Value!.RunId, cancellationToken);
        }

        // Runs recorded before the pointer existed: find the latest once by listing them, and remember it.
        var latest = (await ListRunsAsync(cancellationToken)).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RowKey, StringComparer.Ordinal).FirstOrDefault();

        if (latest is not null)
        {
            await RecordStartedAsync(latest, cancellationToken);
        }

        return latest;
    }

    /// <summary>Moves the latest-run pointer to <paramref name="run"/> unless a later start is recorded already.</summary>
    public async Task RecordStartedAsync(RunEntity run, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await Runs.GetEntityIfExistsAsync<LatestRunEntity>(LatestRunEntity.Partition, LatestRunEntity.Row, cancellationToken: cancellationToken);
            var pointer = response.HasValue ? response.Value! : null;
            if (pointer is not null && (pointer.StartedAt > run.StartedAt || (pointer.StartedAt == run.StartedAt && pointer.RunId == run.RowKey)))
            {
                return;
            }

            var updated = new LatestRunEntity { RunId = run.RowKey, StartedAt = run.StartedAt, ETag = pointer?.ETag ?? default };
            if (pointer is null ? await Runs.TryAddAsync(updated, cancellationToken) : await Runs.TryReplaceAsync(updated, cancellationToken))
            {
                return;
            }

            // Another start moved it meanwhile: decide again.
        }
    }

    /// <summary>Which batch rows a run has, for which attempt and platform (the page lists are not read).</summary>
    public async Task<IReadOnlyList<(int BatchIndex, int Attempt, string Platform)>> ListBatchAttemptsAsync(string runId, CancellationToken cancellationToken)
    {
        var batches = new List<(int, int, string)>();
        var columns = new[] { nameof(BatchEntity.RowKey), nameof(BatchEntity.Attempt), nameof(BatchEntity.Platform) };
        await foreach (var batch in Batches.QueryAsync<BatchEntity>(b => b.PartitionKey == runId, select: columns, cancellationToken: cancellationToken))
        {
            batches.Add((batch.BatchIndex, batch.Attempt, batch.Platform));
        }

        return batches;
    }

    public async Task<BatchEntity?> GetBatchAsync(string runId, int batchIndex, CancellationToken cancellationToken)
    {
        var response = await Batches.GetEntityIfExistsAsync<BatchEntity>(runId, BatchEntity.RowKeyOf(batchIndex), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Upserts batches of one run in transactions of up to 100 rows (they share the run's partition).</summary>
    public async Task UpsertBatchesAsync(IEnumerable<BatchEntity> batches, CancellationToken cancellationToken)
    {
        foreach (var chunk in batches.Chunk(100))
        {
            await Batches.SubmitTransactionAsync(chunk.Select(b => new TableTransactionAction(TableTransactionActionType.UpsertReplace, b)), cancellationToken);
        }
    }

    public Task DeleteBatchAsync(string runId, int batchIndex, CancellationToken cancellationToken) =>
        Batches.DeleteEntityAsync(runId, BatchEntity.RowKeyOf(batchIndex), ETag.All, cancellationToken);
}
