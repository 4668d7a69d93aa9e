using Azure;
using Azure.Data.Tables;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// The two writes of every read-modify-write on a table row: add a row nobody has yet, or replace one nobody changed
/// since it was read. Each answers false when another writer got there first, so the caller reads again.
/// </summary>
public static class OptimisticWrites
{
    /// <summary>Adds <paramref name="entity"/> and keeps its new ETag; false when the row already exists (409).</summary>
    public static async Task<bool> TryAddAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces <paramref name="entity"/> if its ETag still matches and keeps the new one; false when another writer changed the row (412).</summary>
    public static async Task<bool> TryReplaceAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            return false;
        }
    }
}
