using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Storage;

/// <summary>
/// The served pointer, <c>rankings/latest.json</c> (<see cref="ServedPointer"/>): which run the API serves, and a newer run that
/// finished without being served. Every change is a read-modify-write under the blob's ETag.
/// </summary>
public sealed class ServedPointerStore(JsonBlobStore blobs)
{
    /// <summary>The pointer, or null before any run finished. A pointer written before outcomes existed (a bare run stamp) is read as one.</summary>
    public async Task<ServedPointer?> ReadAsync(CancellationToken cancellationToken) => (await ReadWithETagAsync(cancellationToken))?.Pointer;

    /// <summary>
    /// Serves <paramref name="run"/>: the pointer moves to it unless a later metric day is served already (a rerun of an old day does not
    /// hide today's rankings). A newer run recorded as not served stays named while it is newer than the served one. False when not moved.
    /// </summary>
    public Task<bool> ServeAsync(RunStamp run, RunOutcome outcome, CancellationToken cancellationToken) =>
        ChangeAsync(
            current => current?.Run is { } served && served.MetricDay > run.MetricDay
                ? null
                : new ServedPointer(run, outcome, current?.Newer is { } newer && newer.MetricDay > run.MetricDay ? newer : null),
            cancellationToken);

    /// <summary>
    /// Records a run that finished without being served, so that answers name it, when it is at least as new as the served run and as
    /// any run recorded before it. The served run stays.
    /// </summary>
    public Task<bool> RecordNotServedAsync(RunOutcome outcome, CancellationToken cancellationToken) =>
        ChangeAsync(
            current => (current?.Run is { } served && served.MetricDay > outcome.MetricDay) || (current?.Newer is { } newer && newer.MetricDay > outcome.MetricDay)
                ? null
                : new ServedPointer(current?.Run, current?.Outcome, outcome),
            cancellationToken);

    /// <summary>Applies <paramref name="change"/> (null: leave as is) until the write wins.</summary>
    private async Task<bool> ChangeAsync(Func<ServedPointer?, ServedPointer?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await ReadWithETagAsync(cancellationToken);
            if (change(current?.Pointer) is not { } updated)
            {
                return false;
            }

            if (await blobs.TryReplaceAsync(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, updated, current?.ETag, cancellationToken))
            {
                return true;
            }
        }
    }

    private async Task<(ServedPointer Pointer, Azure.ETag ETag)?> ReadWithETagAsync(CancellationToken cancellationToken)
    {
        if (await blobs.ReadWithETagAsync<ServedPointer>(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, cancellationToken) is not { } read)
        {
            return null;
        }

        if (read.Document.Run is not null || read.Document.Newer is not null)
        {
            return read;
        }

        // A bare run stamp: the pointer as aggregation wrote it before run outcomes.
        var legacy = await blobs.ReadWithETagAsync<RunStamp>(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, cancellationToken);
        return legacy is { } stamp ? (new ServedPointer(stamp.Document, null, null), stamp.ETag) : null;
    }
}
