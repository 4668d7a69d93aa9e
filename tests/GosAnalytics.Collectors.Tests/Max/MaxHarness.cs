using GosAnalytics.Collectors.Max;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.FakePlatforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace GosAnalytics.Collectors.Tests.Max;

/// <summary>
/// A started <see cref="FakeMax"/> and sources built the way the app builds them: configuration section <c>Max</c>, the
/// collector's registration, the real named HttpClient. Quick retries so that failure tests stay short.
/// </summary>
internal sealed class MaxHarness : IAsyncDisposable
{
    public const string BotToken = "f9LHodD0cOJmHq2xRbbY7nLr4Gz1QpWt-secret-bot-token";
    public const long ChatId = -70801090403050;
    public const string Link = "minobr28";

    public static readonly DateOnly MetricDay = new(2026, 11, 20);
    public static readonly DateTimeOffset AsOf = MoscowTime.EndOfDay(MetricDay);

    private readonly List<ServiceProvider> providers = [];

    private MaxHarness(FakeMax fake)
    {
        Fake = fake;
    }

    public FakeMax Fake { get; }

    public FakeLogCollector Logs { get; } = new();

    public static DateTimeOffset WindowStart => Request().WindowStart;

    public static async Task<MaxHarness> StartAsync()
    {
        var fake = new FakeMax(BotToken);
        await fake.StartAsync();
        return new MaxHarness(fake);
    }

    /// <summary>
    /// The service provider with the harness's token; <paramref name="settings"/> override or remove (null) any <c>Max:</c> setting,
    /// and <paramref name="storage"/>, when given, is the app's storage account (the bot's rate is then shared through it).
    /// </summary>
    public ServiceProvider Services(IDictionary<string, string?>? settings = null, GosAnalytics.Storage.StorageClients? storage = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Max:BaseAddress"] = Fake.BaseAddress.ToString(),
            ["Max:BotToken"] = BotToken,
            ["Max:RequestsPerSecond"] = "30",
            // Generous for calls that should succeed on a busy machine; the timeout test sets its own.
            ["Max:RequestTimeout"] = "00:00:10",
            ["Max:RetryBaseDelay"] = "00:00:00.010",
            ["Max:MaxAttempts"] = "4",
        };
        var provider = CollectorServices.Build(
            services => (storage is null ? services : services.AddSingleton(storage)).AddMaxCollector(), values, settings, Logs);
        providers.Add(provider);
        return provider;
    }

    public MaxPageSource Source(IDictionary<string, string?>? settings = null) =>
        Assert.IsType<MaxPageSource>(Assert.Single(Services(settings).GetServices<IPageSource>()));

    public MaxApiClient Client(IDictionary<string, string?>? settings = null) => Services(settings).GetRequiredService<MaxApiClient>();

    public static CollectRequest Request(params RegisteredPage[] pages) => new("run-max-1", MetricDay, AsOf, Platform.Max, pages);

    public static RegisteredPage Page(string pageId, int region = 28, OrganisationKind kind = OrganisationKind.RegionalAuthority) =>
        new(Platform.Max, pageId, pageId.StartsWith('-') ? "" : pageId, region, kind);

    /// <summary>A channel with one post three hours before the end of the metric day.</summary>
    public FakeMaxChannel AddChannel(long chatId = ChatId, string? link = Link, long participants = 11500)
    {
        var channel = Fake.AddChannel(new FakeMaxChannel(chatId, link, "Минобрнауки Амурской области")
        {
            Participants = participants,
            Description = "Официальный канал",
        });
        channel.AddPost($"mid.{-chatId}.1", AsOf.AddHours(-3), "Новости", views: 10);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await Fake.DisposeAsync();
    }
}
