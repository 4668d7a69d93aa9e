using System.Collections.Concurrent;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>
/// Reads what aggregation wrote for the latest completed run: ranking and content tables, regional summaries, and a batch's posts.
/// The pointer blob (<c>latest.json</c>) holds the served run's <see cref="RunStamp"/>; it is read at most once every
/// <see cref="ServeOptions.LatestRunCacheSeconds"/>. Documents are immutable per (run, attempt), so they are cached by that identity
/// and loaded once each; a newer run replaces the whole cache, so it never outgrows one run.
/// </summary>
public sealed class RankingReader(JsonBlobStore blobs, PackedBlobStore tables, IOptions<ServeOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Task<IRunSnapshot?>> cache = new(StringComparer.Ordinal);
    private readonly Lock generationLock = new();
    private string generation = "";
    private (RunStamp? Stamp, long ReadAt)? latest;
    private Task<RunStamp?>? pointerRead;

    /// <summary>The served run, from the pointer as read within the last <see cref="ServeOptions.LatestRunCacheSeconds"/>; null before any run completed.</summary>
    public async Task<RunStamp?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromSeconds(options.Value.LatestRunCacheSeconds);
        Task<RunStamp?> read;
        lock (generationLock)
        {
            if (latest is { } known && clock.GetElapsedTime(known.ReadAt) < maxAge)
            {
                return known.Stamp;
            }

            // One read of the pointer at a time, whatever the number of requests waiting for it.
            read = pointerRead ??= ReadPointerAsync();
        }

        return await read.WaitAsync(cancellationToken);
    }

    public Task<RankingTable?> GetRankingTableAsync(RunStamp run, Period period, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.RankingBlob(run.RunId, period, regionCode), name => tables.ReadAsync<RankingTable>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<RegionSummarySnapshot?> GetRegionSummariesAsync(RunStamp run, Period period, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.RegionSummariesBlob(run.RunId, period), name => blobs.ReadAsync<RegionSummarySnapshot>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<ContentTable?> GetContentTableAsync(RunStamp run, Period period, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.ContentBlob(run.RunId, period, regionCode), name => tables.ReadAsync<ContentTable>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    /// <summary>The posts of one batch of the run (not cached: a page profile needs one page of it, and the answer is cached above).</summary>
    public async Task<ScoredContent?> GetBatchContentAsync(RunStamp run, int batchIndex, CancellationToken cancellationToken)
    {
        var content = await blobs.ReadAsync<ScoredContent>(StorageNames.ScoredContainer, StorageNames.ScoredContentBlob(run.RunId, batchIndex), cancellationToken);
        return content is not null && content.Attempt == run.Attempt ? content : null;
    }

    private async Task<RunStamp?> ReadPointerAsync()
    {
        // Called under the lock to become pointerRead: if the read finished synchronously (an answer already waiting on the
        // socket), its finally would clear pointerRead before the caller set it, and the finished read would be served forever.
        await Task.Yield();
        try
        {
            var stamp = await blobs.ReadAsync<RunStamp>(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, CancellationToken.None);
            lock (generationLock)
            {
                latest = (stamp, clock.GetTimestamp());
            }

            return stamp;
        }
        finally
        {
            lock (generationLock)
            {
                pointerRead = null;
            }
        }
    }

    private async Task<T?> GetCachedAsync<T>(RunStamp run, string blobName, Func<string, Task<T?>> load, CancellationToken cancellationToken)
        where T : class, IRunSnapshot
    {
        // Everything cached belongs to one (run, attempt); a newer one replaces it all.
        var current = $"{run.RunId}#{run.Attempt}";
        lock (generationLock)
        {
            if (generation != current)
            {
                cache.Clear();
                generation = current;
            }
        }

        var key = $"{blobName}#{run.Attempt}";
        var loading = cache.GetOrAdd(key, _ => LoadAsync(blobName, load));
        try
        {
            var snapshot = (T?)await loading.WaitAsync(cancellationToken);
            if (snapshot is not null && snapshot.Run.Attempt != run.Attempt)
            {
                // A rerun is overwriting this run's documents right now; do not keep the mixed read.
                cache.TryRemove(key, out _);
            }

            return snapshot;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cache.TryRemove(key, out _);
            throw;
        }
    }

    private static async Task<IRunSnapshot?> LoadAsync<T>(string blobName, Func<string, Task<T?>> load)
        where T : class, IRunSnapshot =>
        await load(blobName);
}
