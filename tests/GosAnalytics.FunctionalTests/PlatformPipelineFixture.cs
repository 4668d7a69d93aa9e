using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.Demo;
using GosAnalytics.FakePlatforms;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The whole pipeline on real collectors: the local host with <c>Pipeline:Source=platforms</c>, its VK, OK, Telegram and MAX base
/// addresses pointing at fake platforms that serve a small generated region in each platform's own shapes, plus a deleted VK
/// community, an unknown OK group and a Telegram channel whose preview is off. Pages come in through <c>POST /api/registry</c>,
/// and one MAX channel the way a real one does: the bot's <c>bot_added</c> update, read by the development long-poll, confirmed by
/// the operator with a region and kind. The runs of two days start through <c>POST /api/runs</c>; on a third day VK refuses every
/// token (error 5).
/// </summary>
public sealed class PlatformPipelineFixture : IAsyncLifetime
{
    public static readonly DateOnly FirstDay = new(2026, 11, 20);
    public const long DeletedVkGroup = 999_000_001;
    public const string UnknownOkGroup = "999000000000002";
    public const string DisabledTelegramChannel = "closed_preview_channel";

    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public FakeVk Vk { get; } = new() { Latency = TimeSpan.FromMilliseconds(5) };

    public FakeOk Ok { get; } = new("CBAFKEYFAKE", "fake-secret-key-0123456789", "fake-access-token-abcdef");

    public FakeTelegram Telegram { get; } = new();

    public FakeMax Max { get; } = new(MaxBotToken);

    /// <summary>The MAX channel that enters the registry through the bot's update and the operator's confirmation, not the CSV.</summary>
    public PageSnapshot MaxChannelFromBot { get; private set; } = null!;

    /// <summary>What the operator's list said of that channel before it was confirmed.</summary>
    public JsonElement MaxChannelPending { get; private set; }

    /// <summary>The host's spans and logs (OpenTelemetry's in-memory exporters).</summary>
    public InMemoryTelemetry Telemetry { get; } = new();

    /// <summary>Everything that must never be written to a span or a log: the platforms' tokens and keys, the storage account key.</summary>
    public IReadOnlyList<string> Secrets =>
    [
        VkServiceToken,
        VkUserToken,
        MaxBotToken,
        Ok.AccessToken,
        Ok.ApplicationSecretKey,
        Ok.ApplicationKey,
        Collectors.Ok.OkSignature.SessionSecret(Ok.AccessToken, Ok.ApplicationSecretKey),
        azurite.ConnectionString.Split(';').Single(part => part.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..],
    ];

    private const string VkServiceToken = "vk-service-token-for-tests";
    private const string VkUserToken = "vk-user-token-for-tests";
    private const string MaxBotToken = "max-bot-token-for-tests";

    public HttpClient Http => host!.Http;

    public StorageClients Storage => azurite.Storage;

    /// <summary>What the fakes serve: the generated region's pages and content for <see cref="FirstDay"/>.</summary>
    public IReadOnlyList<PageSnapshot> Served { get; private set; } = [];

    public JsonElement FirstRun { get; private set; }

    public JsonElement SecondRun { get; private set; }

    /// <summary>The third day's run, with every VK token refused: too little collected to be served.</summary>
    public JsonElement ThirdRun { get; private set; }

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        await Task.WhenAll(Vk.StartAsync(), Ok.StartAsync(), Telegram.StartAsync(), Max.StartAsync());
        Served = await ServeDemoRegionAsync();
        MaxChannelFromBot = Served.First(s => s.Page.Platform == Platform.Max);
        Max.AddBotAdded(long.Parse(MaxChannelFromBot.Page.PageId, CultureInfo.InvariantCulture), new DateTimeOffset(2026, 11, 19, 9, 30, 0, TimeSpan.Zero), userId: 5001);

        var tokens = new[] { Vk.AddToken(VkServiceToken, "service", 20), Vk.AddToken(VkUserToken, "user", 3) };
        host = await LocalHostUnderTest.StartAsync(azurite, ConfigureCollectors, Telemetry);

        using var import = await Http.PostAsync("registry", new StringContent(RegistryCsv(), Encoding.UTF8, "text/csv"));
        import.EnsureSuccessStatusCode();
        MaxChannelPending = await ConfirmMaxChannelFromBotAsync();
        FirstRun = await TestRuns.RunDayAsync(Http, FirstDay);
        SecondRun = await TestRuns.RunDayAsync(Http, FirstDay.AddDays(1));
        foreach (var token in tokens)
        {
            token.RefusedWith = 5;
        }

        ThirdRun = await TestRuns.RunDayAsync(Http, FirstDay.AddDays(2));
    }

    /// <summary>The local host on real collectors, their base addresses at the fakes, the registry and runs left to the test.</summary>
    private void ConfigureCollectors(Dictionary<string, string?> settings)
    {
        settings["LocalHost:RunTimersAtStartup"] = "false";
        settings["Serve:LatestRunCacheSeconds"] = "0"; // answers name a run as soon as it ends
        settings["DailyRunSchedule"] = "0 0 0 1 1 *";
        settings["Pipeline:Source"] = "platforms";
        settings["Vk:BaseAddress"] = Vk.BaseAddress.ToString();
        settings["Vk:RetryBaseDelay"] = "00:00:00.020";

        // Every commented post, so that the replies collected can be compared one for one with what was served.
        settings["Vk:MaxCommentedPostsPerPage"] = "200";
        settings["Vk:Tokens:0:Name"] = "service-1";
        settings["Vk:Tokens:0:Token"] = VkServiceToken;
        settings["Vk:Tokens:0:RequestsPerSecond"] = "20";
        settings["Vk:Tokens:1:Name"] = "user-1";
        settings["Vk:Tokens:1:Token"] = VkUserToken;
        settings["Vk:Tokens:1:Type"] = "User";
        settings["Ok:BaseAddress"] = Ok.BaseAddress.ToString();
        settings["Ok:ApplicationKey"] = Ok.ApplicationKey;
        settings["Ok:ApplicationSecretKey"] = Ok.ApplicationSecretKey;
        settings["Ok:AccessToken"] = Ok.AccessToken;
        settings["Ok:RequestsPerSecond"] = "50";
        settings["Telegram:BaseAddress"] = Telegram.BaseAddress.ToString();
        settings["Telegram:RequestsPerSecond"] = "50";
        settings["Max:BaseAddress"] = Max.BaseAddress.ToString();
        settings["Max:BotToken"] = MaxBotToken;
        settings["Max:RetryBaseDelay"] = "00:00:00.020";

        // The fake answers 429 past 30 requests in any second, as MAX documents; on a loaded test machine paced requests can leave
        // in bursts, and four quick tries once skipped a channel (a partial run). More tries keep the fixture about what is collected.
        settings["Max:MaxAttempts"] = "8";
        settings["Max:MaxCommentedPostsPerPage"] = "200";
        settings["Max:PollUpdates"] = "true";

        // Exported logs in full (the console keeps to warnings), so that the secrets test reads every line a run writes.
        settings["Logging:OpenTelemetry:LogLevel:Default"] = "Trace";
    }

    private async Task<IReadOnlyList<PageSnapshot>> ServeDemoRegionAsync()
    {
        var demo = new DemoPageSource(new DemoSourceOptions { RegionCode = 28, PageCount = 90 });
        var pages = new List<PageSnapshot>();
        foreach (var platform in demo.ListPages().GroupBy(page => page.Platform))
        {
            var request = new CollectRequest("demo", FirstDay, MoscowTime.EndOfDay(FirstDay), platform.Key, [.. platform]);
            pages.AddRange((await demo.CollectAsync(request, CancellationToken.None)).Pages);
        }

        foreach (var snapshot in pages)
        {
            switch (snapshot.Page.Platform)
            {
                case Platform.Vk:
                    Vk.AddGroup(DemoContentOnFakes.ToVkGroup(snapshot));
                    break;
                case Platform.Ok:
                    var (group, topics) = DemoContentOnFakes.ToOkGroup(snapshot);
                    Ok.Groups[group.Id] = group;
                    Ok.Topics[group.Id] = topics;
                    break;
                case Platform.Max:
                    Max.AddChannel(DemoContentOnFakes.ToMaxChannel(snapshot));
                    break;
                default:
                    DemoContentOnFakes.ToTelegramChannel(Telegram, snapshot);
                    break;
            }
        }

        Vk.AddGroup(new FakeVkGroup(DeletedVkGroup, $"club{DeletedVkGroup}", "Удалённая страница") { Deactivated = "deleted" });
        Telegram.AddChannel(DisabledTelegramChannel, channel => channel.Mode = FakeTelegramMode.PreviewDisabled);
        return pages;
    }

    /// <summary>The registry as an analyst would upload it: links as they appear in a browser, Russian Excel's semicolons.</summary>
    private string RegistryCsv()
    {
        var csv = new StringBuilder("platform;page;region;kind\n");
        foreach (var page in Served.Select(s => s.Page).Where(page => page != MaxChannelFromBot.Page))
        {
            var link = page.Platform switch
            {
                Platform.Vk => $"https://vk.com/club{page.PageId}",
                Platform.Ok => $"https://ok.ru/group/{page.PageId}",
                Platform.Max => page.ScreenName.Length > 0 ? $"https://max.ru/{page.ScreenName}" : page.PageId,
                _ => $"https://t.me/{page.ScreenName}",
            };
            csv.Append(CultureInfo.InvariantCulture, $"{page.Platform.ToCode()};{link};{page.RegionCode};{page.Kind.ToCode()}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"vk;https://vk.com/club{DeletedVkGroup};28;education\n");
        csv.Append(CultureInfo.InvariantCulture, $"ok;https://ok.ru/group/{UnknownOkGroup};28;education\n");
        csv.Append(CultureInfo.InvariantCulture, $"telegram;@{DisabledTelegramChannel};28;education\n");
        return csv.ToString();
    }

    /// <summary>
    /// Waits for the long-poll (every 10 s) to put the bot's channel on the operator's list, then confirms it as the operator would:
    /// the function key, its region and kind. Returns the list's entry from before the confirmation.
    /// </summary>
    private async Task<JsonElement> ConfirmMaxChannelFromBotAsync()
    {
        var page = MaxChannelFromBot.Page;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var list = await Http.GetFromJsonAsync<JsonElement>("max/channels");
            var pending = list.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("pageId").GetString() == page.PageId).ToList();
            if (pending.Count == 1)
            {
                var body = new StringContent(
                    $$"""{"region": {{page.RegionCode}}, "kind": "{{page.Kind.ToCode()}}"}""", Encoding.UTF8, "application/json");
                using var confirm = await Http.PostAsync($"max/channels/{page.PageId}/confirm", body);
                confirm.EnsureSuccessStatusCode();
                return pending[0].Clone();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The long-poll did not list MAX chat {page.PageId} within 60 s: {list}");
            }

            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await Vk.DisposeAsync();
        await Ok.DisposeAsync();
        await Telegram.DisposeAsync();
        await Max.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
