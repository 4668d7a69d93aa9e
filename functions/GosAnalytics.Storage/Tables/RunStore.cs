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
    public async Task<bool> TryAddRunAsync(RunEntity run, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Runs.AddEntityAsync(run, cancellationToken);
            run.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces a run if nobody changed it since it was read; false on an ETag conflict.</summary>
    public async Task<bool> TryUpdateRunAsync(RunEntity run, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Runs.UpdateEntityAsync(run, run.ETag, TableUpdateMode.Replace, cancellationToken);
            run.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            return false;
        }
    }

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

    public async Task<IReadOnlyList<RunEntity>> ListRunsAsync(CancellationToken cancellationToken)
    {
        var runs = new List<RunEntity>();
        await foreach (var run in Runs.QueryAsync<RunEntity>(r => r.PartitionKey == RunEntity.Partition, cancellationToken: cancellationToken))
        {
            runs.Add(run);
        }

        return runs;
    }

    public async Task<IReadOnlyList<BatchEntity>> ListBatchesAsync(string runId, CancellationToken cancellationToken)
    {
        var batches = new List<BatchEntity>();
        await foreach (var batch in Batches.QueryAsync<BatchEntity>(b => b.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            batches.Add(batch);
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

    public Task DeleteBatchAsync(BatchEntity batch, CancellationToken cancellationToken) =>
        Batches.DeleteEntityAsync(batch.PartitionKey, batch.RowKey, ETag.All, cancellationToken);

    /// <summary>Moves a batch forward to <paramref name="phase"/> (never backwards) for the given attempt. Returns the batch as stored.</summary>
    public async Task<BatchEntity?> AdvanceBatchAsync(string runId, int batchIndex, int attempt, BatchPhase phase, Action<BatchEntity>? change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await GetBatchAsync(runId, batchIndex, cancellationToken);
            if (batch is null || batch.Attempt != attempt || batch.Phase >= phase)
            {
                return batch;
            }

            batch.Phase = phase;
            change?.Invoke(batch);
            try
            {
                await Batches.UpdateEntityAsync(batch, batch.ETag, TableUpdateMode.Replace, cancellationToken);
                return batch;
            }
            catch (RequestFailedException error) when (error.Status == 412)
            {
                // Someone else moved it meanwhile: read again and decide again.
            }
        }
    }

}
