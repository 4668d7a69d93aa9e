using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using GosAnalytics.Collectors;
using GosAnalytics.Collectors.Vk;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.Demo;
using GosAnalytics.FakePlatforms;
using GosAnalytics.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>collect</c>: runs the real VK collector against a fake VK that enforces each token's rate (error 6) and adds network latency,
/// with as many concurrent batches as the Functions host runs, and reports the request rate sustained against the allowed rate,
/// the error-6 answers, and a projection of the wall time and daily <c>wall.get</c> budget for 130,000 pages with the given pool.
/// The fake VK runs in a child process (<c>fake-vk</c>), as VK runs elsewhere: a pause of the collector's process must not
/// also stop the clock that counts its requests.
/// </summary>
internal static class CollectionThroughputBench
{
    public const string Name = "collect";

    public const string FakeName = "fake-vk";

    private const int NationalPages = 130_000;
    private const int VkDailyWallGetBudget = 5000;

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- collect [--tokens service:20,service:20] [--demo-pages 2400]\n" +
        "       [--latency-ms 60] [--workers 16] [--user-token-rate 0]\n" +
        "  --tokens          the pool: type:requests-per-second, comma-separated (types: service, group, user)\n" +
        "  --demo-pages      pages of the generated region; its VK pages are served by the fake VK\n" +
        "  --latency-ms      added to every fake answer, like the network\n" +
        "  --workers         batches collected at once (the Functions queue batch size)\n" +
        "  --user-token-rate add a user token at this rate so live broadcasts are read too (0: none)\n" +
        "  --storage         a storage connection string (e.g. an Azurite): token rates are then shared through it, as in the app";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        if (!TryParse(settings, out var options, out var problem))
        {
            await error.WriteLineAsync($"collect: {problem}\n{Usage}");
            return 2;
        }

        var (batches, vkPages) = Plan(options.DemoPages);
        var tokens = PoolOf(options);
        using var fakeProcess = StartFake(args);
        var baseAddress = new Uri(await fakeProcess.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("The fake VK process ended before it listened."));
        using var statsClient = new HttpClient { BaseAddress = new Uri(baseAddress, "/") };

        var configuration = new Dictionary<string, string?>
        {
            ["Pipeline:Source"] = "platforms",
            ["Vk:BaseAddress"] = baseAddress.ToString(),
        };
        for (var i = 0; i < tokens.Count; i++)
        {
            configuration[$"Vk:Tokens:{i}:Token"] = TokenValue(i);
            configuration[$"Vk:Tokens:{i}:Type"] = tokens[i].Type.ToString();
            configuration[$"Vk:Tokens:{i}:RequestsPerSecond"] = tokens[i].Rate.ToString(CultureInfo.InvariantCulture);
            configuration[$"Vk:Tokens:{i}:DailyWallGetBudget"] = "1000000";
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Error).AddSimpleConsole());
        if (settings["storage"] is { Length: > 0 } storage)
        {
            var clients = StorageClients.FromConnectionString(storage);
            await clients.EnsureCreatedAsync(cancellationToken);
            collection.AddSingleton(clients);
        }

        await using var services = collection.AddPlatformCollectors().BuildServiceProvider();
        var source = services.GetRequiredService<VkPageSource>();
        var pool = services.GetRequiredService<VkTokenPool>();

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"// Collecting {vkPages.Count:N0} VK pages ({batches.Count} batches of 25) from a fake VK: pool {Describe(tokens)} = {pool.TotalRequestsPerSecond:0.#} requests/s allowed, latency {options.LatencyMs} ms, {options.Workers} concurrent batches, rates shared through storage: {(settings["storage"] is { Length: > 0 } ? "yes" : "no")}."));
        var collected = 0;
        var skipped = 0;
        var posts = 0L;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, options.Workers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var result = await source.CollectAsync(batches[index], cancellationToken);
                Interlocked.Add(ref collected, result.Pages.Count);
                Interlocked.Add(ref skipped, result.Skipped.Count);
                Interlocked.Add(ref posts, result.Pages.Sum(p => (long)p.Posts.Count));
            }
        });
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var stats = await statsClient.GetFromJsonAsync<FakeVkStats>("stats", cancellationToken)
            ?? throw new InvalidOperationException("The fake VK sent no statistics.");
        await fakeProcess.StandardInput.DisposeAsync();
        await fakeProcess.WaitForExitAsync(cancellationToken);
        var report = Measure(stats, pool.TotalRequestsPerSecond, vkPages.Count);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            Pages collected       {collected:N0} ({skipped} skipped), {posts:N0} posts in the 30-day window
            Wall time             {elapsed.TotalSeconds:0.0} s
            Requests              {stats.Requests:N0} ({report.RequestsPerPage:0.00} per page; API calls inside them: wall.get {Calls(stats, "wall.get"):N0}, wall.getComments {Calls(stats, "wall.getComments"):N0}, video.get {Calls(stats, "video.get"):N0}, groups.getById {Calls(stats, "groups.getById"):N0})
            Allowed rate          {pool.TotalRequestsPerSecond:0.0} requests/s
            Sustained rate        {report.SustainedRate:0.00} requests/s = {report.SustainedRate / pool.TotalRequestsPerSecond:P1} of allowed (middle 90 % of requests; whole run {stats.Requests / elapsed.TotalSeconds:0.00}/s)
            Error 6 answers       {stats.TooManyRequestsAnswers} (collector saw {services.GetRequiredService<VkApiClient>().TooManyRequestsAnswers}); requests that found their turn stale and waited for a fresh one: {pool.StaleTurns}
            Projection for {NationalPages:N0} pages with this pool:
              requests            {report.RequestsPerPage * NationalPages:N0} at {report.SustainedRate:0.0}/s = {Hours(report.RequestsPerPage * NationalPages / report.SustainedRate)}
              wall.get per day    {report.WallGetsPerPage * NationalPages:N0} ({report.WallGetsPerPage:0.00} per page); the pool's service/group tokens allow {tokens.Count(t => t.Type != VkTokenType.User) * VkDailyWallGetBudget:N0} at {VkDailyWallGetBudget:N0} each
              tokens needed       {Math.Ceiling(report.WallGetsPerPage * NationalPages / VkDailyWallGetBudget):0} for the daily wall.get budget ({VkDailyWallGetBudget:N0} each); {Math.Ceiling(report.RequestsPerPage * NationalPages / (report.SustainedRate / tokens.Count) / (6 * 3600)):0} for the request rate alone, to finish within a 6-hour night
            """));
        var sustainedShare = report.SustainedRate / pool.TotalRequestsPerSecond;
        await output.WriteLineAsync(sustainedShare >= 0.95 && stats.TooManyRequestsAnswers == 0
            ? "Target met: ≥ 95 % of the allowed rate sustained and no error-6 answers."
            : "Target NOT met: see the sustained rate and error-6 answers above.");
        return 0;
    }

    private sealed record Options(IReadOnlyList<(VkTokenType Type, double Rate)> Tokens, int DemoPages, int LatencyMs, int Workers, double UserTokenRate);

    private sealed record Report(double SustainedRate, double RequestsPerPage, double WallGetsPerPage);

    /// <summary>
    /// The sustained rate leaves out the ramp-up and the tail (the first and last 5 % of requests), when fewer batches are left
    /// than workers: what a long national run does for hours.
    /// </summary>
    private static Report Measure(FakeVkStats stats, double allowed, int pages)
    {
        var arrivals = stats.Arrivals.Order().ToList();
        var edge = arrivals.Count / 20;
        var first = arrivals[edge];
        var last = arrivals[arrivals.Count - 1 - edge];
        var seconds = (double)(last - first) / Stopwatch.Frequency;
        var sustained = seconds > 0 ? (arrivals.Count - 1 - (2 * edge)) / seconds : allowed;
        return new Report(sustained, (double)stats.Requests / pages, (double)Calls(stats, "wall.get") / pages);
    }

    private static int Calls(FakeVkStats stats, string method) => stats.Calls.GetValueOrDefault(method);

    private static string TokenValue(int index) => $"bench-token-{index + 1}";

    private static List<(VkTokenType Type, double Rate)> PoolOf(Options options) =>
        options.UserTokenRate > 0 ? [.. options.Tokens, (VkTokenType.User, options.UserTokenRate)] : [.. options.Tokens];

    /// <summary>The VK pages of the generated region and their batches of 25 for one metric day: the same in both processes.</summary>
    private static (List<CollectRequest> Batches, List<RegisteredPage> Pages) Plan(int demoPages)
    {
        var demo = new DemoPageSource(new DemoSourceOptions { PageCount = demoPages });
        var pages = demo.ListPages().Where(page => page.Platform == Platform.Vk).ToList();
        var runId = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (pages.Chunk(25).Select(chunk => new CollectRequest(runId, Day, MoscowTime.EndOfDay(Day), Platform.Vk, chunk)).ToList(), pages);
    }

    private static readonly DateOnly Day = new(2026, 3, 10);

    /// <summary>Starts this program again as <c>fake-vk</c> with the same options; it prints its base address, then serves until its input closes.</summary>
    private static Process StartFake(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("GosAnalytics.Benchmarks", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(CollectionThroughputBench).Assembly.Location);
        }

        start.ArgumentList.Add(FakeName);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the fake VK process.");
    }

    /// <summary><c>fake-vk</c>: serves the generated region's VK pages with the pool's tokens until standard input closes.</summary>
    public static async Task<int> RunFakeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(new ConfigurationBuilder().AddCommandLine(args).Build(), out var options, out var problem))
        {
            await error.WriteLineAsync($"{FakeName}: {problem}");
            return 2;
        }

        var demo = new DemoPageSource(new DemoSourceOptions { PageCount = options.DemoPages });
        await using var fake = new FakeVk { Latency = TimeSpan.FromMilliseconds(options.LatencyMs) };
        foreach (var batch in Plan(options.DemoPages).Batches)
        {
            foreach (var snapshot in (await demo.CollectAsync(batch, cancellationToken)).Pages)
            {
                fake.AddGroup(DemoContentOnFakes.ToVkGroup(snapshot));
            }
        }

        var tokens = PoolOf(options);
        for (var i = 0; i < tokens.Count; i++)
        {
            fake.AddToken(TokenValue(i), tokens[i].Type.ToString().ToLowerInvariant(), tokens[i].Rate, dailyWallGetBudget: int.MaxValue);
        }

        await fake.StartAsync(cancellationToken);
        await output.WriteLineAsync(fake.BaseAddress.ToString());
        await output.FlushAsync(cancellationToken);
        while (await Console.In.ReadLineAsync(cancellationToken) is not null)
        {
        }

        return 0;
    }

    private static bool TryParse(IConfiguration settings, out Options options, out string problem)
    {
        options = null!;
        problem = "";
        var tokens = new List<(VkTokenType, double)>();
        foreach (var spec in (settings["tokens"] ?? "service:20").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = spec.Split(':');
            if (parts.Length != 2 || !Enum.TryParse<VkTokenType>(parts[0], ignoreCase: true, out var type)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is <= 0 or > 60)
            {
                problem = $"--tokens: '{spec}' is not type:rate (e.g. service:20; rate 0–60).";
                return false;
            }

            tokens.Add((type, rate));
        }

        if (!TryInt(settings, "demo-pages", 2400, 25, 200_000, out var demoPages, ref problem)
            || !TryInt(settings, "latency-ms", 60, 0, 10_000, out var latency, ref problem)
            || !TryInt(settings, "workers", 16, 1, 256, out var workers, ref problem))
        {
            return false;
        }

        var userRateText = settings["user-token-rate"] ?? "0";
        if (!double.TryParse(userRateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var userRate) || userRate is < 0 or > 60)
        {
            problem = $"--user-token-rate: '{userRateText}' is not a rate between 0 and 60.";
            return false;
        }

        options = new Options(tokens, demoPages, latency, workers, userRate);
        return true;
    }

    private static bool TryInt(IConfiguration settings, string key, int fallback, int min, int max, out int value, ref string problem)
    {
        var text = settings[key];
        if (text is null)
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        problem = $"--{key}: '{text}' is not a whole number between {min} and {max}.";
        return false;
    }

    private static string Describe(IEnumerable<(VkTokenType Type, double Rate)> tokens) =>
        string.Join(" + ", tokens.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type.ToString().ToLowerInvariant()} {t.Rate:0.#}/s")));

    private static string Hours(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h");
}
