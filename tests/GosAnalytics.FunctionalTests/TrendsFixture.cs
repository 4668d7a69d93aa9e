using System.Globalization;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The local host with the demo run on several metric days through the real queues: a week before the last day, then three consecutive
/// days, then the middle one of those again (attempt 2, served for its day while the last day stays served). History and the changes
/// against the previous period read what these runs wrote.
/// </summary>
public sealed class TrendsFixture : IAsyncLifetime
{
    public static readonly DateOnly LastDay = new(2026, 11, 20);
    public static readonly DateOnly RerunDay = LastDay.AddDays(-1);

    /// <summary>Every day served, oldest first.</summary>
    public static readonly IReadOnlyList<DateOnly> Days = [LastDay.AddDays(-7), LastDay.AddDays(-2), RerunDay, LastDay];

    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public HttpClient Http => host!.Http;

    public int Port => host!.Port;

    public StorageClients Storage => azurite.Storage;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings["LocalHost:RunTimersAtStartup"] = "false";
            settings["Serve:LatestRunCacheSeconds"] = "0";
        });
        foreach (var day in Days)
        {
            await RunAsync(day);
        }

        await RunAsync(RerunDay);
    }

    /// <summary>The ranking table a run wrote for <paramref name="day"/>, read from storage as aggregation left it.</summary>
    public async Task<RankingTable> TableAsync(DateOnly day, Period period, int? region) =>
        await new PackedBlobStore(Storage).ReadAsync<RankingTable>(StorageNames.RankingsContainer, StorageNames.RankingBlob(RunId(day), period, region), CancellationToken.None)
        ?? throw new InvalidOperationException($"No {period} table of {day} for region {region}.");

    public async Task<RegionSummarySnapshot> RegionSummariesAsync(DateOnly day, Period period) =>
        await new JsonBlobStore(Storage).ReadAsync<RegionSummarySnapshot>(StorageNames.RankingsContainer, StorageNames.RegionSummariesBlob(RunId(day), period), CancellationToken.None)
        ?? throw new InvalidOperationException($"No {period} region summaries of {day}.");

    public static string RunId(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    private async Task RunAsync(DateOnly day)
    {
        var run = await TestRuns.RunDayAsync(Http, day);
        if (run.GetProperty("status").GetString() != "completed")
        {
            throw new InvalidOperationException($"The run of {day} did not complete: {run}");
        }
    }

    /// <summary>The served-day index rows, by day.</summary>
    public async Task<IReadOnlyDictionary<string, JsonElement>> ServedDayRowsAsync()
    {
        var rows = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await foreach (var row in Storage.Table(StorageNames.RunsTable).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "served"))
        {
            rows[row.RowKey] = JsonSerializer.SerializeToElement(new { runId = row.GetString("RunId"), attempt = row.GetInt32("Attempt") });
        }

        return rows;
    }
}
