using GosAnalytics.Collectors.Vk;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.FakePlatforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace GosAnalytics.Collectors.Tests.Vk;

/// <summary>A fake VK on a real port and the collector's real services pointed at it through Vk:BaseAddress.</summary>
internal sealed class VkHarness : IAsyncDisposable
{
    public static readonly DateOnly Day = new(2026, 11, 20);

    private VkHarness(FakeVk fake, ServiceProvider services, FakeLogCollector logs)
    {
        Fake = fake;
        Services = services;
        Logs = logs;
    }

    public FakeVk Fake { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    public VkPageSource Source => Services.GetRequiredService<VkPageSource>();

    public VkApiClient Api => Services.GetRequiredService<VkApiClient>();

    public static DateTimeOffset InWindow(int daysBeforeEnd, int hour = 12) => MoscowTime.StartOfDay(Day.AddDays(-daysBeforeEnd)).AddHours(hour);

    /// <summary>Starts the fake with the given tokens (value, type, rate) and the services with matching Vk:Tokens settings.</summary>
    public static async Task<VkHarness> StartAsync(IReadOnlyList<(string Token, string Type, double Rate)> tokens, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fake = new FakeVk();
        await fake.StartAsync();
        var configuration = new Dictionary<string, string?>
        {
            ["Vk:BaseAddress"] = fake.BaseAddress.ToString(),
            ["Vk:RequestTimeout"] = "00:00:00.500",
            ["Vk:RetryBaseDelay"] = "00:00:00.010",
        };
        for (var i = 0; i < tokens.Count; i++)
        {
            fake.AddToken(tokens[i].Token, tokens[i].Type, tokens[i].Rate);
            configuration[$"Vk:Tokens:{i}:Name"] = $"{tokens[i].Type}-{i + 1}";
            configuration[$"Vk:Tokens:{i}:Token"] = tokens[i].Token;
            configuration[$"Vk:Tokens:{i}:Type"] = tokens[i].Type;
            configuration[$"Vk:Tokens:{i}:RequestsPerSecond"] = tokens[i].Rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var logs = new FakeLogCollector();
        return new VkHarness(fake, CollectorServices.Build(services => services.AddVkCollector(), configuration, settings, logs), logs);
    }

    public static Task<VkHarness> StartAsync() => StartAsync([("service-token-1", "service", 20)]);

    public Task<BatchCollection> CollectAsync(params RegisteredPage[] pages) =>
        Source.CollectAsync(new CollectRequest(Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Day, MoscowTime.EndOfDay(Day), Platform.Vk, pages), CancellationToken.None);

    public static RegisteredPage Page(string pageId, int region = 28) => new(Platform.Vk, pageId, "", region, OrganisationKind.Education);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
