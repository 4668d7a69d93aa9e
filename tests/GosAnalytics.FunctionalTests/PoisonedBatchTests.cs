using System.Net;
using System.Text.Json;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;
using GosAnalytics.TestSupport.FaultDrills;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// A poisoned batch on the local host's real queues: a raw snapshot that cannot be read makes its collect message fail on every
/// delivery; it reaches <c>collect-poison</c>, whose function names the batch with the error, and the run ends partial. On a first
/// run that leaves too little to serve, every read route answers 404 and names the run and why.
/// </summary>
public sealed class PoisonedBatchTests : IAsyncLifetime
{
    private const string Day = "2026-11-20";
    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings["LocalHost:RunTimersAtStartup"] = "false";
            settings["Serve:LatestRunCacheSeconds"] = "0"; // the answers name the run as soon as it ends
            settings["Pipeline:MinServedCoverage"] = "0.9"; // one lost batch of 25 leaves 143 of the 168 pages: 85 %, below it
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_corrupted_raw_snapshot_fails_its_batch_through_the_poison_queue_and_the_first_run_ends_partial_and_unserved()
    {
        // Batch 0's snapshot of attempt 1 is "already collected" but unreadable.
        await RawSnapshotFaults.CorruptAsync(azurite.Storage, new DateOnly(2026, 11, 20), batches: 1);

        var run = await TestRuns.RunDayAsync(host!.Http, new DateOnly(2026, 11, 20));

        Assert.Equal("partial", run.GetProperty("status").GetString());
        OpenApiServedTests.AssertMatches("/api/runs/latest", "200", "application/json", run.GetRawText());
        var failed = Assert.Single(run.GetProperty("failedBatches").EnumerateArray());
        Assert.Equal((0, "collect"), (failed.GetProperty("batch").GetInt32(), failed.GetProperty("step").GetString()));
        Assert.Contains("collect failed on every delivery: InvalidDataException", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.GetProperty("batches").GetProperty("failed").GetInt32());
        var outcome = run.GetProperty("outcome");
        Assert.False(outcome.GetProperty("served").GetBoolean());
        Assert.Equal(["belowCoverage", "batchesFailed"], outcome.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("servedRunId").ValueKind);
        Assert.Equal(0, (await azurite.Storage.Queue(StorageNames.CollectPoisonQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);

        foreach (var route in new[] { "rankings", "regions", "posts/top", "broadcasts/top", "regions/28" })
        {
            using var response = await host.Http.GetAsync(route);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            OpenApiServedTests.AssertMatches(route == "regions/28" ? "/api/regions/{code}" : "/api/" + route, "404", response.Content.Headers.ContentType?.MediaType, body);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Contains($"The latest run, {Day} (attempt 1), ended partial", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(Day, problem.GetProperty("newerRun").GetProperty("runId").GetString());
        }
    }
}
