using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Microsoft.Playwright.Assertions;

namespace GosAnalytics.FunctionalTests;

/// <summary>The profile's «Что улучшить», the «Списки работ» view and the weekly report button, in Chromium on the demo run.</summary>
public sealed class AdviceBrowserTests(DemoPipelineFixture pipeline, ChromiumFixture chromium)
    : IClassFixture<DemoPipelineFixture>, IClassFixture<ChromiumFixture>
{
    private string DashboardUrl => $"http://localhost:{pipeline.Port}/api/dashboard";

    [Fact]
    public async Task The_profile_shows_the_advice_the_API_gives_for_the_page_most_severe_first()
    {
        var (key, advice, requirements) = await PageWithAdviceAsync();
        await using var session = await OpenAsync($"?page={key}");
        var page = session.Page;

        await Expect(page.Locator("#profile-advice-title")).ToHaveTextAsync("Что улучшить");
        var shown = page.Locator("#profile-advice li");
        await Expect(shown).ToHaveCountAsync(advice.Count);
        // The API's phrases, each shown as a sentence: the same words, the first letter capital.
        Assert.Equal(
            advice.Select(a => a.GetProperty("text").GetString()!).Select(text => char.ToUpperInvariant(text[0]) + text[1..]),
            await shown.Locator(".advice-text").AllTextContentsAsync());
        Assert.Equal(
            advice.Select(a => a.GetProperty("severity").GetString()),
            await shown.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.severity)"));
        await Expect(page.Locator("#profile-requirements li")).ToHaveCountAsync(requirements.Count);
        Assert.Equal(
            requirements.Select(r => r.GetProperty("met").GetBoolean() ? "met" : "unmet"),
            await page.Locator("#profile-requirements li").EvaluateAllAsync<string[]>("items => items.map(i => i.className)"));

        // Whatever the badge («важно», «желательно», «можно»), the advice texts line up.
        var starts = await shown.Locator(".advice-text").EvaluateAllAsync<double[]>("spans => spans.map(s => s.getBoundingClientRect().left)");
        Assert.Single(starts.Distinct());

        await page.Locator("#profile-advice").ScrollIntoViewIfNeededAsync();
        await session.SaveScreenshotsAsync("advice");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_work_lists_view_counts_the_pages_the_API_lists_and_shows_the_chosen_list()
    {
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("regions/28/worklists?period=week&answeredBelow=0.5");
        var totals = api.GetProperty("lists").EnumerateArray().ToDictionary(l => l.GetProperty("list").GetString()!, l => l.GetProperty("total").GetInt32());
        await using var session = await OpenAsync("?view=worklists&region=28");
        var page = session.Page;

        await Expect(page.Locator("#worklists-title")).ToBeVisibleAsync();
        await Expect(page.Locator(".worklist-card")).ToHaveCountAsync(4);
        foreach (var (list, total) in totals)
        {
            await Expect(page.Locator($".worklist-card[data-list={list}] .worklist-count")).ToHaveTextAsync(
                new System.Text.RegularExpressions.Regex($"^{string.Join("\\s?", total.ToString(CultureInfo.InvariantCulture).ToCharArray())}$"));
            await Expect(page.Locator($".worklist-card[data-list={list}] a.worklist-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"worklists\\?.*list={list}.*format=csv"));
        }

        var busiest = totals.MaxBy(pair => pair.Value).Key;
        await page.Locator($".worklist-card[data-list={busiest}] .worklist-pick").ClickAsync();
        await Expect(page.Locator($".worklist-card[data-list={busiest}]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
        await Expect(page.Locator("#worklist tbody tr")).ToHaveCountAsync(Math.Min(200, totals[busiest]));
        var first = api.GetProperty("lists").EnumerateArray().Single(l => l.GetProperty("list").GetString() == busiest).GetProperty("items")[0];
        await Expect(page.Locator("#worklist tbody tr").First).ToContainTextAsync(first.GetProperty("name").GetString()!);

        var csv = await page.Locator($".worklist-card[data-list={busiest}] a.worklist-csv").GetAttributeAsync("href");
        using var download = await pipeline.Http.GetAsync(new Uri(csv!));
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);

        await session.SaveScreenshotsAsync("worklists");
        await session.AssertNotClippedAsync("#worklist", scrollableIsFine: true);
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_work_lists_summary_names_the_period_as_a_span_and_ends_with_a_single_full_stop()
    {
        await using var session = await OpenAsync("?view=worklists&region=28");
        var summary = session.Page.Locator("#worklists-summary");
        // «…, за неделю по 6 декабря 2026 г.», not «…, неделя по 6 декабря 2026 г..».
        await Expect(summary).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^28 — Амурская область: .* в рейтинге, за неделю по \d{1,2} [а-я]+ \d{4} г\.$"));
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_threshold_outside_1_to_100_percent_is_explained_in_Russian_without_the_APIs_parameter_name()
    {
        await using var session = await OpenAsync("?view=worklists&region=28");
        var page = session.Page;
        await Expect(page.Locator(".worklist-card")).ToHaveCountAsync(4);

        await page.Locator("#worklists-threshold").FillAsync("0");
        await page.Locator("#worklists-form button[type=submit]").ClickAsync();
        var error = page.Locator("#worklists-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error.Locator("li")).ToHaveTextAsync("Порог «Ответов меньше, %» должен быть числом от 1 до 100.");
        Assert.DoesNotContain("answeredBelow", string.Join(" ", await error.Locator("strong, li").AllTextContentsAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_weekly_report_button_downloads_an_Excel_workbook_that_opens()
    {
        await using var session = await OpenAsync("?view=worklists&region=28");
        var page = session.Page;
        var button = page.Locator("#weekly-report");
        await Expect(button).ToHaveTextAsync("Еженедельный отчёт (Excel)");
        await Expect(button).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("reports/weekly\\?region=28&format=xlsx$"));

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.Matches(@"^gosanalytics-weekly-\d{4}-\d{2}-\d{2}-region-28\.xlsx$", download.SuggestedFilename);
        var path = await download.PathAsync();
        using (var document = SpreadsheetDocument.Open(path, false))
        {
            var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal("По организациям", sheets[0]);
        }

        using var response = await pipeline.Http.GetAsync(new Uri((await button.GetAttributeAsync("href"))!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        session.AssertNoPageErrors();
    }

    /// <summary>A demo page whose advice has at least two items, with its advice and requirements as the API gives them.</summary>
    private async Task<(string Key, List<JsonElement> Advice, List<JsonElement> Requirements)> PageWithAdviceAsync()
    {
        var rankings = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?region=28&top=500");
        foreach (var item in rankings.GetProperty("items").EnumerateArray().Reverse())
        {
            var key = $"{item.GetProperty("platform").GetString()}/{item.GetProperty("pageId").GetString()}";
            var profile = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/{key}?period=week");
            var advice = profile.GetProperty("advice").GetProperty("items").EnumerateArray().ToList();
            if (advice.Count >= 2)
            {
                return (key, advice, profile.GetProperty("requirements").EnumerateArray().ToList());
            }
        }

        throw new InvalidOperationException("No demo page has two advice items.");
    }

    private async Task<BrowserSession> OpenAsync(string query)
    {
        var context = await chromium.NewContextAsync();
        var session = new BrowserSession(context, await context.NewPageAsync());
        var response = await session.Page.GotoAsync(DashboardUrl + query);
        Assert.Equal(200, response?.Status);
        return session;
    }
}
