using System.Diagnostics;
using System.Globalization;
using GosAnalytics.Collectors;
using GosAnalytics.Collectors.Vk;
using GosAnalytics.FakePlatforms;
using GosAnalytics.Pipeline.Domain;
using GosAnalytics.Pipeline.Sources;
using GosAnalytics.Pipeline.Sources.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>collect</c>: runs the real VK collector against a fake VK that enforces each token's rate (error 6) and adds network latency,
/// with as many concurrent batches as the Functions host runs, and reports the request rate sustained against the allowed rate,
/// the error-6 answers, and a projection of the wall time and daily <c>wall.get</c> budget for 130,000 pages with the given pool.
/// </summary>
internal static class CollectionThroughputBench
{
    public const string Name = "collect";

    private const int NationalPages = 130_000;
    private const int VkDailyWallGetBudget = 5000;

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- collect [--tokens service:20,service:20] [--demo-pages 2400]\n" +
        "       [--latency-ms 60] [--workers 16] [--user-token-rate 0]\n" +
        "  --tokens          the pool: type:requests-per-second, comma-separated (types: service, group, user)\n" +
        "  --demo-pages      pages of the generated region; its VK pages are served by the fake VK\n" +
        "  --latency-ms      added to every fake answer, like the network\n" +
        "  --workers         batches collected at once (the Functions queue batch size)\n" +
        "  --user-token-rate add a user token at this rate so live broadcasts are read too (0: none)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        if (!TryParse(settings, out var options, out var problem))
        {
            await error.WriteLineAsync($"collect: {problem}\n{Usage}");
            return 2;
        }

        var day = new DateOnly(2026, 3, 10);
        var demo = new DemoPageSource(new DemoSourceOptions { PageCount = options.DemoPages });
        var vkPages = demo.ListPages().Where(page => page.Platform == Platform.Vk).ToList();
        var runId = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var asOf = MoscowTime.EndOfDay(day);
        var batches = vkPages.Chunk(25).Select(chunk => new CollectRequest(runId, day, asOf, Platform.Vk, chunk)).ToList();

        await using var fake = new FakeVk { Latency = TimeSpan.FromMilliseconds(options.LatencyMs) };
        await fake.StartAsync(cancellationToken);
        foreach (var batch in batches)
        {
            foreach (var snapshot in (await demo.CollectAsync(batch, cancellationToken)).Pages)
            {
                fake.AddGroup(DemoContentOnFakes.ToVkGroup(snapshot));
            }
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Pipeline:Source"] = "platforms",
            ["Vk:BaseAddress"] = fake.BaseAddress.ToString(),
        };
        var tokens = options.Tokens.ToList();
        if (options.UserTokenRate > 0)
        {
            tokens.Add((VkTokenType.User, options.UserTokenRate));
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var value = $"bench-token-{i + 1}";
            fake.AddToken(value, tokens[i].Type.ToString().ToLowerInvariant(), tokens[i].Rate, dailyWallGetBudget: int.MaxValue);
            configuration[$"Vk:Tokens:{i}:Token"] = value;
            configuration[$"Vk:Tokens:{i}:Type"] = tokens[i].Type.ToString();
            configuration[$"Vk:Tokens:{i}:RequestsPerSecond"] = tokens[i].Rate.ToString(CultureInfo.InvariantCulture);
            configuration[$"Vk:Tokens:{i}:DailyWallGetBudget"] = "1000000";
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Error).AddSimpleConsole())
            .AddPlatformCollectors(config)
            .BuildServiceProvider();
        var source = services.GetRequiredService<VkPageSource>();
        var pool = services.GetRequiredService<VkTokenPool>();

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"// Collecting {vkPages.Count:N0} VK pages ({batches.Count} batches of 25) from a fake VK: pool {Describe(tokens)} = {pool.TotalRequestsPerSecond:0.#} requests/s allowed, latency {options.LatencyMs} ms, {options.Workers} concurrent batches."));
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

        var report = Measure(fake, pool.TotalRequestsPerSecond, elapsed, vkPages.Count);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            Pages collected       {collected:N0} ({skipped} skipped), {posts:N0} posts in the 30-day window
            Wall time             {elapsed.TotalSeconds:0.0} s
            Requests              {fake.Requests:N0} ({report.RequestsPerPage:0.00} per page; API calls inside them: wall.get {fake.CallsOf("wall.get"):N0}, wall.getComments {fake.CallsOf("wall.getComments"):N0}, video.get {fake.CallsOf("video.get"):N0}, groups.getById {fake.CallsOf("groups.getById"):N0})
            Allowed rate          {pool.TotalRequestsPerSecond:0.0} requests/s
            Sustained rate        {report.SustainedRate:0.00} requests/s = {report.SustainedRate / pool.TotalRequestsPerSecond:P1} of allowed (middle 90 % of requests; whole run {fake.Requests / elapsed.TotalSeconds:0.00}/s)
            Error 6 answers       {fake.TooManyRequestsAnswers} (collector saw {services.GetRequiredService<VkApiClient>().TooManyRequestsAnswers})
            Projection for {NationalPages:N0} pages with this pool:
              requests            {report.RequestsPerPage * NationalPages:N0} at {report.SustainedRate:0.0}/s = {Hours(report.RequestsPerPage * NationalPages / report.SustainedRate)}
              wall.get per day    {report.WallGetsPerPage * NationalPages:N0} ({report.WallGetsPerPage:0.00} per page); the pool's service/group tokens allow {tokens.Count(t => t.Type != VkTokenType.User) * VkDailyWallGetBudget:N0} at {VkDailyWallGetBudget:N0} each
              tokens needed       {Math.Ceiling(report.WallGetsPerPage * NationalPages / VkDailyWallGetBudget):0} for the daily wall.get budget; for a 6-hour night window at this rate per token: {Math.Ceiling(report.RequestsPerPage * NationalPages / (report.SustainedRate / tokens.Count) / (6 * 3600)):0}
            """));
        var sustainedShare = report.SustainedRate / pool.TotalRequestsPerSecond;
        await output.WriteLineAsync(sustainedShare >= 0.95 && fake.TooManyRequestsAnswers == 0
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
    private static Report Measure(FakeVk fake, double allowed, TimeSpan elapsed, int pages)
    {
        var arrivals = fake.Arrivals.Order().ToList();
        var edge = arrivals.Count / 20;
        var first = arrivals[edge];
        var last = arrivals[arrivals.Count - 1 - edge];
        var seconds = (double)(last - first) / Stopwatch.Frequency;
        var sustained = seconds > 0 ? (arrivals.Count - 1 - (2 * edge)) / seconds : allowed;
        return new Report(sustained, (double)fake.Requests / pages, (double)fake.CallsOf("wall.get") / pages);
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
