using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GosAnalytics.Collectors;
using GosAnalytics.Collectors.Http;
using GosAnalytics.Collectors.Max;
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
/// also stop the clock that counts its requests. With <c>--platform max</c> the same is done for the MAX collector against a fake
/// MAX Bot API (30 requests/s per bot, 429 beyond), serving the region's VK content as MAX channels.
/// </summary>
internal static class CollectionThroughputBench
{
    public const string Name = "collect";

    public const string FakeName = "fake-vk";

    private const int NationalPages = 130_000;
    private const int VkDailyWallGetBudget = 5000;

    /// <summary>The time a daily run may take: the night between the run's start and the analysts' morning.</summary>
    private const double NightSeconds = 6 * 3600;

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- collect [--tokens service:20,service:20] [--demo-pages 2400]\n" +
        "       [--latency-ms 60] [--workers 16] [--user-token-rate 0]\n" +
        "  --tokens          the pool: type:requests-per-second, comma-separated (types: service, group, user)\n" +
        "  --demo-pages      pages of the generated region; its VK pages are served by the fake VK\n" +
        "  --latency-ms      added to every fake answer, like the network\n" +
        "  --workers         batches collected at once (the Functions queue batch size)\n" +
        "  --user-token-rate add a user token at this rate so live broadcasts are read too (0: none)\n" +
        "  --storage         a storage connection string (e.g. an Azurite): token rates are then shared through it, as in the app\n" +
        "  --platform max    collect MAX channels (the region's VK content served by a fake MAX Bot API) with one bot at --max-rate\n" +
        "  --max-rate        the bot's requests per second (MAX allows 30; default 30); --demo-pages defaults to 150 for MAX";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        if (!TryParse(settings, out var options, out var problem))
        {
            await error.WriteLineAsync($"collect: {problem}\n{Usage}");
            return 2;
        }

        if (IsMax(settings))
        {
            return await RunMaxAsync(args, settings, options, output, cancellationToken);
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
        var tableRequests = new TableRequestCounter();
        await AddCountedStorageAsync(collection, settings, tableRequests, cancellationToken);

        // Counts the JSON the collector receives. It sits after the pacing handler, nearest the socket, and only reads a header
        // of the answer, so that it changes nothing of when requests leave.
        var received = new ReceivedBytes();
        collection.AddPlatformCollectors().AddHttpClient(VkRegistration.HttpClientName).AddHttpMessageHandler(() => new ReceivedBytesHandler(received));
        await using var services = collection.BuildServiceProvider();
        var source = services.GetRequiredService<VkPageSource>();
        var pool = services.GetRequiredService<VkTokenPool>();

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"// Collecting {vkPages.Count:N0} VK pages ({batches.Count} batches of 25) from a fake VK: pool {Describe(tokens)} = {pool.TotalRequestsPerSecond:0.#} requests/s allowed, latency {options.LatencyMs} ms, {options.Workers} concurrent batches, rates shared through storage: {(settings["storage"] is { Length: > 0 } ? "yes" : "no")}."));
        var collected = 0;
        var skipped = 0;
        var posts = 0L;
        var next = -1;
        var loadBefore = LoadAverage();
        var cpuBefore = (Collector: Process.GetCurrentProcess().TotalProcessorTime, Fake: CpuOf(fakeProcess));
        var gcBefore = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Allocated: GC.GetTotalAllocatedBytes());
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
        var cpu = (Collector: Process.GetCurrentProcess().TotalProcessorTime - cpuBefore.Collector, Fake: CpuOf(fakeProcess) - cpuBefore.Fake);
        var gcPause = GC.GetTotalPauseDuration() - gcBefore.Pause;
        var allocated = GC.GetTotalAllocatedBytes() - gcBefore.Allocated;
        var loadAfter = LoadAverage();

        var stats = await statsClient.GetFromJsonAsync<FakeVkStats>("stats", cancellationToken)
            ?? throw new InvalidOperationException("The fake VK sent no statistics.");
        await fakeProcess.StandardInput.DisposeAsync();
        var fakeGc = FakeGc.FromLine(await fakeProcess.StandardOutput.ReadLineAsync(cancellationToken));
        await fakeProcess.WaitForExitAsync(cancellationToken);
        var report = Measure(stats, pool.TotalRequestsPerSecond, vkPages.Count);
        var serviceTokens = tokens.Count(t => t.Type != VkTokenType.User);
        var sustainedPerToken = report.SustainedRate / pool.TotalRequestsPerSecond;
        var nationalRequests = report.RequestsPerPage * NationalPages;
        var nationalWallGets = report.WallGetsPerPage * NationalPages;
        var budgetTokens = (int)Math.Ceiling(nationalWallGets / VkDailyWallGetBudget);
        var serviceRate = tokens.Where(t => t.Type != VkTokenType.User).DefaultIfEmpty((VkTokenType.Service, 20)).Average(t => t.Rate);
        var rateTokens = (int)Math.Ceiling(nationalRequests / (serviceRate * sustainedPerToken) / NightSeconds);
        var projectedPool = Math.Max(budgetTokens, rateTokens);
        var projectedRate = projectedPool * serviceRate * sustainedPerToken;
        var collectorCpuPerRequest = cpu.Collector.TotalMilliseconds / stats.Requests;
        var stateOperations = tableRequests.TokenState;
        var rateOperations = tableRequests.All - stateOperations;
        var sharing = settings["storage"] is { Length: > 0 }
            ? string.Create(CultureInfo.InvariantCulture, $"""

                Storage operations    rate ledger {rateOperations:N0} ({(double)rateOperations / stats.Requests:0.00} per request); token state {stateOperations:N0} ({stateOperations * 1000.0 / stats.Requests:0.0} per 1,000 requests: {pool.SharedReservations} chunk reservations of wall.get budget, the rest reads of the other instances' news)
                """)
            : "";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            Pages collected       {collected:N0} ({skipped} skipped), {posts:N0} posts in the 30-day window
            Wall time             {elapsed.TotalSeconds:0.0} s
            Requests              {stats.Requests:N0} ({report.RequestsPerPage:0.00} per page; API calls inside them: wall.get {Calls(stats, "wall.get"):N0}, wall.getComments {Calls(stats, "wall.getComments"):N0}, video.get {Calls(stats, "video.get"):N0}, groups.getById {Calls(stats, "groups.getById"):N0})
            Allowed rate          {pool.TotalRequestsPerSecond:0.0} requests/s (the pacer aims at {RequestPacer.Headroom:P0} of it)
            Sustained rate        {report.SustainedRate:0.00} requests/s = {report.SustainedRate / pool.TotalRequestsPerSecond:P1} of allowed (middle 90 % of requests; whole run {stats.Requests / elapsed.TotalSeconds:0.00}/s)
            Error 6 answers       {stats.TooManyRequestsAnswers} (collector saw {services.GetRequiredService<VkApiClient>().TooManyRequestsAnswers})
            Pacing                {pool.LateTurnLoss.TotalMilliseconds:N0} ms of turns lost to lateness (turns taken more than {RequestPacer.CatchUp.TotalMilliseconds:0} ms after due while a request waited: {pool.LateTurnLoss.TotalSeconds / (elapsed.TotalSeconds * tokens.Count):P1} of each token's time); {pool.StaleTurns} requests found their turn stale and waited for a fresh one
            CPU                   collector {cpu.Collector.TotalSeconds:0.0} s ({cpu.Collector.TotalSeconds / elapsed.TotalSeconds:P0} of one core; {collectorCpuPerRequest:0.00} ms per request), fake VK {cpu.Fake.TotalSeconds:0.0} s ({cpu.Fake.TotalSeconds / elapsed.TotalSeconds:P0}); the machine has {Environment.ProcessorCount} cores, load average {loadBefore} before, {loadAfter} after
            GC (collector)        {(GCSettings.IsServerGC ? "server" : "workstation")}{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent")}: {GC.CollectionCount(0) - gcBefore.Gen0} gen0, {GC.CollectionCount(1) - gcBefore.Gen1} gen1, {GC.CollectionCount(2) - gcBefore.Gen2} gen2 collections, paused {gcPause.TotalMilliseconds:N0} ms (the fake VK's: {Describe(fakeGc)}); {allocated / 1e6:N0} MB allocated ({allocated / 1024.0 / stats.Requests:N0} KB per request) for {received.Bytes / 1e6:N0} MB of JSON received ({received.Bytes / 1024.0 / stats.Requests:N0} KB per request, {received.Large} answers over 85 KB){sharing}
            Projection for {NationalPages:N0} pages:
              requests            {nationalRequests:N0} ({report.RequestsPerPage:0.00} per page); wall.get calls {nationalWallGets:N0} ({report.WallGetsPerPage:0.00} per page)
              pool needed         {projectedPool} tokens of {serviceRate:0.#} requests/s: {budgetTokens} for the daily wall.get budget ({VkDailyWallGetBudget:N0} each), {rateTokens} for the request rate to finish within a {NightSeconds / 3600:0}-hour night at the {sustainedPerToken:P1} of a token's rate sustained here
              wall time           {Duration(nationalRequests / projectedRate)} with that pool ({projectedRate:0} requests/s, if instances keep up: at {collectorCpuPerRequest:0.00} ms of CPU per request that is {projectedRate * collectorCpuPerRequest / 1000:0.0} cores); {Duration(nationalRequests / report.SustainedRate)} with this bench's pool, whose {serviceTokens * VkDailyWallGetBudget:N0} wall.get calls a day cover {Math.Min(1, serviceTokens * VkDailyWallGetBudget / nationalWallGets):P0} of the pages{(sharing.Length > 0 ? StorageProjection(tableRequests, stats.Requests, nationalRequests) : "")}
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

    /// <summary>The storage operations a national run would make with the rate and token state shared, at the rates measured here.</summary>
    private static string StorageProjection(TableRequestCounter counter, long requests, double nationalRequests) =>
        string.Create(CultureInfo.InvariantCulture,
            $"\n  storage operations  {(counter.All - counter.TokenState) * nationalRequests / requests:N0} for the shared rate, {counter.TokenState * nationalRequests / requests:N0} for the shared token state (at this run's operations per request)");

    private static TimeSpan CpuOf(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The 1-minute load average (Linux), to say how busy the machine was; "n/a" elsewhere.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Duration(double seconds) => seconds switch
    {
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h"),
        >= 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
    };

    /// <summary>Garbage collections of a process since a point, as one line the fake writes to its parent.</summary>
    private sealed record FakeGc(double PauseMs, int Gen0, int Gen1, int Gen2)
    {
        public static FakeGc Now() => new(GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        public FakeGc Since(FakeGc start) => new(PauseMs - start.PauseMs, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2);

        public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"gc {PauseMs} {Gen0} {Gen1} {Gen2}");

        public static FakeGc? FromLine(string? line)
        {
            var parts = line?.Split(' ');
            return parts is ["gc", var pause, var gen0, var gen1, var gen2]
                ? new FakeGc(double.Parse(pause, CultureInfo.InvariantCulture), int.Parse(gen0, CultureInfo.InvariantCulture), int.Parse(gen1, CultureInfo.InvariantCulture), int.Parse(gen2, CultureInfo.InvariantCulture))
                : null;
        }
    }

    private static string Describe(FakeGc? gc) => gc is null
        ? "not reported"
        : string.Create(CultureInfo.InvariantCulture, $"{gc.Gen0} gen0, {gc.Gen1} gen1, {gc.Gen2} gen2, paused {gc.PauseMs:N0} ms");

    private sealed class ReceivedBytes
    {
        private long bytes;
        private long large;

        public long Bytes => Interlocked.Read(ref bytes);

        /// <summary>Answers the runtime keeps on the large object heap (85,000 bytes or more), whose allocations drive full collections.</summary>
        public long Large => Interlocked.Read(ref large);

        public void Add(long length)
        {
            Interlocked.Add(ref bytes, length);
            if (length >= 85_000)
            {
                Interlocked.Increment(ref large);
            }
        }
    }

    private sealed class ReceivedBytesHandler(ReceivedBytes received) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            received.Add(response.Content.Headers.ContentLength ?? 0);
            return response;
        }
    }

    /// <summary>Counts the collector's table requests, telling the token state's rows (partition <see cref="VkTokenLedger.Partition"/>) from the rate ledger's.</summary>
    private sealed class TableRequestCounter : HttpPipelineSynchronousPolicy
    {
        private long all;
        private long tokenState;

        public long All => Interlocked.Read(ref all);

        public long TokenState => Interlocked.Read(ref tokenState);

        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref all);
            if (Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains(VkTokenLedger.Partition, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref tokenState);
            }
        }
    }

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
    /// <summary>
    /// With <c>--storage</c>, registers storage clients on that account whose table requests <paramref name="tableRequests"/> counts, so
    /// that the collector shares its rate through the table; false (and nothing registered) without it.
    /// </summary>
    private static async Task<bool> AddCountedStorageAsync(
        IServiceCollection collection, IConfiguration settings, TableRequestCounter tableRequests, CancellationToken cancellationToken)
    {
        if (settings["storage"] is not { Length: > 0 } storage)
        {
            return false;
        }

        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(tableRequests, HttpPipelinePosition.PerRetry);
        var clients = new StorageClients(
            new BlobServiceClient(storage),
            new QueueServiceClient(storage, StorageClients.QueueOptions()),
            new TableServiceClient(storage, tableOptions));
        await clients.EnsureCreatedAsync(cancellationToken);
        collection.AddSingleton(clients);
        return true;
    }

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

        if (IsMax(new ConfigurationBuilder().AddCommandLine(args).Build()))
        {
            return await RunFakeMaxAsync(options, output, cancellationToken);
        }

        var demo = new DemoPageSource(new DemoSourceOptions { PageCount = options.DemoPages });
        await using var fake = new FakeVk { Latency = TimeSpan.FromMilliseconds(options.LatencyMs) };
        foreach (var batch in Plan(options.DemoPages).Batches)
        {
            foreach (var snapshot in (await demo.CollectAsync(batch, cancellationToken)).Pages)
            {
                var group = fake.AddGroup(DemoContentOnFakes.ToVkGroup(snapshot));

                // Serialise every wall and comment page once now, not while the collector is measured: filling those caches
                // during the run kept promoting new data and made every collection of the fake a gen1 one.
                group.WallResponse(0, 100);
                foreach (var postId in group.Comments.Keys)
                {
                    group.CommentsResponse(postId, 0, 100);
                }
            }
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        var tokens = PoolOf(options);
        for (var i = 0; i < tokens.Count; i++)
        {
            fake.AddToken(TokenValue(i), tokens[i].Type.ToString().ToLowerInvariant(), tokens[i].Rate, dailyWallGetBudget: int.MaxValue);
        }

        await fake.StartAsync(cancellationToken);
        var gcBefore = FakeGc.Now();
        await output.WriteLineAsync(fake.BaseAddress.ToString());
        await output.FlushAsync(cancellationToken);
        while (await Console.In.ReadLineAsync(cancellationToken) is not null)
        {
        }

        // The fake's own collections, for the collector's report: a pause here delays the arrival times VK's counting sees.
        await output.WriteLineAsync(FakeGc.Now().Since(gcBefore).ToLine());
        await output.FlushAsync(cancellationToken);
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

        if (!TryInt(settings, "demo-pages", IsMax(settings) ? 150 : 2400, 25, 200_000, out var demoPages, ref problem)
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

    // ---- MAX ----------------------------------------------------------------------------------------------------------------

    /// <summary>MAX channels of state bodies and institutions in December 2025 (Kommersant, MaxStat): the national load.</summary>
    private const int NationalMaxChannels = 60_000;

    private const string MaxBotToken = "bench-max-bot-token";

    private static bool IsMax(IConfiguration settings) => string.Equals(settings["platform"], "max", StringComparison.OrdinalIgnoreCase);

    private static double MaxRate(IConfiguration settings) =>
        double.TryParse(settings["max-rate"], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is > 0 and <= 30 ? rate : 30;

    /// <summary>The region's VK pages as MAX channels (<see cref="DemoContentOnFakes.MaxChatIdOf"/>), in batches of 25: the same in both processes.</summary>
    private static List<CollectRequest> PlanMax(int demoPages) =>
        Plan(demoPages).Pages
            .Select(page => new RegisteredPage(Platform.Max, DemoContentOnFakes.MaxChatIdOf(page.PageId).ToString(CultureInfo.InvariantCulture), "", page.RegionCode, page.Kind))
            .Chunk(25)
            .Select(chunk => new CollectRequest(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Day, MoscowTime.EndOfDay(Day), Platform.Max, chunk))
            .ToList();

    /// <summary><c>collect --platform max</c>: the MAX collector with one bot against the fake MAX in a child process.</summary>
    private static async Task<int> RunMaxAsync(string[] args, IConfiguration settings, Options options, TextWriter output, CancellationToken cancellationToken)
    {
        var batches = PlanMax(options.DemoPages);
        var pageCount = batches.Sum(b => b.Pages.Count);
        var rate = MaxRate(settings);
        using var fakeProcess = StartFake(args);
        var baseAddress = new Uri(await fakeProcess.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("The fake MAX process ended before it listened."));
        using var statsClient = new HttpClient { BaseAddress = new Uri(baseAddress, "/") };

        var configuration = new Dictionary<string, string?>
        {
            ["Max:BaseAddress"] = baseAddress.ToString(),
            ["Max:BotToken"] = MaxBotToken,
            ["Max:RequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
        };
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Error).AddSimpleConsole());
        var tableRequests = new TableRequestCounter();
        var shared = await AddCountedStorageAsync(collection, settings, tableRequests, cancellationToken);

        collection.AddPlatformCollectors();
        await using var services = collection.BuildServiceProvider();
        var source = services.GetRequiredService<MaxPageSource>();
        var client = services.GetRequiredService<MaxApiClient>();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"// Collecting {pageCount:N0} MAX channels ({batches.Count} batches of 25) from a fake MAX: one bot at {rate:0.#} requests/s, latency {options.LatencyMs} ms, {options.Workers} concurrent batches, rate shared through storage: {(shared ? "yes" : "no")}."));

        var collected = 0;
        var skipped = 0;
        var posts = 0L;
        var comments = 0L;
        var next = -1;
        var loadBefore = LoadAverage();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var result = await source.CollectAsync(batches[index], cancellationToken);
                Interlocked.Add(ref collected, result.Pages.Count);
                Interlocked.Add(ref skipped, result.Skipped.Count);
                Interlocked.Add(ref posts, result.Pages.Sum(p => (long)p.Posts.Count));
                Interlocked.Add(ref comments, result.Pages.Sum(p => (long)p.CitizenComments.Count));
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var stats = await statsClient.GetFromJsonAsync<FakeMaxStats>("stats", cancellationToken)
            ?? throw new InvalidOperationException("The fake MAX sent no statistics.");
        await fakeProcess.StandardInput.DisposeAsync();
        await fakeProcess.WaitForExitAsync(cancellationToken);

        var sustained = SustainedRate(stats.Arrivals, rate);
        var perPage = (double)stats.Requests / pageCount;
        var national = perPage * NationalMaxChannels;
        var sharing = shared
            ? string.Create(CultureInfo.InvariantCulture, $"\nStorage operations    {tableRequests.All:N0} ({(double)tableRequests.All / stats.Requests:0.00} per request; {client.Gate.SharedReservations:N0} reservations of {MaxRateGate.SlotsPerReservation} slots, {client.Gate.DroppedSlots:N0} slots passed unused)")
            : "";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            Pages collected       {collected:N0} ({skipped} skipped), {posts:N0} posts in the 30-day window, {comments:N0} citizens' comments
            Wall time             {elapsed.TotalSeconds:0.0} s
            Requests              {stats.Requests:N0} ({perPage:0.00} per channel: chats {stats.Calls.GetValueOrDefault("chats"):N0}, messages {stats.Calls.GetValueOrDefault("messages"):N0}, comments {stats.Calls.GetValueOrDefault("comments"):N0})
            Allowed rate          {rate:0.0} requests/s (the pacer aims at {RequestPacer.Headroom:P0} of it)
            Sustained rate        {sustained:0.00} requests/s = {sustained / rate:P1} of allowed (middle 90 % of requests; whole run {stats.Requests / elapsed.TotalSeconds:0.00}/s)
            429 answers           {stats.TooManyRequestsAnswers} (collector saw {client.TooManyRequestsAnswers}); {client.Gate.StaleTurns} requests found their turn stale and waited for a fresh one
            CPU                   collector {cpu.TotalSeconds:0.0} s ({cpu.TotalMilliseconds / stats.Requests:0.00} ms per request); the machine has {Environment.ProcessorCount} cores, load average {loadBefore} before, {LoadAverage()} after{sharing}
            Projection for {NationalMaxChannels:N0} channels: {national:N0} requests, {Duration(national / sustained)} with one bot at this rate ({Math.Ceiling(national / sustained / NightSeconds):0} bots to finish within a {NightSeconds / 3600:0}-hour night)
            """));
        await output.WriteLineAsync(sustained / rate >= 0.95 && stats.TooManyRequestsAnswers == 0
            ? "Target met: ≥ 95 % of the allowed rate sustained and no 429 answers."
            : "Target NOT met: see the sustained rate and 429 answers above.");
        return 0;
    }

    /// <summary>Requests per second between the 5th and 95th percentile of arrivals (as <see cref="Measure"/> does for VK).</summary>
    private static double SustainedRate(IReadOnlyList<long> arrivals, double allowed)
    {
        var ordered = arrivals.Order().ToList();
        var edge = ordered.Count / 20;
        var seconds = ordered.Count > 2 ? (double)(ordered[^(1 + edge)] - ordered[edge]) / Stopwatch.Frequency : 0;
        return seconds > 0 ? (ordered.Count - 1 - (2 * edge)) / seconds : allowed;
    }

    /// <summary><c>fake-vk --platform max</c>: serves the region's VK content as MAX channels until standard input closes.</summary>
    private static async Task<int> RunFakeMaxAsync(Options options, TextWriter output, CancellationToken cancellationToken)
    {
        var demo = new DemoPageSource(new DemoSourceOptions { PageCount = options.DemoPages });
        await using var fake = new FakeMax(MaxBotToken) { Latency = TimeSpan.FromMilliseconds(options.LatencyMs) };
        foreach (var batch in Plan(options.DemoPages).Batches)
        {
            foreach (var snapshot in (await demo.CollectAsync(batch, cancellationToken)).Pages)
            {
                fake.AddChannel(DemoContentOnFakes.ToMaxChannel(snapshot));
            }
        }

        await fake.StartAsync(cancellationToken);
        await output.WriteLineAsync(fake.BaseAddress.ToString());
        await output.FlushAsync(cancellationToken);
        while (await Console.In.ReadLineAsync(cancellationToken) is not null)
        {
        }

        return 0;
    }

    private static string Describe(IEnumerable<(VkTokenType Type, double Rate)> tokens) =>
        string.Join(" + ", tokens.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type.ToString().ToLowerInvariant()} {t.Rate:0.#}/s")));
}
