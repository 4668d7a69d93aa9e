using System.Text.Json;
using GosAnalytics.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using GosAnalytics.TestSupport.FaultDrills;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The local host with a good day served and a newer day whose every batch failed (each raw snapshot unreadable): the newer run
/// ends failed, and the last good day stays served.
/// </summary>
public sealed class FailedNewerRunFixture : IAsyncLifetime
{
    public static readonly DateOnly GoodDay = new(2026, 11, 20);
    public static readonly DateOnly FailedDay = GoodDay.AddDays(1);

    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public HttpClient Http => host!.Http;

    public int Port => host!.Port;

    public JsonElement FailedRun { get; private set; }

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings["LocalHost:RunTimersAtStartup"] = "false";
            settings["Serve:LatestRunCacheSeconds"] = "0";
        });
        await TestRuns.RunDayAsync(Http, GoodDay);
        await RawSnapshotFaults.CorruptAsync(azurite.Storage, FailedDay, batches: 16);
        FailedRun = await TestRuns.RunDayAsync(Http, FailedDay);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}

/// <summary>The dashboard in Chromium when a newer run failed: it shows the day it serves and, in Russian, that the newer day failed and why.</summary>
public sealed class DashboardRunOutcomeBrowserTests(FailedNewerRunFixture pipeline, ChromiumFixture chromium)
    : IClassFixture<FailedNewerRunFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public void The_newer_run_failed_with_nothing_collected_and_the_good_day_stays_served()
    {
        Assert.Equal("failed", pipeline.FailedRun.GetProperty("status").GetString());
        Assert.Equal("2026-11-20", pipeline.FailedRun.GetProperty("servedRunId").GetString());
        Assert.Equal(["nothingCollected", "batchesFailed"], pipeline.FailedRun.GetProperty("outcome").GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_dashboard_shows_the_served_day_and_says_in_Russian_that_the_newer_run_failed_and_why()
    {
        var context = await chromium.NewContextAsync();
        await using var _ = context;
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        var response = await page.GotoAsync($"http://localhost:{pipeline.Port}/api/dashboard");

        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("#rankings tbody tr")).ToHaveCountAsync(50);
        await Expect(page.Locator("#run-day")).ToHaveTextAsync("20 ноября 2026 г.");
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("не удался, не показан");
        await Expect(page.Locator("#run-status")).ToHaveClassAsync("pill bad");
        var banner = page.Locator("#run-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Показаны данные за 20 ноября 2026 г.: расчёт за 21 ноября 2026 г. не удался.");
        await Expect(banner).ToContainTextAsync($"Причина: не собрано ни одной страницы из {DemoRegistry.Size(120)}; не обработано пакетов: ");
        await Expect(page.Locator("#results-title")).ToContainTextAsync("по 20 ноября 2026 г.");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Page_notices_show_as_Russian_badges_in_the_table_and_in_the_profile_with_broadcasts_not_collected()
    {
        var context = await chromium.NewContextAsync();
        await using var _ = context;
        var page = await context.NewPageAsync();

        // The demo collects everything; the answers are given the notices real collectors attach (as the platform tests show).
        await page.RouteAsync("**/api/rankings?*", route => WithNoticesAsync(route, json => json["items"]![0]!["notices"] = new System.Text.Json.Nodes.JsonArray("wallTruncated", "broadcastsNotCollected")));
        await page.RouteAsync("**/api/pages/**", route => WithNoticesAsync(route, json =>
        {
            json["notices"] = new System.Text.Json.Nodes.JsonArray("broadcastsNotCollected");
            json["current"]!["metrics"]!["broadcasts"] = null;
        }));
        await page.GotoAsync($"http://localhost:{pipeline.Port}/api/dashboard");

        var first = page.Locator("#rankings tbody tr").First;
        await Expect(first.Locator(".badge.notice")).ToHaveTextAsync(["не все посты", "эфиры не собраны"]);
        await Expect(first.Locator(".badge.notice[data-notice=broadcastsNotCollected]")).ToHaveAttributeAsync("title", "Прямые эфиры этой страницы не собирались: их число неизвестно, а не равно нулю.");
        await first.Locator("a").ClickAsync();
        await Expect(page.Locator("#profile-notices li")).ToHaveTextAsync(["Прямые эфиры этой страницы не собирались: их число неизвестно, а не равно нулю."]);
        await Expect(page.Locator("#profile-body dl.metrics div").Filter(new() { HasText = "Эфиры" }).Locator("dd")).ToHaveTextAsync("не собирались");
    }

    private static async Task WithNoticesAsync(IRoute route, Action<System.Text.Json.Nodes.JsonNode> change)
    {
        var response = await route.FetchAsync();
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
        change(json);
        await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = json.ToJsonString(), Headers = new Dictionary<string, string> { ["content-type"] = "application/json; charset=utf-8" } });
    }

    [Fact]
    public async Task A_page_profile_repeats_which_day_is_shown_and_why_the_newer_one_is_not()
    {
        var context = await chromium.NewContextAsync();
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.GotoAsync($"http://localhost:{pipeline.Port}/api/dashboard");

        await page.Locator("#rankings tbody tr a").First.ClickAsync();

        var note = page.Locator("#profile-body .run-note");
        await Expect(note).ToContainTextAsync("Показаны данные за 20 ноября 2026 г.: расчёт за 21 ноября 2026 г. не удался.");
    }
}
