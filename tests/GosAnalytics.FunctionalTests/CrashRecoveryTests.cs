using System.Diagnostics;
using Azure.Data.Tables;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host process is killed in the middle of a run; a new one finishes the run and nothing is doubled or lost.</summary>
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
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                Assert.False(first.HasExited, "The local host exited before it could be killed.");
                Assert.True(DateTime.UtcNow < deadline, "The run did not get under way.");
                var batches = await ListBatchesAsync();
                var scored = batches.Count(b => b.Phase == BatchPhase.Scored);
                if (scored >= 2 && scored < batches.Count)
                {
                    break;
                }

                await Task.Delay(100);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var interrupted = await GetRunAsync();
        Assert.NotEqual(RunPhase.Completed, interrupted.Phase);

        using (var second = StartLocalHost(port, exitAfterRun: true))
        {
            var exited = await Task.WhenAny(second.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(4)));
            Assert.True(second.HasExited, "The restarted local host did not finish the run in time.");
            Assert.Equal(0, second.ExitCode);
        }

        var run = await GetRunAsync();
        Assert.Equal(RunPhase.Completed, run.Phase);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(1, run.AggregationCount);
        Assert.All(await ListBatchesAsync(), b => Assert.Equal(BatchPhase.Scored, b.Phase));

        // Nothing doubled: one metrics row per page and period, one row per distinct post.
        var pageRows = await CountAsync(StorageNames.PageMetricsTable);
        Assert.Equal(PageCount * 3, pageRows);
        var postRows = await CountAsync(StorageNames.PostMetricsTable);
        Assert.Equal(run.BatchCount, (await ListBatchesAsync()).Count);
        Assert.Equal((await ListBatchesAsync()).Sum(b => b.Posts), postRows);
        var ranking = await new JsonBlobStore(azurite.Storage).ReadAsync<GosAnalytics.Storage.Contracts.RankingSnapshot>(
            StorageNames.RankingsContainer, StorageNames.RankingBlob(run.RowKey, GosAnalytics.Core.Domain.Period.Week, null), CancellationToken.None);
        Assert.Equal(PageCount, ranking!.Items.Count);
        Assert.Equal(PageCount, ranking.Items.Select(i => (i.Platform, i.PageId)).Distinct().Count());
        Assert.Equal(0, (await azurite.Storage.Queue(StorageNames.PoisonQueue(StorageNames.ScoreQueue)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private Process StartLocalHost(int port, bool exitAfterRun)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "GosAnalytics.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in DemoPipelineFixture.Settings(azurite.ConnectionString, port))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Demo__PageCount"] = PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Demo__SimulatedLatencyMs"] = "150";
        // A short lease, so that messages the killed process held come back within seconds instead of the host's 10 minutes.
        start.Environment["LocalHost__MessageLease"] = "00:00:04";
        start.Environment["LocalHost__ExitAfterRun"] = exitAfterRun ? "true" : "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<RunEntity> GetRunAsync()
    {
        var runs = await new RunStore(azurite.Storage).ListRunsAsync(CancellationToken.None);
        return Assert.Single(runs);
    }

    private async Task<IReadOnlyList<BatchEntity>> ListBatchesAsync()
    {
        var runs = await new RunStore(azurite.Storage).ListRunsAsync(CancellationToken.None);
        return runs.Count == 0 ? [] : await new RunStore(azurite.Storage).ListBatchesAsync(runs[0].RowKey, CancellationToken.None);
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
