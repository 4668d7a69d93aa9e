using Azure.Data.Tables;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host process is killed in the middle of a run; a new one finishes the run and nothing is doubled or lost.</summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int PageCount = 300;
    private readonly AzuriteFixture azurite = new();

    public Task InitializeAsync() => azurite.InitializeAsync();

    public Task DisposeAsync() => azurite.DisposeAsync();

    [Fact]
    public async Task Run_interrupted_by_a_killed_process_completes_after_restart_with_nothing_doubled()
    {
        var port = AzuriteEndpoints.OnFreePorts().BlobPort;
        using (var first = StartLocalHost(port, exitAfterRun: false))
        {
            // Wait until the run is visibly under way — some batches scored, not all — then kill without warning.
            // A host started while the other test classes load both cores can take a while to begin: 4 minutes, and a failure says
            // where the run stood and what the host last printed.
            var deadline = DateTime.UtcNow.AddMinutes(4);
            (int Scored, int Total) seen = default;
            while (true)
            {
                Assert.False(first.HasExited, "The local host exited before it could be killed:\n" + string.Join('\n', first.Lines.TakeLast(20)));
                Assert.True(DateTime.UtcNow < deadline, $"The run did not get under way ({seen.Scored} of {seen.Total} batches scored):\n" + string.Join('\n', first.Lines.TakeLast(20)));
                var (scored, total) = seen = await ScoredAsync();
                if (scored >= 2 && scored < total)
                {
                    break;
                }

                await Task.Delay(100);
            }

            first.Signal(LocalHostInTerminal.SigKill);
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        }

        var interrupted = await GetRunAsync();
        Assert.NotEqual(RunPhase.Completed, interrupted.Phase);

        using (var second = StartLocalHost(port, exitAfterRun: true))
        {
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromMinutes(4)), "The restarted local host did not finish the run in time.");
            Assert.Equal(0, second.ExitCode);
            Assert.Contains(second.Lines, line => line.Contains("messages that are not visible yet", StringComparison.Ordinal) && line.Contains("00:00:30", StringComparison.Ordinal));
        }

        var run = await GetRunAsync();
        Assert.Equal(RunPhase.Completed, run.Phase);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(1, run.AggregationCount);
        var progress = await new RunProgressStore(azurite.Storage).ReadAsync(run.RowKey, run.Attempt, CancellationToken.None);
        Assert.Equal(run.BatchCount, progress.Scored);
        Assert.Equal(run.BatchCount, progress.Collected);

        // Nothing doubled: one metrics row per page and period, each collected post once in the scored documents.
        var pageRows = await CountAsync(StorageNames.PageMetricsTable);
        Assert.Equal(DemoRegistry.Size(PageCount) * 3, pageRows);
        var blobs = new JsonBlobStore(azurite.Storage);
        var posts = 0;
        for (var batch = 0; batch < run.BatchCount; batch++)
        {
            var content = await blobs.ReadAsync<ScoredContent>(StorageNames.ScoredContainer, StorageNames.ScoredContentBlob(run.RowKey, batch), CancellationToken.None);
            posts += content!.Pages.Sum(p => p.Posts.Count);
        }

        Assert.Equal(progress.Posts, posts);
        var ranking = await new PackedBlobStore(azurite.Storage).ReadAsync<RankingTable>(
            StorageNames.RankingsContainer, StorageNames.RankingBlob(run.RowKey, GosAnalytics.Core.Domain.Period.Week, null), CancellationToken.None);
        Assert.Equal(DemoRegistry.Size(PageCount), ranking!.Count);
        Assert.Equal(DemoRegistry.Size(PageCount), Enumerable.Range(0, ranking.Count).Select(i => (ranking.Platforms[i], ranking.PageIds[i])).Distinct().Count());
        Assert.Equal(0, (await azurite.Storage.Queue(StorageNames.PoisonQueue(StorageNames.ScoreQueue)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private LocalHostInTerminal StartLocalHost(int port, bool exitAfterRun)
    {
        var settings = DemoPipelineFixture.Settings(azurite.ConnectionString, port);
        settings["Demo:PageCount"] = PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Demo:SimulatedLatencyMs"] = "150";
        settings["LocalHost:ExitAfterRun"] = exitAfterRun ? "true" : "false";

        // The restarted host says which messages wait for the killed one's leases (the default lease: 30 s, README "Operations").
        settings["Logging:LogLevel:GosAnalytics.LocalHost.Hosting.QueueListener"] = "Warning";
        return LocalHostInTerminal.Start(settings);
    }

    private async Task<RunEntity> GetRunAsync()
    {
        var runs = await new RunStore(azurite.Storage).ListRunsAsync(CancellationToken.None);
        return Assert.Single(runs);
    }

    private async Task<(int Scored, int Total)> ScoredAsync()
    {
        var runs = await new RunStore(azurite.Storage).ListRunsAsync(CancellationToken.None);
        if (runs.Count == 0 || runs[0].BatchCount == 0)
        {
            return (0, 0);
        }

        var progress = await new RunProgressStore(azurite.Storage).ReadAsync(runs[0].RowKey, runs[0].Attempt, CancellationToken.None);
        return (progress.Scored, runs[0].BatchCount);
    }

    private async Task<int> CountAsync(string table)
    {
        var count = 0;
        await foreach (var _ in azurite.Storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
