using System.Collections.Concurrent;
using GosAnalytics.Pipeline.Domain;
using GosAnalytics.Pipeline.Rankings;
using GosAnalytics.Pipeline.Storage;

namespace GosAnalytics.Pipeline.Serving;

/// <summary>
/// Reads the ranking snapshots of the latest completed run. Snapshots are immutable per (run, attempt), so they are cached by that identity;
/// only the small pointer blob is read per request.
/// </summary>
public sealed class RankingReader(JsonBlobStore blobs)
{
    private const int MaxCachedSnapshots = 64;
    private readonly ConcurrentDictionary<string, Task<RankingSnapshot?>> cache = new(StringComparer.Ordinal);

    public Task<LatestRankings?> GetLatestAsync(CancellationToken cancellationToken) =>
        blobs.ReadAsync<LatestRankings>(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, cancellationToken);

    public async Task<RankingSnapshot?> GetSnapshotAsync(LatestRankings latest, Period period, int? regionCode, CancellationToken cancellationToken)
    {
        var blobName = StorageNames.RankingBlob(latest.RunId, period, regionCode);
        var key = $"{blobName}#{latest.Attempt}";
        if (cache.Count > MaxCachedSnapshots)
        {
            cache.Clear();
        }

        var load = cache.GetOrAdd(key, _ => blobs.ReadAsync<RankingSnapshot>(StorageNames.RankingsContainer, blobName, CancellationToken.None));
        try
        {
            var snapshot = await load.WaitAsync(cancellationToken);
            if (snapshot is not null && snapshot.Attempt != latest.Attempt)
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
}
