using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.Demo;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.ContentQuality.Trainer.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageTrainingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Training_from_storage_reads_the_latest_attempt_of_completed_runs_and_skips_unsettled_posts()
    {
        var day = new DateOnly(2026, 11, 28);
        var source = new DemoPageSource(new DemoSourceOptions { PageCount = 80 });
        await StoreRunAsync("2026-11-28", day, source, attempt: 2, RunPhase.Completed);
        await StoreRunAsync("2026-11-27", day.AddDays(-1), source, attempt: 1, RunPhase.Collecting);
        using var temp = new TempDirectory();

        var result = await Cli.SucceedAsync("train", "--storage", azurite.ConnectionString, "--out", temp.Path, "--trees", "20", "--leaves", "8");

        var manifest = CsvTrainingTests.ReadManifest(temp.Path);
        Assert.StartsWith("stored runs 2026-11-28 (", manifest.Data.Source);
        Assert.DoesNotContain("2026-11-27", manifest.Data.Source);
        Assert.DoesNotContain(azurite.ConnectionString, result.Output + result.Error + manifest.Data.Source);

        var unknown = await Cli.RunAsync("train", "--storage", azurite.ConnectionString, "--runs", "2026-11-27", "--out", temp.File("other"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("run '2026-11-27' is collecting, not completed", unknown.Error);
    }

    [Fact]
    public async Task Unreachable_storage_ends_quickly_with_exit_code_3_and_never_prints_the_connection_string()
    {
        var closed = ClosedPort();
        var connectionString = new AzuriteEndpoints(closed, closed, closed).ConnectionString;
        var clock = Stopwatch.StartNew();

        var list = await Cli.RunAsync("list", "--registry-storage", connectionString);
        var train = await Cli.RunAsync("train", "--storage", connectionString, "--out", "unused");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        foreach (var result in new[] { list, train })
        {
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("is not reachable", result.Error);
            Assert.DoesNotContain("AccountKey", result.Output + result.Error);
        }

        Assert.Contains("--registry-storage", list.Error);
        Assert.Contains("--storage", train.Error);
    }

    /// <summary>A completed run as the pipeline leaves it: the run row, its batches of this attempt, and their raw snapshots.</summary>
    private async Task StoreRunAsync(string runId, DateOnly metricDay, DemoPageSource source, int attempt, RunPhase status)
    {
        var runs = new RunStore(azurite.Storage);
        var blobs = new JsonBlobStore(azurite.Storage);
        var batches = new List<BatchEntity>();
        foreach (var (platform, pages) in source.ListPages().GroupBy(p => p.Platform).Select(g => (g.Key, g.ToList())))
        {
            var index = batches.Count;
            var request = new CollectRequest(runId, metricDay, MoscowTime.EndOfDay(metricDay), platform, pages);
            var collected = await source.CollectAsync(request, CancellationToken.None);
            var snapshot = new RawSnapshot(RawSnapshot.CurrentSchemaVersion, runId, metricDay, platform, index, source.Name, source.IsDemo,
                request.AsOf, request.WindowStart, collected.Pages, collected.Skipped);
            var blob = StorageNames.RawSnapshotBlob(runId, platform, index);
            await blobs.WriteAsync(StorageNames.RawContainer, blob, snapshot, null, CancellationToken.None);
            batches.Add(new BatchEntity { PartitionKey = runId, RowKey = BatchEntity.RowKeyOf(index), Attempt = attempt, Platform = platform.ToCode() });
        }

        // A batch of an earlier attempt whose snapshot is gone: reading it would fail the training.
        batches.Add(new BatchEntity { PartitionKey = runId, RowKey = BatchEntity.RowKeyOf(99), Attempt = attempt - 1, Platform = Platform.Vk.ToCode() });
        await runs.UpsertBatchesAsync(batches, CancellationToken.None);
        await runs.TryAddRunAsync(new RunEntity { RowKey = runId, MetricDay = runId, Attempt = attempt, Phase = status, BatchCount = batches.Count - 1 }, CancellationToken.None);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
