using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GosAnalytics.FunctionalTests;

/// <summary>The «Контент» view, the header's search, links to the platforms and the defects of issue 13, in Chromium at both screen sizes.</summary>
public sealed partial class DashboardBrowserTests
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    [Fact]
    public async Task The_ranking_table_shows_every_column_without_clipping_at_1280_and_1920_pixels()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr")).ToHaveCountAsync(50);
        foreach (var (width, height) in BrowserSession.ScreenSizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await session.AssertNotClippedAsync("#rankings");
            await session.AssertNotClippedAsync(".results .table-wrap");
            await Expect(page.Locator("#rankings thead th").Last).ToBeInViewportAsync();
        }

        await session.SaveScreenshotsAsync("rankings");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Each_ranked_page_links_to_its_platform_in_a_new_tab_with_the_API_s_address()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings");
        var rows = page.Locator("#rankings tbody tr");
        await Expect(rows).ToHaveCountAsync(50);
        var items = api.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var link = rows.Nth(i).Locator("td.name a.ext");
            if (items[i].GetProperty("url").GetString() is { } url)
            {
                await Expect(link).ToHaveAttributeAsync("href", url);
                await Expect(link).ToHaveAttributeAsync("target", "_blank");
                await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
            }
            else
            {
                await Expect(link).ToHaveCountAsync(0);
            }
        }

        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_header_shows_the_day_the_table_shows_and_no_running_run()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings");
        var day = DateOnly.ParseExact(api.GetProperty("metricDay").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#run-day")).ToHaveTextAsync(day.ToString("d MMMM yyyy 'г.'", Russian));
        await Expect(page.Locator("#results-title")).ToContainTextAsync(day.ToString("d MMMM yyyy 'г.'", Russian));
        await Expect(page.Locator("#run-next")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_running_newer_run_is_shown_apart_from_the_served_day()
    {
        await using var session = await OpenAsync(latestRun: latest =>
        {
            latest["status"] = "collecting";
            latest["metricDay"] = "2099-01-02";
            latest.Remove("completedAt");
        });
        var page = session.Page;
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings");
        var day = DateOnly.ParseExact(api.GetProperty("metricDay").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(page.Locator("#run-next")).ToBeVisibleAsync();
        await Expect(page.Locator("#run-next-day")).ToHaveTextAsync("за 2 января 2099 г.");
        await Expect(page.Locator("#run-day")).ToHaveTextAsync(day.ToString("d MMMM yyyy 'г.'", Russian));
    }

    [Fact]
    public async Task A_first_run_says_in_Russian_that_growth_needs_two_days_of_data_in_the_ranking_and_the_profile()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#growth-note")).ToBeVisibleAsync();
        await Expect(page.Locator("#growth-note")).ToContainTextAsync("нужны данные о подписчиках минимум за два дня");
        await Expect(page.Locator("#rankings tbody tr").First.Locator("td[data-component=growth]")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("двум дням"));

        await page.Locator("#rankings tbody tr").First.Locator("td.name a[data-page-id]").ClickAsync();
        var profile = page.Locator("#profile");
        await Expect(profile.Locator("tr[data-component=growth]")).ToContainTextAsync("нужны данные за два дня");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_error_box_never_prints_null_or_undefined_when_a_problem_carries_nulls()
    {
        var context = await chromium.NewContextAsync();
        await using var session = new BrowserSession(context, await context.NewPageAsync(), 400);
        await session.Page.RouteAsync("**/api/rankings?**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 400,
            ContentType = "application/problem+json",
            Body = """{"type":null,"title":null,"status":400,"detail":null,"errors":{"region":[null],"regoin":[null]}}""",
        }));
        await session.Page.GotoAsync(DashboardUrl);

        var error = session.Page.Locator("#error");
        await Expect(error).ToBeVisibleAsync();
        var text = await error.TextContentAsync();
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", text, StringComparison.Ordinal);
        Assert.Contains("Запрос не выполнен", text, StringComparison.Ordinal);
        Assert.Contains("«regoin» не поддерживается", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_link_downloads_every_page_with_addresses_labels_views_and_comments()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();
        var href = await page.Locator("#csv").GetAttributeAsync("href");
        var url = new Uri(href!);
        using var csv = await pipeline.Http.GetAsync(url.PathAndQuery.Replace("/api/", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = DemoPipelineTests.Cells(lines[0]);
        Assert.Equal(["Ссылка (url)", "Метка «Госорганизация»", "Просмотры", "Комментарии граждан"], header.Intersect(["Ссылка (url)", "Метка «Госорганизация»", "Просмотры", "Комментарии граждан"]));
        Assert.Equal(DemoPipelineFixture.PageCount + 1, lines.Length);
    }

    [Fact]
    public async Task The_content_view_shows_the_top_posts_with_the_API_s_numbers_and_links_to_each_post()
    {
        await using var session = await OpenAsync("?view=content");
        var page = session.Page;
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?period=week&sort=interactions&top=20");
        var items = api.GetProperty("items").EnumerateArray().ToList();
        var rows = page.Locator("#content-table tbody tr");
        await Expect(rows).ToHaveCountAsync(items.Count);
        await Expect(page.Locator("#content-title")).ToHaveTextAsync("Лучшие посты");
        for (var i = 0; i < Math.Min(10, items.Count); i++)
        {
            var row = rows.Nth(i);
            var item = items[i];
            await Expect(row).ToHaveAttributeAsync("data-post-id", item.GetProperty("postId").GetString()!);
            await Expect(row.Locator("td[data-key=views]")).ToHaveTextAsync(Integer(item.GetProperty("views")));
            await Expect(row.Locator("td[data-key=likes]")).ToHaveTextAsync(Integer(item.GetProperty("likes")));
            await Expect(row.Locator("td[data-key=comments]")).ToHaveTextAsync(Integer(item.GetProperty("comments")));
            await Expect(row.Locator("td.name > a").First).ToHaveTextAsync(item.GetProperty("pageName").GetString()!);
            if (item.GetProperty("url").GetString() is { } url)
            {
                await Expect(row.Locator("td.preview a.ext")).ToHaveAttributeAsync("href", url);
            }

            if (item.GetProperty("pageUrl").GetString() is { } pageUrl)
            {
                await Expect(row.Locator("td.name a.ext")).ToHaveAttributeAsync("href", pageUrl);
            }
        }

        var firstAttachments = items[0].GetProperty("attachments").EnumerateObject().ToList();
        if (firstAttachments.Count > 0)
        {
            await Expect(rows.First.Locator("td.attachments")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("фото|видео|ссылка|документ|опрос|аудио|другое"));
        }

        await Expect(page.Locator("#content-summary")).ToContainTextAsync(Integer(api.GetProperty("total")));
        await session.AssertNotClippedAsync("#content-table", scrollableIsFine: true);
        await session.SaveScreenshotsAsync("content-posts");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_content_view_lists_broadcasts_with_the_API_s_views_and_filters_posts_by_platform()
    {
        await using var session = await OpenAsync("?view=content");
        var page = session.Page;
        await Expect(page.Locator("#content-table tbody tr").First).ToBeVisibleAsync();

        await page.RunAndWaitForResponseAsync(() => page.Locator("#content-platform").SelectOptionAsync("telegram"), r => r.Url.Contains("platform=telegram", StringComparison.Ordinal));
        var telegram = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?platform=telegram&top=20");
        await Expect(page.Locator("#content-table tbody tr")).ToHaveCountAsync(telegram.GetProperty("items").GetArrayLength());
        await page.RunAndWaitForResponseAsync(() => page.Locator("#content-platform").SelectOptionAsync(""), r => r.Url.Contains("posts/top", StringComparison.Ordinal));

        await page.RunAndWaitForResponseAsync(() => page.Locator("[data-content-tab=broadcasts]").ClickAsync(), r => r.Url.Contains("broadcasts/top", StringComparison.Ordinal));
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("broadcasts/top?period=week&top=20");
        var items = api.GetProperty("items").EnumerateArray().ToList();
        var rows = page.Locator("#content-table tbody tr");
        await Expect(rows).ToHaveCountAsync(items.Count);
        await Expect(page.Locator("#content-title")).ToHaveTextAsync("Лучшие эфиры");
        for (var i = 0; i < items.Count; i++)
        {
            await Expect(rows.Nth(i)).ToHaveAttributeAsync("data-broadcast-id", items[i].GetProperty("broadcastId").GetString()!);
            await Expect(rows.Nth(i).Locator("td[data-key=views]")).ToHaveTextAsync(Integer(items[i].GetProperty("views")));
            // A length in whole hours and minutes («2 ч 6 мин»), not a decimal of hours.
            var minutes = (int)Math.Round(items[i].GetProperty("durationSeconds").GetInt32() / 60.0);
            await Expect(rows.Nth(i).Locator("td[data-key=duration]")).ToHaveTextAsync(
                minutes < 60 ? $"{minutes} мин" : minutes % 60 == 0 ? $"{minutes / 60} ч" : $"{minutes / 60} ч {minutes % 60} мин");
            if (items[i].GetProperty("url").GetString() is { } url)
            {
                await Expect(rows.Nth(i).Locator("td.preview a.ext")).ToHaveAttributeAsync("href", url);
            }
        }

        await Expect(page.Locator("#content-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("broadcasts/top\\?.*format=csv"));
        await session.SaveScreenshotsAsync("content-broadcasts");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_content_view_lists_unanswered_comments_longest_waiting_first_with_their_text_age_and_post_link()
    {
        await using var session = await OpenAsync("?view=content&tab=unanswered");
        var page = session.Page;
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("comments/unanswered?top=20");
        var items = api.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var rows = page.Locator("#content-table tbody tr");
        await Expect(rows).ToHaveCountAsync(items.Count);
        await Expect(page.Locator("#content-title")).ToHaveTextAsync("Комментарии граждан без ответа");
        await Expect(page.Locator("#content-period")).ToBeHiddenAsync();
        for (var i = 0; i < items.Count; i++)
        {
            var row = rows.Nth(i);
            await Expect(row).ToHaveAttributeAsync("data-comment-id", items[i].GetProperty("commentId").GetString()!);
            await Expect(row.Locator(".preview-text")).ToHaveTextAsync(items[i].GetProperty("text").GetString()!);
            await Expect(row.Locator("td.age")).ToHaveAttributeAsync("data-value", items[i].GetProperty("ageHours").GetDouble().ToString(CultureInfo.InvariantCulture));
            if (items[i].GetProperty("url").GetString() is { } url)
            {
                await Expect(row.Locator("td.preview a.ext")).ToHaveAttributeAsync("href", url);
            }
        }

        await Expect(rows.First.Locator("td.age")).ToContainTextAsync("дн.");
        await session.SaveScreenshotsAsync("content-unanswered");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_header_search_finds_a_page_by_name_screen_name_and_address_and_opens_its_profile()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var api = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?platform=vk&top=20");
        var target = api.GetProperty("items").EnumerateArray().First(i => !i.GetProperty("screenName").GetString()!.StartsWith("club", StringComparison.Ordinal));
        var (pageId, name, screenName, url) = (target.GetProperty("pageId").GetString()!, target.GetProperty("name").GetString()!, target.GetProperty("screenName").GetString()!, target.GetProperty("url").GetString()!);
        var input = page.Locator("#search-input");
        var hit = page.Locator($"#search-results li[data-page-id='{pageId}']");

        foreach (var text in new[] { screenName, url, name.ToUpper(Russian) })
        {
            await input.FillAsync(text);
            await Expect(hit).ToBeVisibleAsync();
            await Expect(hit.Locator(".search-name")).ToHaveTextAsync(name);
            await Expect(hit.Locator("a.ext")).ToHaveAttributeAsync("href", url);
        }

        await session.SaveScreenshotsAsync("search");
        await hit.Locator("button").ClickAsync();
        await Expect(page.Locator("#profile")).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-title")).ToContainTextAsync(name);
        await Expect(page.Locator("#profile-url")).ToHaveAttributeAsync("href", url);
        await Expect(page.Locator("#profile-url")).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(page.Locator("#search-results")).ToBeHiddenAsync();
        await page.Locator("#profile-close").ClickAsync();

        await input.FillAsync("нет такой страницы нигде");
        await Expect(page.Locator("#search-results")).ToContainTextAsync("Ничего не найдено");
        session.AssertNoPageErrors();
    }

    private static string Integer(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "—" : value.GetInt64().ToString("#,0", Russian);

    private async Task<BrowserSession> OpenAsync(string query, Action<System.Text.Json.Nodes.JsonObject> latestRun)
    {
        var context = await chromium.NewContextAsync();
        var session = new BrowserSession(context, await context.NewPageAsync(), 400, 404);
        var latest = System.Text.Json.Nodes.JsonNode.Parse(await pipeline.Http.GetStringAsync("runs/latest"))!.AsObject();
        latestRun(latest);
        await session.Page.RouteAsync("**/api/runs/latest", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/json",
            Body = latest.ToJsonString(),
        }));
        await session.Page.GotoAsync(DashboardUrl + query);
        return session;
    }

    private Task<BrowserSession> OpenAsync(Action<System.Text.Json.Nodes.JsonObject> latestRun) => OpenAsync("", latestRun);
}
