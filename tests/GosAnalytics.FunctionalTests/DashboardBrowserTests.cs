using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GosAnalytics.FunctionalTests;

/// <summary>The analysts' page in a real headless Chromium, served by the local host with a completed demo run.</summary>
public sealed partial class DashboardBrowserTests(DemoPipelineFixture pipeline, ChromiumFixture chromium)
    : IClassFixture<DemoPipelineFixture>, IClassFixture<ChromiumFixture>
{
    private string DashboardUrl => $"http://localhost:{pipeline.Port}/api/dashboard";

    [Fact]
    public async Task The_dashboard_is_served_as_UTF8_HTML_with_a_content_security_policy()
    {
        using var response = await pipeline.Http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'sha256-", policy);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ru\">", html);
        Assert.DoesNotContain("{{", html);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase), html); // nothing from outside
    }

    [Fact]
    public async Task The_page_loads_with_a_Russian_title_the_run_and_the_demo_banner()
    {
        await using var session = await OpenAsync();
        var page = session.Page;

        Assert.Contains("Рейтинг госпабликов", await page.TitleAsync());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Рейтинг госпабликов");
        await Expect(page.Locator("#demo-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#demo-banner")).ToContainTextAsync("Демонстрационные данные");
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("завершён");

        var run = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var metricDay = DateOnly.ParseExact(run.GetProperty("metricDay").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(page.Locator("#run-day")).ToHaveTextAsync(metricDay.ToString("d MMMM yyyy 'г.'", CultureInfo.GetCultureInfo("ru-RU")));
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_header_names_the_content_quality_model_and_explains_its_accuracy_in_Russian()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var model = await pipeline.Http.GetFromJsonAsync<JsonElement>("model");

        await Expect(page.Locator("#model-version")).ToHaveTextAsync(model.GetProperty("version").GetString()!);
        await Expect(page.Locator("#model-version")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("встроенная модель по умолчанию.*корреляция Спирмена"));
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_update_time_is_shown_in_Moscow_time_whatever_the_browsers_time_zone()
    {
        await using var session = await OpenAsync(timeZone: "America/New_York");
        var run = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var completed = run.GetProperty("completedAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(3));
        await Expect(session.Page.Locator("#run-time")).ToHaveTextAsync(completed.ToString("dd.MM.yyyy, HH:mm", CultureInfo.InvariantCulture) + " МСК");
    }

    [Fact]
    public async Task The_rankings_table_shows_rows_ranked_from_one_with_an_index_and_every_component()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var rows = page.Locator("#rankings tbody tr");
        await Expect(rows).ToHaveCountAsync(50);

        var ranks = await page.Locator("#rankings tbody td.rank").AllTextContentsAsync();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => i.ToString(CultureInfo.InvariantCulture)), ranks);
        var indexes = await Values(page, "#rankings tbody td.index");
        Assert.All(indexes, value => Assert.InRange(value, 0, 100));
        Assert.Equal(indexes.OrderDescending(), indexes);
        await Expect(page.Locator("#rankings thead th")).ToContainTextAsync(
            ["Место", "Название", "Платформа", "Тип", "Подписчики", "Индекс", "Вовлечённость", "Охват", "Активность", "Ответы гражданам", "Рост аудитории", "Оформление"]);
        await Expect(page.Locator("#summary")).ToContainTextAsync($"Найдено {DemoPipelineFixture.PageCount} страниц");

        // The first row is the API's first item, with its numbers in Russian format.
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings");
        var first = api.GetProperty("items")[0];
        var firstRow = rows.First;
        await Expect(firstRow.Locator("td.name a[data-page-id]")).ToHaveTextAsync(first.GetProperty("name").GetString()!);
        await Expect(firstRow.Locator("td.index .index-value")).ToHaveTextAsync(first.GetProperty("index").GetDouble().ToString("0.0", CultureInfo.GetCultureInfo("ru-RU")));
        await Expect(page.Locator("#legend-body")).ToContainTextAsync("Вовлечённость");

        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Changing_the_period_and_the_sort_queries_again_and_the_order_follows_the_sort()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr")).ToHaveCountAsync(50);

        var monthly = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#period").SelectOptionAsync("month"),
            response => response.Url.Contains("/api/rankings?", StringComparison.Ordinal) && response.Url.Contains("period=month", StringComparison.Ordinal));
        Assert.Equal(200, monthly.Status);
        await Expect(page.Locator("#results-title")).ToContainTextAsync("за 30 дней");

        var byActivity = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#sort").SelectOptionAsync("engagement"),
            response => response.Url.Contains("sort=engagement", StringComparison.Ordinal) && response.Url.Contains("period=month", StringComparison.Ordinal));
        Assert.Equal(200, byActivity.Status);
        await Expect(page.Locator("#rankings thead th.sorted")).ToHaveTextAsync("Вовлечённость");

        var engagement = await Values(page, "#rankings tbody td[data-component='engagement']");
        Assert.Equal(50, engagement.Count);
        Assert.Equal(engagement.OrderDescending(), engagement);
        Assert.True(engagement[0] > engagement[^1], "Engagement is a peer percentile: the first and the 50th page should differ.");

        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?period=month&sort=engagement");
        await Expect(page.Locator("#rankings tbody tr").First).ToHaveAttributeAsync("data-page-id", api.GetProperty("items")[0].GetProperty("pageId").GetString()!);
        Assert.Contains("sort=engagement", page.Url, StringComparison.Ordinal); // the view can be shared as a link
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task More_appends_the_next_rows_with_ranks_that_continue()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr")).ToHaveCountAsync(50);
        await page.Locator("#more").ClickAsync();
        await Expect(page.Locator("#rankings tbody tr")).ToHaveCountAsync(100);
        var ranks = await page.Locator("#rankings tbody td.rank").AllTextContentsAsync();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString(CultureInfo.InvariantCulture)), ranks);
        await Expect(page.Locator("#more")).ToHaveTextAsync($"Ещё {Math.Min(50, DemoPipelineFixture.PageCount - 100)}");
    }

    [Fact]
    public async Task Clicking_a_page_name_opens_its_profile_with_its_index_places_and_history()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var row = page.Locator("#rankings tbody tr").Nth(2);
        await Expect(row).ToBeVisibleAsync();
        var name = await row.Locator("td.name a[data-page-id]").TextContentAsync();
        var index = await row.Locator("td.index .index-value").TextContentAsync();

        await row.Locator("td.name a[data-page-id]").ClickAsync();
        var profile = page.Locator("#profile");
        await Expect(profile).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-title")).ToHaveTextAsync(name!);
        await Expect(page.Locator("#profile-index")).ToHaveTextAsync(index!);
        await Expect(profile).ToContainTextAsync("Место в России: 3 из");
        await Expect(profile).ToContainTextAsync("ER по просмотрам");
        await Expect(profile).ToContainTextAsync("Медиана времени ответа");
        await Expect(page.Locator("#profile-history tbody tr").First).ToBeVisibleAsync();

        await page.Locator("#profile-close").ClickAsync();
        await Expect(profile).ToBeHiddenAsync();
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_profile_whose_history_has_one_served_day_shows_the_note_and_no_empty_trend_charts()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var link = page.Locator("#rankings tbody tr").First.Locator("td.name a[data-page-id]");
        await Expect(link).ToBeVisibleAsync();
        var platform = await link.GetAttributeAsync("data-platform");
        var pageId = await link.GetAttributeAsync("data-page-id");
        var history = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/{platform}/{pageId}/history?period=week&days=90");
        Assert.Single(history.GetProperty("items").EnumerateArray()); // the demo fixture serves one run, so one day

        await link.ClickAsync();
        var trends = page.Locator("#profile-trends");
        await Expect(trends.Locator("p.note")).ToHaveTextAsync("Динамика появится, когда накопится больше одного дня расчётов: каждая точка — рейтинг одного дня.");
        await Expect(trends.Locator("figure.chart")).ToHaveCountAsync(0);
        await Expect(trends.Locator("canvas")).ToHaveCountAsync(0);
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Filtered_to_MAX_the_table_shows_channels_without_engagement_and_a_profile_says_why_in_Russian()
    {
        await using var session = await OpenAsync("?platform=max");
        var page = session.Page;
        var row = page.Locator("#rankings tbody tr").First;
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("#platform option:checked")).ToHaveTextAsync("MAX");
        Assert.All(await page.Locator("#rankings tbody tr td:nth-child(4)").AllTextContentsAsync(), platform => Assert.Equal("MAX", platform));
        await Expect(row.Locator("td[data-component=engagement]")).ToHaveClassAsync(new Regex("absent"));
        await Expect(row.Locator("td[data-component=engagement]")).ToHaveAttributeAsync("title", "MAX не сообщает реакции и репосты");

        await row.Locator("td.name a[data-page-id]").ClickAsync();
        var profile = page.Locator("#profile");
        await Expect(profile).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-max-note")).ToContainTextAsync("реакций и репостов в нём не видно");
        await Expect(profile.Locator("tr[data-component=engagement]")).ToContainTextAsync("не измеряется");
        await Expect(profile.Locator(".profile-meta")).Not.ToContainTextAsync("Госорганизация");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_CSV_link_is_the_same_query_with_format_csv()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();
        await page.RunAndWaitForResponseAsync(
            () => page.Locator("#sort").SelectOptionAsync("reach"),
            response => response.Url.Contains("sort=reach", StringComparison.Ordinal));
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();

        var href = await page.Locator("#csv").GetAttributeAsync("href");
        Assert.NotNull(href);
        var url = new Uri(href);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("/api/rankings", url.AbsolutePath);
        Assert.Equal("csv", query["format"]);
        Assert.Equal("reach", query["sort"]);
        Assert.Equal("week", query["period"]);

        using var csv = await pipeline.Http.GetAsync(url.PathAndQuery.Replace("/api/", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_invalid_region_code_typed_in_shows_a_Russian_error_message_not_a_blank_page()
    {
        await using var session = await OpenAsync(withoutRegionList: true);
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();

        var region = page.Locator("input#region");
        await region.FillAsync("999");
        var rejected = await page.RunAndWaitForResponseAsync(() => region.PressAsync("Enter"), response => response.Url.Contains("region=999", StringComparison.Ordinal));
        Assert.Equal(400, rejected.Status);

        var error = page.Locator("#error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("Запрос не выполнен: проверьте фильтры.");
        await Expect(error).ToContainTextAsync("Код региона «999» не найден");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Locator("#summary")).ToHaveTextAsync("Нет данных для показа.");
        session.AssertNoPageErrors();

        // A valid code clears the error.
        await region.FillAsync(DemoPipelineFixture.RegionCode.ToString(CultureInfo.InvariantCulture));
        await region.PressAsync("Enter");
        await Expect(error).ToBeHiddenAsync();
        await Expect(page.Locator("#summary")).ToContainTextAsync("Амурская область");
    }

    [Fact]
    public async Task When_the_API_lists_regions_the_region_filter_offers_them_by_Russian_name()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var select = page.Locator("select#region");
        await Expect(select).ToBeVisibleAsync();
        await Expect(select.Locator("option")).ToHaveTextAsync(["Все регионы", "28 — Амурская область"]);
        await page.RunAndWaitForResponseAsync(
            () => select.SelectOptionAsync("28"),
            response => response.Url.Contains("/api/rankings?", StringComparison.Ordinal) && response.Url.Contains("region=28", StringComparison.Ordinal));
        await Expect(page.Locator("#summary")).ToContainTextAsync("28 — Амурская область");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_link_with_an_unknown_region_shows_a_Russian_error_message()
    {
        await using var session = await OpenAsync(query: "?region=999");
        await Expect(session.Page.Locator("#error")).ToContainTextAsync("Код региона «999» не найден");
        await Expect(session.Page.Locator("h1")).ToHaveTextAsync("Рейтинг госпабликов");
    }

    private async Task<BrowserSession> OpenAsync(string query = "", string timeZone = "Europe/Moscow", bool withoutRegionList = false)
    {
        var context = await chromium.NewContextAsync(timeZone);
        // A 400 the page asked for on purpose, and the 404 of a region without data.
        var session = new BrowserSession(context, await context.NewPageAsync(), 400, 404);
        if (withoutRegionList)
        {
            // The page falls back to a text field for the region code when the API lists no regions.
            await session.Page.RouteAsync("**/api/regions", route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 404,
                ContentType = "application/problem+json",
                Body = """{"type":"about:blank","title":"Not found.","status":404,"detail":"No regions."}""",
            }));
        }

        var response = await session.Page.GotoAsync(DashboardUrl + query);
        Assert.Equal(200, response?.Status);
        return session;
    }

    /// <summary>The raw numbers behind cells (their <c>data-value</c>), in row order.</summary>
    private static async Task<List<double>> Values(IPage page, string selector) =>
        (await page.Locator(selector).EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)"))
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture))
            .ToList();
}
