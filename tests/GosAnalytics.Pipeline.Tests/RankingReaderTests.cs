using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The read side's pointer cache: requests do not read the pointer each time, and a new run is served once the cache time has passed.</summary>
public sealed class RankingReaderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 21, 1, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => azurite.EmptyContainerAsync(StorageNames.RankingsContainer);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_run_is_served_once_the_pointer_cache_time_has_passed_and_not_read_before()
    {
        var blobs = new JsonBlobStore(azurite.Storage);
        var reader = new RankingReader(blobs, new PackedBlobStore(azurite.Storage), new ServedPointerStore(blobs), Options.Create(new ServeOptions { LatestRunCacheSeconds = 5 }), clock);
        Assert.Null(await reader.GetLatestAsync(CancellationToken.None));

        await WritePointerAsync(blobs, "2026-11-20");
        Assert.Null(await reader.GetLatestAsync(CancellationToken.None)); // still within the cache time of the first read
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("2026-11-20", (await reader.GetLatestAsync(CancellationToken.None))?.RunId);

        await WritePointerAsync(blobs, "2026-11-21");
        var reads = azurite.Storage.Operations.Count(StorageOperationCounter.NoStage, StorageOperationKind.BlobRead);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("2026-11-20", (await reader.GetLatestAsync(CancellationToken.None))?.RunId);
        }

        Assert.Equal(reads, azurite.Storage.Operations.Count(StorageOperationCounter.NoStage, StorageOperationKind.BlobRead));
        clock.Advance(TimeSpan.FromSeconds(5.1));
        Assert.Equal("2026-11-21", (await reader.GetLatestAsync(CancellationToken.None))?.RunId);
    }

    private static async Task WritePointerAsync(JsonBlobStore blobs, string runId)
    {
        var stamp = new RunStamp(runId, 1, DateOnly.Parse(runId, System.Globalization.CultureInfo.InvariantCulture), "demo", true, DateTimeOffset.UnixEpoch);
        await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, stamp, null, CancellationToken.None);
    }
}
