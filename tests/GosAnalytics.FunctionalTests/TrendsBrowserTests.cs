using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The dashboard in Chromium over several served days (<see cref="TrendsFixture"/>): the ranking's change column, the profile's trend
/// charts drawn by the bundled uPlot under the page's CSP, and the profile's bars and history table, at both screen sizes.
/// </summary>
public sealed class TrendsBrowserTests(TrendsFixture trends, ChromiumFixture chromium) : IClassFixture<TrendsFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    [Fact]
    public async Task The_ranking_table_shows_each_pages_change_of_place_with_the_index_change_in_its_title_as_the_API_gives_them()
    {
        await using var session = await OpenAsync("?period=day");
        var page = session.Page;
        var api = await trends.Http.GetFromJsonAsync<JsonElement>("rankings?period=day&top=50");
        var rows = page.Locator("#rankings tbody tr");
        await Expect(rows).ToHaveCountAsync(50);

        await Expect(page.Locator("#rankings thead th.change-head")).ToHaveTextAsync("±");
        var items = api.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var change = items[i].GetProperty("rankChange").GetInt32();
            var mark = rows.Nth(i).Locator("td.change-cell .change");
            await Expect(mark).ToHaveTextAsync(change > 0 ? $"↑{change}" : change < 0 ? $"↓{-change}" : "=");
            await Expect(mark).ToHaveClassAsync("change " + (change > 0 ? "up" : change < 0 ? "down" : "same"));
            // A fall is written with the minus sign «−», as Russian typography has it, not a hyphen.
            var points = items[i].GetProperty("indexChange").GetDouble();
            await Expect(mark).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(
                "индекс " + System.Text.RegularExpressions.Regex.Escape((points > 0 ? "+" : points < 0 ? "−" : "") + Math.Abs(points).ToString("0.0#", Russian))));
        }

        Assert.Contains(items, i => i.GetProperty("rankChange").GetInt32() > 0);
        Assert.Equal("rgb(47, 125, 79)", await page.Locator("#rankings .change.up").First.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        if (items.Any(i => i.GetProperty("rankChange").GetInt32() < 0))
        {
            Assert.Equal("rgb(176, 58, 46)", await page.Locator("#rankings .change.down").First.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        }

        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task With_changes_of_place_and_growth_in_it_the_ranking_table_shows_every_column_at_1280_and_1920_pixels()
    {
        // A first run's table (every change «—», growth absent) fits; served days with «↑83» and growth values must fit too.
        foreach (var period in new[] { "day", "week" })
        {
            await using var session = await OpenAsync($"?period={period}");
            var page = session.Page;
            await Expect(page.Locator("#rankings tbody tr")).ToHaveCountAsync(50);
            await Expect(page.Locator("#rankings td.change-cell .change.up").First).ToBeVisibleAsync();
            foreach (var (width, height) in BrowserSession.ScreenSizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await session.AssertNotClippedAsync("#rankings");
                await session.AssertNotClippedAsync(".results .table-wrap");
            }

            if (period == "week")
            {
                await session.SaveScreenshotsAsync("rankings-with-changes");
            }

            session.AssertNoPageErrors();
        }
    }

    [Fact]
    public async Task A_place_that_does_not_change_gets_whole_distinct_axis_labels_and_a_narrow_chart_does_not_crowd_its_days()
    {
        await using var session = await OpenAsync("");
        var page = session.Page;
        // A page first in its region on nine days running, drawn at the width of a drill-down card.
        var ticks = await page.EvaluateAsync<string[]>("""
            async () => {
              const days = [...Array(9).keys()].map(i => `2026-11-${String(20 + i).padStart(2, '0')}`);
              const figure = GA.charts.line({ title: 'Место в регионе', days, invert: true, format: GA.fmtInt,
                series: [{ label: 'Место', values: days.map(() => 1) }] });
              const box = document.createElement('div');
              box.style.width = '440px';
              box.append(figure);
              document.querySelector('main').append(box);
              for (let i = 0; i < 100 && !figure.dataset.yTicks; i++) await new Promise(r => setTimeout(r, 50));
              const canvas = figure.querySelector('canvas');
              return [figure.dataset.yTicks || '', figure.dataset.xTicks || '', String(canvas ? canvas.clientWidth : 0)];
            }
            """);
        var places = ticks[0].Split('|');
        Assert.NotEmpty(ticks[0]);
        Assert.Equal(places.Distinct(), places);
        Assert.All(places, label => Assert.Matches(@"^\d+$", label));

        // Each day label («28 нояб.») is about 50 px wide: the labels must leave room between them.
        var days = ticks[1].Split('|');
        var width = double.Parse(ticks[2], CultureInfo.InvariantCulture);
        Assert.True(days.Length * 60 <= width, $"{days.Length} day labels ({ticks[1]}) on a {width} px wide chart overlap.");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_month_with_no_run_served_thirty_days_before_shows_a_dash_saying_the_page_was_not_ranked_then()
    {
        await using var session = await OpenAsync("?period=month");
        var mark = session.Page.Locator("#rankings tbody tr").First.Locator(".change");

        await Expect(mark).ToHaveTextAsync("—");
        await Expect(mark).ToHaveAttributeAsync("title", "В прошлом периоде не было в рейтинге");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_history_deeper_than_the_API_keeps_is_refused_with_the_API_s_own_limit_in_Russian()
    {
        await using var session = await OpenAsync("?period=day");
        var item = (await trends.Http.GetFromJsonAsync<JsonElement>("rankings?period=day&top=1")).GetProperty("items")[0];
        var route = $"pages/{item.GetProperty("platform").GetString()}/{item.GetProperty("pageId").GetString()}/history";

        // The API refuses it (400 naming «days»), and the dashboard explains it with the limit the API has.
        var explained = await session.Page.EvaluateAsync<string>(
            "async route => { try { await GA.getJson(route, { days: 401 }); return 'answered'; } catch (error) { return GA.describeError(error).items.join(' | '); } }",
            route);

        // (The browser logs the refused request as a console error: this test wants it, so it does not ask for a clean console.)
        Assert.Equal($"Глубина истории должна быть от 1 до {GosAnalytics.Pipeline.Serve.HistoryLimits.MaxDays} дней.", explained);
    }

    [Fact]
    public async Task The_page_profile_draws_the_trend_charts_from_the_history_with_the_APIs_numbers_under_the_pages_CSP()
    {
        await using var session = await OpenAsync("?period=day");
        var page = session.Page;
        var first = await trends.Http.GetFromJsonAsync<JsonElement>("rankings?period=day&top=1");
        var item = first.GetProperty("items")[0];
        var history = await trends.Http.GetFromJsonAsync<JsonElement>($"pages/{item.GetProperty("platform").GetString()}/{item.GetProperty("pageId").GetString()}/history?period=day&days=90");
        var days = history.GetProperty("items").EnumerateArray().ToList();

        await page.Locator("#rankings tbody tr").First.Locator("td.name a[data-page-id]").ClickAsync();
        var charts = page.Locator("#profile-trends figure.chart");
        await Expect(charts).ToHaveCountAsync(6);
        foreach (var id in new[] { "trend-index", "trend-region-rank", "trend-national-rank", "trend-components", "trend-posts", "trend-answered" })
        {
            var chart = page.Locator($"#{id}");
            await Expect(chart).ToHaveAttributeAsync("data-points", days.Count.ToString(CultureInfo.InvariantCulture));
            await Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
            var size = await chart.Locator("canvas").EvaluateAsync<double[]>("c => [c.width, c.height]");
            Assert.True(size[0] > 200 && size[1] > 100, $"{id}: canvas {size[0]}×{size[1]}");
        }

        // The summaries beside the charts say the first and last values the API gives.
        var firstDay = days[0];
        var lastDay = days[^1];
        await Expect(page.Locator("#trend-index .chart-summary")).ToContainTextAsync(
            $"Индекс: {Score(firstDay.GetProperty("index").GetDouble())} ({LongDay(firstDay)}) → {Score(lastDay.GetProperty("index").GetDouble())} ({LongDay(lastDay)})");
        await Expect(page.Locator("#trend-national-rank .chart-summary")).ToContainTextAsync(
            $"→ {lastDay.GetProperty("nationalRank").GetInt32().ToString("N0", Russian)} ({LongDay(lastDay)})");
        await Expect(page.Locator("#trend-posts .chart-summary")).ToContainTextAsync(
            $"→ {lastDay.GetProperty("metrics").GetProperty("postsPerWeek").GetDouble().ToString("0.0", Russian)} ({LongDay(lastDay)})");
        await Expect(page.Locator("#trend-components .u-legend .u-series")).ToHaveCountAsync(1 + lastDay.GetProperty("components").EnumerateObject().Count());

        // The chart reaches the canvas: pixels of the series' colour are drawn (uPlot draws with no inline style attributes).
        var coloured = await page.Locator("#trend-index canvas").EvaluateAsync<int>(
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] === 43 && d[i + 1] === 108 && d[i + 2] === 176) n++; return n; }");
        Assert.True(coloured > 20, $"{coloured} pixels of the index line");

        // Idle, the legend shows the last day's values.
        await Expect(page.Locator("#trend-index .u-legend .u-series").Nth(1).Locator(".u-value")).ToHaveTextAsync(Score(lastDay.GetProperty("index").GetDouble()));

        await page.Locator("#profile-trends").ScrollIntoViewIfNeededAsync();
        var files = (await session.SaveScreenshotsAsync("profile-trends")).ToList();
        foreach (var (width, height) in BrowserSession.ScreenSizes)
        {
            // The dialog alone as the analyst sees it, scrolled to the charts.
            await page.SetViewportSizeAsync(width, height);
            await page.Locator("#trend-index").ScrollIntoViewIfNeededAsync();
            var file = Path.Combine(BrowserSession.ScreenshotDirectory, $"profile-trends-dialog-{width}x{height}.png");
            await page.Locator("#profile").ScreenshotAsync(new() { Path = file });
            files.Add(file);
        }

        Assert.All(files, file => Assert.True(new FileInfo(file).Length > 10_000));
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_profiles_component_bars_are_drawn_as_wide_as_each_score()
    {
        await using var session = await OpenAsync("?period=week");
        var page = session.Page;
        await page.Locator("#rankings tbody tr").First.Locator("td.name a[data-page-id]").ClickAsync();
        var rows = page.Locator("#profile-body tr[data-component]");
        await Expect(rows.First).ToBeVisibleAsync();

        var checkedBars = 0;
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var bar = rows.Nth(i).Locator(".bar");
            if (await bar.CountAsync() == 0)
            {
                continue; // a component not measured has no bar
            }

            var score = double.Parse((await rows.Nth(i).Locator("td.num").First.TextContentAsync())!, Russian);
            var outer = (await bar.BoundingBoxAsync())!;
            var fill = (await bar.Locator("span").BoundingBoxAsync())!;
            Assert.True(outer.Width >= 100 && outer.Height >= 6, $"bar {outer.Width}×{outer.Height}");
            Assert.True(fill.Height >= 6, $"fill height {fill.Height}");
            Assert.InRange(fill.Width, (outer.Width * score / 100) - 2, (outer.Width * score / 100) + 2);
            checkedBars++;
        }

        Assert.True(checkedBars >= 4);
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_profiles_history_table_and_charts_show_every_column_in_the_dialog_at_both_screen_sizes()
    {
        // The page with the widest numbers: the most subscribers and views.
        var rankings = await trends.Http.GetFromJsonAsync<JsonElement>("rankings?period=week&top=500");
        var widest = rankings.GetProperty("items").EnumerateArray().MaxBy(i => i.GetProperty("metrics").GetProperty("views").GetInt64());
        await using var session = await OpenAsync($"?period=week");
        var page = session.Page;
        var link = page.Locator($"#rankings a[data-page-id='{widest.GetProperty("pageId").GetString()}']");
        await page.Locator("#top").SelectOptionAsync("500");
        foreach (var (width, height) in BrowserSession.ScreenSizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await link.ClickAsync();
            await Expect(page.Locator("#profile-history tbody tr")).ToHaveCountAsync(TrendsFixture.Days.Count);
            await Expect(page.Locator("#trend-components canvas")).ToHaveCountAsync(1);

            await session.AssertNotClippedAsync(".table-wrap:has(#profile-history)");
            await session.AssertNotClippedAsync("#profile-body");
            await session.AssertNotClippedAsync("#profile-trends");
            await page.Locator("#profile-close").ClickAsync();
        }

        session.AssertNoPageErrors();
    }

    private async Task<BrowserSession> OpenAsync(string query)
    {
        var context = await chromium.NewContextAsync();
        var session = new BrowserSession(context, await context.NewPageAsync());
        var response = await session.Page.GotoAsync($"http://localhost:{trends.Port}/api/dashboard{query}");
        Assert.Equal(200, response?.Status);
        await Expect(session.Page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();
        return session;
    }

    private static string Score(double value) => value.ToString("0.0", Russian);

    private static string LongDay(JsonElement day) =>
        DateOnly.ParseExact(day.GetProperty("metricDay").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d MMMM yyyy 'г.'", Russian);
}
