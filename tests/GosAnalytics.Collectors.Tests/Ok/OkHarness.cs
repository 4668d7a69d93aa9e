using GosAnalytics.Collectors.Ok;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.FakePlatforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace GosAnalytics.Collectors.Tests.Ok;

/// <summary>
/// A started <see cref="FakeOk"/> and sources built the way the app builds them: configuration section <c>Ok</c>, the collector's
/// registration, the real named HttpClient. Quick retries so that failure tests stay short.
/// </summary>
internal sealed class OkHarness : IAsyncDisposable
{
    public const string ApplicationKey = "CBAQKLMNEBABABABA";
    public const string SecretKey = "5F0E4C1B2A39D87E6F5A4B3C";
    public const string AccessToken = "tkn1Xq7-long-lived-ACCESS-token-8f2c91";

    public static readonly DateOnly MetricDay = new(2026, 11, 20);
    public static readonly DateTimeOffset AsOf = MoscowTime.EndOfDay(MetricDay);

    private readonly List<ServiceProvider> providers = [];

    private OkHarness(FakeOk fake)
    {
        Fake = fake;
    }

    public FakeOk Fake { get; }

    public FakeLogCollector Logs { get; } = new();

    public static DateTimeOffset WindowStart => Request().WindowStart;

    public static async Task<OkHarness> StartAsync()
    {
        var fake = new FakeOk(ApplicationKey, SecretKey, AccessToken);
        await fake.StartAsync();
        return new OkHarness(fake);
    }

    /// <summary>The OK source with the harness's credentials; <paramref name="settings"/> override or remove (null) any <c>Ok:</c> setting.</summary>
    public OkPageSource Source(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Ok:BaseAddress"] = Fake.BaseAddress.ToString(),
            ["Ok:ApplicationKey"] = ApplicationKey,
            ["Ok:ApplicationSecretKey"] = SecretKey,
            ["Ok:AccessToken"] = AccessToken,
            ["Ok:RequestsPerSecond"] = "50",
            // Generous for calls that should succeed on a busy machine; the timeout test sets its own ~200 ms.
            ["Ok:RequestTimeout"] = "00:00:10",
            ["Ok:RetryBaseDelay"] = "00:00:00.010",
            ["Ok:MaxAttempts"] = "4",
            ["Ok:TopicsPerRequest"] = "50",
        };
        var provider = CollectorServices.Build(services => services.AddOkCollector(), values, settings, Logs);
        providers.Add(provider);
        return Assert.IsType<OkPageSource>(Assert.Single(provider.GetServices<IPageSource>()));
    }

    public static CollectRequest Request(params RegisteredPage[] pages) => new("run-ok-1", MetricDay, AsOf, Platform.Ok, pages);

    public static RegisteredPage Page(string pageId, string screenName = "", int region = 28, OrganisationKind kind = OrganisationKind.RegionalAuthority) =>
        new(Platform.Ok, pageId, screenName.Length > 0 ? screenName : pageId, region, kind);

    public FakeOkGroup AddGroup(string id, string? shortName = null, long members = 1000, bool membersInInfo = true)
    {
        var group = new FakeOkGroup(id, $"Группа {id}", shortName, members, "Официальная страница", "https://i.mycdn.me/i?r=avatar" + id, MembersInInfo: membersInInfo);
        Fake.Groups[id] = group;
        Fake.Topics[id] = [new FakeOkTopic(id + "01", AsOf.AddHours(-3), [new FakeOkMedia("text", Text: "Новости")], Likes: 1, Views: 10)];
        return group;
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
