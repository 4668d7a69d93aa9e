using GosAnalytics.Collectors.Telegram;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.FakePlatforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace GosAnalytics.Collectors.Tests.Telegram;

/// <summary>
/// A <see cref="FakeTelegram"/> and the Telegram source built by the real registration, configured to call the fake:
/// the real named HttpClient, options binding and validation, pacer and retry.
/// </summary>
internal sealed class TelegramHarness : IAsyncDisposable
{
    public static readonly DateOnly MetricDay = new(2025, 3, 10);

    private readonly ServiceProvider services;

    private TelegramHarness(FakeTelegram fake, ServiceProvider services, FakeLogCollector logs)
    {
        Fake = fake;
        this.services = services;
        Logs = logs;
        Source = services.GetServices<IPageSource>().Single();
    }

    public FakeTelegram Fake { get; }

    public IPageSource Source { get; }

    public FakeLogCollector Logs { get; }

    public static DateTimeOffset AsOf => MoscowTime.EndOfDay(MetricDay);

    public static DateTimeOffset WindowStart => Request().WindowStart;

    /// <summary>Starts the fake; <paramref name="settings"/> override the test defaults (fast pacing, quick retries).</summary>
    public static async Task<TelegramHarness> StartAsync(Action<FakeTelegram>? arrange = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fake = new FakeTelegram();
        arrange?.Invoke(fake);
        await fake.StartAsync();

        var values = new Dictionary<string, string?>
        {
            ["Telegram:BaseAddress"] = fake.BaseAddress.ToString(),
            ["Telegram:RequestsPerSecond"] = "50",
            ["Telegram:RequestTimeout"] = "00:00:10",
            ["Telegram:MaxAttempts"] = "3",
            ["Telegram:RetryBaseDelay"] = "00:00:00.010",
        };
        var logs = new FakeLogCollector();
        return new TelegramHarness(fake, CollectorServices.Build(services => services.AddTelegramCollector(), values, settings, logs), logs);
    }

    public static CollectRequest Request(params string[] channels) =>
        new("run-1", MetricDay, AsOf, Platform.Telegram, [.. channels.Select(channel => new RegisteredPage(Platform.Telegram, channel, channel, 28, OrganisationKind.RegionalAuthority))]);

    public Task<BatchCollection> CollectAsync(params string[] channels) => Source.CollectAsync(Request(channels), CancellationToken.None);

    /// <summary>Posts <paramref name="count"/> posts with ids 1…count, the newest an hour before AsOf, one every <paramref name="spacing"/>.</summary>
    public static void AddPosts(FakeTelegramChannel channel, int count, TimeSpan spacing)
    {
        for (var id = 1; id <= count; id++)
        {
            channel.Posts.Add(new FakeTelegramPost(id, AsOf - TimeSpan.FromHours(1) - ((count - id) * spacing)) { Text = $"Новость №{id}" });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
