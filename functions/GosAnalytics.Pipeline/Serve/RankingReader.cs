using System.Collections.Concurrent;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>
/// Reads the documents aggregation wrote for the latest completed run: ranking snapshots, regional summaries and top content.
/// The pointer blob (<c>latest.json</c>) holds the served run's <see cref="RunStamp"/>.
/// They are immutable per (run, attempt), so they are cached by that identity; only the small pointer blob is read per request.
/// </summary>
public sealed class RankingReader(JsonBlobStore blobs)
{
    private readonly ConcurrentDictionary<string, Task<IRunSnapshot?>> cache = new(StringComparer.Ordinal);
    private readonly Lock generationLock = new();
    private string generation = "";

    public Task<RunStamp?> GetLatestAsync(CancellationToken cancellationToken) =>
        blobs.ReadAsync<RunStamp>(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, cancellationToken);

    public Task<RankingSnapshot?> GetSnapshotAsync(RunStamp latest, Period period, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync<RankingSnapshot>(latest, StorageNames.RankingBlob(latest.RunId, period, regionCode), cancellationToken);

    public Task<RegionSummarySnapshot?> GetRegionSummariesAsync(RunStamp latest, Period period, CancellationToken cancellationToken) =>
        GetCachedAsync<RegionSummarySnapshot>(latest, StorageNames.RegionSummariesBlob(latest.RunId, period), cancellationToken);

    public Task<ContentSnapshot?> GetContentAsync(RunStamp latest, Period period, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync<ContentSnapshot>(latest, StorageNames.ContentBlob(latest.RunId, period, regionCode), cancellationToken);

    private async Task<T?> GetCachedAsync<T>(RunStamp latest, string blobName, CancellationToken cancellationToken)
        where T : class, IRunSnapshot
    {
        // Everything cached belongs to one (run, attempt); a newer one replaces it all, so the cache never outgrows one run.
        var current = $"{latest.RunId}#{latest.Attempt}";
        lock (generationLock)
        {
            if (generation != current)
            {
                cache.Clear();
                generation = current;
            }
        }

        var key = $"{blobName}#{latest.Attempt}";
        var load = cache.GetOrAdd(key, _ => LoadAsync<T>(blobName));
        try
        {
            var snapshot = (T?)await load.WaitAsync(cancellationToken);
            if (snapshot is not null && snapshot.Run.Attempt != latest.Attempt)
            {
                // A rerun is overwriting this run's snapshots right now; do not keep the mixed read.
                cache.TryRemove(key, out _);
            }

            return snapshot;
        }
        catch
        {
            cache.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<IRunSnapshot?> LoadAsync<T>(string blobName)
        where T : class, IRunSnapshot =>
        await blobs.ReadAsync<T>(StorageNames.RankingsContainer, blobName, CancellationToken.None);
}
