using System.Collections.Concurrent;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>
/// Reads what aggregation wrote for the served run: ranking, organisation and content tables, regional summaries, the pages not collected, and a
/// batch's posts. The served pointer (<c>latest.json</c>, <see cref="ServedPointer"/>) names the served run's <see cref="RunStamp"/>
/// and outcome and a newer run that is not served; it is read at most once every <see cref="ServeOptions.LatestRunCacheSeconds"/>.
/// Documents are immutable per (run, attempt), so they are cached by that identity and loaded once each; a newer run replaces the
/// whole cache, so it never outgrows one run. Documents of earlier served runs (history, the previous period of a ranking) are kept in
/// a second cache bounded by <see cref="ServeOptions.PastDocumentCacheMegabytes"/>, least recently used first out.
/// </summary>
public sealed class RankingReader(JsonBlobStore blobs, PackedBlobStore tables, ServedPointerStore pointer, IOptions<ServeOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Task<IRunSnapshot?>> cache = new(StringComparer.Ordinal);
    private readonly Lock generationLock = new();
    private string generation = "";
    private (ServedPointer? Pointer, long ReadAt)? latest;
    private Task<ServedPointer?>? pointerRead;
    private readonly PastDocumentCache past = new(options.Value.PastDocumentCacheMegabytes * 1024L * 1024L);

    /// <summary>
    /// The served pointer, as read within the last <see cref="ServeOptions.LatestRunCacheSeconds"/>; null before any run finished. Its
    /// <see cref="ServedPointer.Run"/> is null until a run is served.
    /// </summary>
    public async Task<ServedPointer?> GetServedAsync(CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromSeconds(options.Value.LatestRunCacheSeconds);
        Task<ServedPointer?> read;
        lock (generationLock)
        {
            if (latest is { } known && clock.GetElapsedTime(known.ReadAt) < maxAge)
            {
                return known.Pointer;
            }

            // One read of the pointer at a time, whatever the number of requests waiting for it; a finished read is never reused.
            if (pointerRead is null || pointerRead.IsCompleted)
            {
                pointerRead = ReadPointerAsync();
            }

            read = pointerRead;
        }

        return await read.WaitAsync(cancellationToken);
    }

    /// <summary>The served run (see <see cref="GetServedAsync"/>); null before any run is served.</summary>
    public async Task<RunStamp?> GetLatestAsync(CancellationToken cancellationToken) => (await GetServedAsync(cancellationToken))?.Run;

    public Task<RankingTable?> GetRankingTableAsync(RunStamp run, Period period, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.RankingBlob(run.RunId, period, regionCode), name => tables.ReadAsync<RankingTable>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<RegionSummarySnapshot?> GetRegionSummariesAsync(RunStamp run, Period period, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.RegionSummariesBlob(run.RunId, period), name => blobs.ReadAsync<RegionSummarySnapshot>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<ContentTable?> GetContentTableAsync(RunStamp run, Period period, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.ContentBlob(run.RunId, period, regionCode), name => tables.ReadAsync<ContentTable>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<UnansweredCommentsSnapshot?> GetUnansweredAsync(RunStamp run, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.UnansweredBlob(run.RunId, regionCode), name => blobs.ReadAsync<UnansweredCommentsSnapshot>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<OrganisationTable?> GetOrganisationTableAsync(RunStamp run, Period period, int? regionCode, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.OrganisationsBlob(run.RunId, period, regionCode), name => tables.ReadAsync<OrganisationTable>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<PeerBenchmarkSnapshot?> GetPeerBenchmarksAsync(RunStamp run, Period period, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.PeerBenchmarksBlob(run.RunId, period), name => blobs.ReadAsync<PeerBenchmarkSnapshot>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    public Task<NotCollectedPages?> GetNotCollectedAsync(RunStamp run, CancellationToken cancellationToken) =>
        GetCachedAsync(run, StorageNames.NotCollectedBlob(run.RunId), name => blobs.ReadAsync<NotCollectedPages>(StorageNames.RankingsContainer, name, CancellationToken.None), cancellationToken);

    /// <summary>The posts of one batch of the run (not cached: a page profile needs one page of it, and the answer is cached above).</summary>
    public async Task<ScoredContent?> GetBatchContentAsync(RunStamp run, int batchIndex, CancellationToken cancellationToken)
    {
        var content = await blobs.ReadAsync<ScoredContent>(StorageNames.ScoredContainer, StorageNames.ScoredContentBlob(run.RunId, batchIndex), cancellationToken);
        return content is not null && content.Attempt == run.Attempt ? content : null;
    }

    private async Task<ServedPointer?> ReadPointerAsync()
    {
        var served = await pointer.ReadAsync(CancellationToken.None);
        lock (generationLock)
        {
            latest = (served, clock.GetTimestamp());
        }

        return served;
    }

    private async Task<T?> GetCachedAsync<T>(RunStamp run, string blobName, Func<string, Task<T?>> load, CancellationToken cancellationToken)
        where T : class, IRunSnapshot
    {
        var current = $"{run.RunId}#{run.Attempt}";
        bool earlier;
        lock (generationLock)
        {
            earlier = latest?.Pointer?.Run is { } served && (served.RunId != run.RunId || served.Attempt != run.Attempt);
        }

        if (earlier)
        {
            // An earlier run than the one served (history, a previous period): the bounded cache, so that the served run's stays.
            return (T?)await past.GetAsync($"{blobName}#{run.Attempt}", async () => await load(blobName), snapshot => snapshot.Run.Attempt == run.Attempt, SizeOf, cancellationToken);
        }

        lock (generationLock)
        {
            // Everything cached here belongs to one (run, attempt); a newer one replaces it all.
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

    /// <summary>
    /// What a document holds in memory, roughly: a ranking table ≈ 600 bytes an entry (names, ids, components, metrics, orders and the
    /// position index), a region summary ≈ 2 KB a region.
    /// </summary>
    private static long SizeOf(IRunSnapshot snapshot) => snapshot switch
    {
        RankingTable table => 4096 + (600L * table.Count),
        RegionSummarySnapshot regions => 4096 + (2048L * regions.Regions.Count),
        _ => 64 * 1024,
    };

    private static async Task<IRunSnapshot?> LoadAsync<T>(string blobName, Func<string, Task<T?>> load)
        where T : class, IRunSnapshot =>
        await load(blobName);
}
