using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace GosAnalytics.FunctionalTests;

/// <summary>What an analyst moving between the views reads: the same words for the same thing, and nothing half-rendered.</summary>
public sealed partial class DashboardBrowserTests
{
    private static readonly string[] Views = ["rankings", "regions", "content", "organisations", "worklists"];

    [Fact]
    public async Task No_view_shows_undefined_null_NaN_or_a_doubled_full_stop_in_its_text_or_its_hints()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();
        foreach (var view in Views)
        {
            await page.Locator($"[data-view-tab={view}]").ClickAsync();
            await Expect(page.Locator($"[data-view={view}]")).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-view={view}] [aria-busy=true]")).ToHaveCountAsync(0);
            await Expect(page.Locator("#run-status")).Not.ToHaveTextAsync("загрузка…");
            // The text of the view and the header, and every hint (title) a pointer shows.
            var texts = await page.EvaluateAsync<string[]>(
                $"() => [document.querySelector('header').innerText, document.querySelector('[data-view={view}]').innerText, "
                + "...[...document.querySelectorAll('[title]')].map(e => e.title)]");
            foreach (var text in texts)
            {
                Assert.DoesNotMatch(new Regex(@"\b(undefined|null|NaN)\b"), text);
                Assert.DoesNotMatch(new Regex(@"[^.]\.\.(?!\.)"), text);
            }
        }

        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_demo_banner_says_the_same_whichever_view_the_page_opens_with()
    {
        var banners = new List<string>();
        foreach (var view in Views)
        {
            await using var session = await OpenAsync(view == "rankings" ? "" : $"?view={view}");
            var banner = session.Page.Locator("#demo-banner");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(session.Page.Locator($"[data-view={view}] [aria-busy=true]")).ToHaveCountAsync(0);
            banners.Add((await banner.TextContentAsync())!);
        }

        Assert.Single(banners.Distinct());
        Assert.StartsWith("Демонстрационные данные", banners[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reloaded_content_link_sorted_by_views_leaves_the_rankings_own_sort_alone()
    {
        await using var session = await OpenAsync("?view=content");
        var page = session.Page;
        await Expect(page.Locator("#content-table tbody tr").First).ToBeVisibleAsync();
        await page.Locator("#content-sort").SelectOptionAsync("views");
        await Expect(page.Locator("#content-table[aria-busy]")).ToHaveCountAsync(0);
        Assert.Contains("csort=views", page.Url, StringComparison.Ordinal);

        // The analyst reloads (or sends the link), then opens the ranking: it is sorted by the index, not refused.
        await page.ReloadAsync();
        await Expect(page.Locator("#content-sort")).ToHaveValueAsync("views");
        await page.Locator("[data-view-tab=rankings]").ClickAsync();
        await Expect(page.Locator("#rankings tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
        await Expect(page.Locator("#sort")).ToHaveValueAsync("index");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Summaries_under_the_titles_begin_with_a_capital_letter()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Expect(page.Locator("#summary")).ToHaveTextAsync(new Regex("^Все регионы\\. Найдено"));
        await page.Locator("[data-view-tab=content]").ClickAsync();
        await Expect(page.Locator("#content-summary")).ToHaveTextAsync(new Regex("^Все регионы, за неделю по "));
        await page.Locator("[data-view-tab=organisations]").ClickAsync();
        await Expect(page.Locator("#org-summary")).ToHaveTextAsync(new Regex("^Все регионы\\. Найден"));
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_search_boxs_hint_fits_in_the_box_at_both_screen_sizes()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        foreach (var (width, height) in BrowserSession.ScreenSizes)
        {
            await page.SetViewportSizeAsync(width, height);
            // The placeholder's width in the input's own font against the room inside the box (its width less its padding).
            var room = await page.Locator("#search-input").EvaluateAsync<double[]>("""
                input => {
                  const style = getComputedStyle(input);
                  const context = document.createElement('canvas').getContext('2d');
                  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                  return [context.measureText(input.placeholder).width,
                    input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
                }
                """);
            Assert.True(room[0] <= room[1], $"At {width}×{height} the search hint needs {room[0]:0} px and has {room[1]:0} px.");
        }

        session.AssertNoPageErrors();
    }
}
