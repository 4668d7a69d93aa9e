using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;

namespace GosAnalytics.TestSupport.FaultDrills;

/// <summary>A batch that fails on every delivery, made the way a real one could: its raw snapshot is unreadable.</summary>
public static class RawSnapshotFaults
{
    /// <summary>
    /// Makes batches 0 to <paramref name="batches"/> − 1 of attempt 1 of <paramref name="day"/>'s run find an unreadable raw snapshot
    /// "already collected", whichever platform each is: their collect step then fails on every delivery.
    /// </summary>
    public static async Task CorruptAsync(StorageClients storage, DateOnly day, int batches, CancellationToken cancellationToken = default) =>
        await CorruptAsync(storage, day, Enumerable.Range(0, batches), cancellationToken);

    /// <summary>Makes the listed batches of attempt 1 of <paramref name="day"/>'s run find an unreadable raw snapshot.</summary>
    public static async Task CorruptAsync(StorageClients storage, DateOnly day, IEnumerable<int> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(batches);
        var runId = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var batch in batches)
        {
            foreach (var platform in EnumCodes.All<Platform>())
            {
                var blob = storage.Container(StorageNames.RawContainer).GetBlobClient(StorageNames.RawSnapshotBlob(runId, platform, batch));
                await blob.UploadAsync(BinaryData.FromString("not a snapshot"), overwrite: true, cancellationToken);
                await blob.SetMetadataAsync(new Dictionary<string, string> { ["attempt"] = "1" }, cancellationToken: cancellationToken);
            }
        }
    }
}
