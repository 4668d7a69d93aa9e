using System.Diagnostics;
using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>history</c>: a page's history in the country's largest region (Moscow: ≈ 6,600 pages on VK, OK and Telegram and ≈ 2,300 MAX
/// channels at national scale) over as many served days as asked. Writes one region table per day as aggregation would (synthetic
/// entries, the national table's size per region), the served-day index and the pointer, then times the history request cold (a
/// fresh reader: every table read from storage) and warm (the same reader again), with the storage operations of each.
/// </summary>
internal static class HistoryBench
{
    public const string Name = "history";
    private const string Usage = "usage: history [--pages 9000] [--days 90,400]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        var pages = int.Parse(settings["pages"] ?? "9000", CultureInfo.InvariantCulture);
        var windows = (settings["days"] ?? "90,400").Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        if (pages < 1 || windows.Any(d => d is < 1 or > HistoryLimits.MaxDays))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        await using var azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.OnFreePorts(), NullLogger.Instance, cancellationToken);
        var storage = StorageClients.FromConnectionString(azurite.Endpoints.ConnectionString);
        await storage.EnsureCreatedAsync(cancellationToken);
        var blobs = new JsonBlobStore(storage);
        var tables = new PackedBlobStore(storage);
        var pointer = new ServedPointerStore(blobs);
        var index = new ServedDayStore(storage);
        var registry = new PageRegistry(storage);
        const int Region = 77;
        var page = new PageKey((Platform)0, "100040"); // entry 40: platforms cycle through the enum, ids from 100000
        await registry.UpsertAsync([new RegisteredPage(page.Platform, page.PageId, "page40", Region, OrganisationKind.Culture)], cancellationToken);

        var last = new DateOnly(2026, 11, 20);
        var days = windows.Max();
        var random = new Random(42);
        var written = Stopwatch.StartNew();
        long bytes = 0;
        for (var d = days - 1; d >= 0; d--)
        {
            var day = last.AddDays(-d);
            var run = new RunStamp(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 1, day, "demo", true, DateTimeOffset.UnixEpoch);
            var entries = Entries(pages, Region, random);
            var table = RankingTable.Build(run, Period.Week, Region, new IndexOptions().Weights, entries, [.. Enumerable.Range(1, pages)], 208_866, new int[pages]);
            var name = StorageNames.RankingBlob(run.RunId, Period.Week, Region);
            await tables.WriteAsync(StorageNames.RankingsContainer, name, table, cancellationToken);
            bytes += (await storage.Container(StorageNames.RankingsContainer).GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
            await index.RecordAsync(run, cancellationToken);
            await pointer.ServeAsync(run, new RunOutcome(run.RunId, 1, day, RunPhase.Completed, true, pages, pages, 0, 0, 1, 0.8, [], [], run.GeneratedAt), cancellationToken);
        }

        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"history: wrote {days} region tables of {pages:N0} pages ({bytes / days / 1024.0:N0} KiB each, gzip) in {written.Elapsed.TotalSeconds:N0} s"));
        await output.WriteLineAsync("| Days | Cold (ms) | Blob reads cold | Table queries cold | Warm (ms) | Blob reads warm | Past-document cache (MB) |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|");
        foreach (var window in windows)
        {
            var reader = new RankingReader(blobs, tables, pointer, Options.Create(new ServeOptions { PastDocumentCacheMegabytes = 16384 }), TimeProvider.System);
            var service = new HistoryService(reader, new ServedDays(index), registry);
            var query = new PageHistoryQuery(page.Platform, page.PageId, Period.Week, window);

            storage.Operations.Reset();
            var cold = Stopwatch.StartNew();
            var history = (await service.GetPageAsync(query, cancellationToken)).History!;
            cold.Stop();
            var coldReads = storage.Operations.Count(StorageOperationCounter.NoStage, StorageOperationKind.BlobRead);
            var coldQueries = storage.Operations.Count(StorageOperationCounter.NoStage, StorageOperationKind.TableQuery);
            if (history.Items.Count != window)
            {
                await error.WriteLineAsync($"history: expected {window} days, got {history.Items.Count}");
                return 1;
            }

            storage.Operations.Reset();
            var warm = Stopwatch.StartNew();
            await service.GetPageAsync(query, cancellationToken);
            warm.Stop();
            var warmReads = storage.Operations.Count(StorageOperationCounter.NoStage, StorageOperationKind.BlobRead);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {window} | {cold.Elapsed.TotalMilliseconds:N0} | {coldReads} | {coldQueries} | {warm.Elapsed.TotalMilliseconds:N0} | {warmReads} | {window * (4096 + (600L * pages)) / 1024.0 / 1024.0:N0} |"));
        }

        return 0;
    }

    /// <summary>A region's ranked pages in index order, with every component and metric set (the widest table).</summary>
    private static List<RankingEntry> Entries(int count, int region, Random random)
    {
        var names = IndexComponents.All.ToArray();
        return [.. Enumerable.Range(0, count)
            .Select(i => new RankingEntry(
                (Platform)(i % 4), (100_000 + i).ToString(CultureInfo.InvariantCulture), $"Муниципальное учреждение культуры «Дом культуры» № {i}", $"page{i}",
                region, OrganisationKind.Culture, random.Next(10, 100_000), i % 2 == 0, "vk|1k-10k|culture", random.Next(0, 10_000) / 100.0,
                new ComponentScores(names, [.. names.Select(_ => random.Next(0, 10_000) / 100.0)]), names,
                new RankingMetrics(random.Next(0, 50), random.Next(0, 200) / 10.0, random.Next(0, 1_000_000), 0.05, 0.01, 0.3, 0.01, 0.01, random.Next(0, 100), 0.5, 3, 0.01, 0, 0, 0.5)))
            .OrderByDescending(e => e.Index)];
    }
}
