using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GosAnalytics.FunctionalTests;

/// <summary>The organisations view and card, and the profile's line about the organisation's other pages, in headless Chromium.</summary>
public sealed class OrganisationsBrowserTests(DemoPipelineFixture pipeline, ChromiumFixture chromium)
    : IClassFixture<DemoPipelineFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private string DashboardUrl => $"http://localhost:{pipeline.Port}/api/dashboard";

    [Fact]
    public async Task The_organisations_view_lists_the_organisations_with_the_APIs_combined_indexes_and_each_platforms_page()
    {
        await using var session = await OpenAsync("?view=organisations");
        var page = session.Page;
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?top=50");
        var items = api.GetProperty("items").EnumerateArray().ToList();

        var rows = page.Locator("#org-table tbody tr");
        await Expect(rows).ToHaveCountAsync(items.Count);
        await Expect(page.Locator("[data-view-tab=organisations]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
        Assert.Equal(items.Select(i => i.GetProperty("organisationId").GetString()), await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.organisationId)"));
        Assert.Equal(items.Select(i => i.GetProperty("combinedIndex").GetDouble()), await Values(page, "#org-table tbody td.index"));
        Assert.Equal(items.Select(i => Score(i.GetProperty("combinedIndex").GetDouble())), await page.Locator("#org-table tbody td.index .index-value").AllTextContentsAsync());

        // Each platform's column shows that platform's page index, or a dash.
        foreach (var platform in new[] { "vk", "ok", "telegram", "max" })
        {
            var expected = items.Select(i => string.Join(" · ", i.GetProperty("pages").EnumerateArray()
                .Where(p => p.GetProperty("platform").GetString() == platform).Select(p => Score(p.GetProperty("index").GetDouble())))).Select(t => t.Length == 0 ? "—" : t);
            Assert.Equal(expected, await page.Locator($"#org-table tbody td[data-platform={platform}]").AllTextContentsAsync());
        }

        await Expect(page.Locator("#org-summary")).ToContainTextAsync($"Найдено {api.GetProperty("total").GetInt32()} организац");
        await session.SaveScreenshotsAsync("organisations");
        await AssertNotClippedAtEverySizeAsync(session, "#org-table");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_organisation_card_shows_its_pages_side_by_side_with_the_same_indexes_ranks_and_components_as_the_API()
    {
        var list = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?top=500");
        var id = list.GetProperty("items").EnumerateArray().First(o => o.GetProperty("pages").GetArrayLength() >= 3).GetProperty("organisationId").GetString()!;
        var card = await pipeline.Http.GetFromJsonAsync<JsonElement>($"organisations/{id}");
        var pages = card.GetProperty("pages").EnumerateArray().ToList();

        await using var session = await OpenAsync("?view=organisations");
        var page = session.Page;
        await page.Locator($"#org-table a[data-organisation-id='{id}']").ClickAsync();
        await Expect(page.Locator("#org-card-title")).ToHaveTextAsync(card.GetProperty("name").GetString()!);
        await Expect(page.Locator("#org-card-index")).ToHaveTextAsync(Score(card.GetProperty("combined").GetProperty("index").GetDouble()));
        var combined = card.GetProperty("combined");
        await Expect(page.Locator("#org-card-region-rank")).ToHaveTextAsync($"Место среди организаций региона: {combined.GetProperty("regionRank").GetInt32()} из {combined.GetProperty("regionTotal").GetInt32()}");
        Assert.Contains($"org={id}", page.Url);

        Assert.Equal(pages.Select(p => p.GetProperty("index").GetDouble()), await Values(page, "#org-pages tr.org-index-row td"));
        Assert.Equal(pages.Select(p => p.GetProperty("name").GetString()), await page.Locator("#org-pages td.page-name a").AllTextContentsAsync());
        foreach (var component in new[] { "engagement", "reach", "activity", "responsiveness", "compliance" })
        {
            var expected = pages.Select(p => p.GetProperty("components").TryGetProperty(component, out var v) ? Score(v.GetDouble()) : "не измеряется");
            Assert.Equal(expected, await page.Locator($"#org-pages tr[data-component={component}] td").AllTextContentsAsync());
        }

        Assert.Equal(
            pages.Select(p => $"{p.GetProperty("regionRank").GetInt32()} из {p.GetProperty("regionTotal").GetInt32()}"),
            await page.Locator("#org-pages tbody tr").Nth(3).Locator("td").AllTextContentsAsync());
        await session.SaveScreenshotsAsync("organisation-card");
        await AssertNotClippedAtEverySizeAsync(session, "#org-pages");

        // A page's name opens its profile, which names the organisation's other pages.
        await page.Locator("#org-pages td.page-name a").First.ClickAsync();
        var line = page.Locator("#profile-organisation");
        await Expect(line).ToContainTextAsync("Другие страницы организации:");
        await Expect(line.Locator("a[data-page-id]")).ToHaveCountAsync(pages.Count - 1);
        await Expect(line).ToContainTextAsync($"общий индекс {Score(combined.GetProperty("index").GetDouble())}");
        Assert.DoesNotContain("null", await line.TextContentAsync() ?? "", StringComparison.Ordinal);
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Searching_and_an_unknown_organisation_link_say_what_they_found_in_Russian()
    {
        await using var session = await OpenAsync("?view=organisations&org=unknown-1");
        var page = session.Page;
        await Expect(page.Locator("#org-card .error")).ToContainTextAsync("Организация не найдена");

        await page.Locator("#org-search").FillAsync("губернатор");
        await page.Locator("#org-filters button[type=submit]").ClickAsync();
        await Expect(page.Locator("#org-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#org-table tbody td.name a")).ToHaveTextAsync("Губернатор Амурской области");
        Assert.Contains("search=", page.Url);
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task On_a_first_run_the_card_says_growth_needs_two_days_and_a_missing_page_is_named_in_correct_Russian()
    {
        var list = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?top=500");
        var organisation = list.GetProperty("items").EnumerateArray().First(o => o.GetProperty("pages").GetArrayLength() >= 2);
        var id = organisation.GetProperty("organisationId").GetString()!;
        await using var session = await OpenAsync($"?view=organisations&org={id}");
        var page = session.Page;

        // The demo fixture is a first run: no page has an earlier subscriber count, so growth waits, as the ranking says.
        var growth = page.Locator("#org-pages tr[data-component=growth] td");
        await Expect(growth).ToHaveCountAsync(organisation.GetProperty("pages").GetArrayLength());
        Assert.All(await growth.AllTextContentsAsync(), text => Assert.Equal("нужны данные за два дня", text));

        // «Нет страницы в Одноклассниках», not «в Одноклассники».
        await Expect(page.Locator("#org-table tbody tr").First).ToBeVisibleAsync();
        var titles = await page.Locator("#org-table tbody td.absent[data-platform]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.title)");
        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Contains(title, new[] { "Нет страницы во ВКонтакте", "Нет страницы в Одноклассниках", "Нет страницы в Telegram", "Нет страницы в MAX" }));
        session.AssertNoPageErrors();
    }

    private static async Task AssertNotClippedAtEverySizeAsync(BrowserSession session, string selector)
    {
        foreach (var (width, height) in BrowserSession.ScreenSizes)
        {
            await session.Page.SetViewportSizeAsync(width, height);
            await session.AssertNotClippedAsync(selector);
        }
    }

    private async Task<BrowserSession> OpenAsync(string query)
    {
        var context = await chromium.NewContextAsync();
        var session = new BrowserSession(context, await context.NewPageAsync(), 404);
        var response = await session.Page.GotoAsync(DashboardUrl + query);
        Assert.Equal(200, response?.Status);
        return session;
    }

    /// <summary>An index as the page shows it: one decimal, ru-RU (a decimal comma).</summary>
    private static string Score(double value) => value.ToString("0.0", Russian);

    private static async Task<List<double>> Values(IPage page, string selector) =>
        (await page.Locator(selector).EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)"))
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture))
            .ToList();
}
