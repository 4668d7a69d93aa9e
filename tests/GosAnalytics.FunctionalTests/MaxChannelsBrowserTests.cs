using System.Globalization;
using System.Net;
using System.Text;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// «Новые каналы MAX» on the analysts' page in a real headless Chromium: a bot_added reaches the webhook, the operator loads the list
/// with the key and confirms the channel, and the page is then in the registry.
/// </summary>
public sealed class MaxChannelsBrowserTests(MaxChannelsHostFixture host, ChromiumFixture chromium)
    : IClassFixture<MaxChannelsHostFixture>, IClassFixture<ChromiumFixture>
{
    /// <summary>11:15 in Moscow.</summary>
    private static readonly DateTimeOffset AddedAt = new(2026, 11, 27, 8, 15, 0, TimeSpan.Zero);

    private string DashboardUrl => $"http://localhost:{host.Port}/api/dashboard?view=max";

    [Fact]
    public async Task A_channel_added_through_the_webhook_is_listed_with_the_key_and_confirming_it_puts_it_in_the_registry()
    {
        var chat = await PostBotAddedAsync();
        var pageId = chat.ToString(CultureInfo.InvariantCulture);
        await using var session = await OpenAsync();
        var page = session.Page;

        await Expect(page.Locator("#max-title")).ToHaveTextAsync("Новые каналы MAX");
        await page.Locator("#max-key").FillAsync(LocalHostUnderTest.FunctionKey);
        await page.Locator("#max-load").ClickAsync();

        var row = page.Locator($"#max-channels tbody tr[data-chat-id='{pageId}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Название появится после первого сбора");
        await Expect(row).ToContainTextAsync("Ирина Петрова");
        await Expect(row).ToContainTextAsync("27.11.2026, 11:15 МСК"); // Moscow time, though the browser is in New York
        await Expect(page.Locator("#max-summary")).ToContainTextAsync("Ожидают подтверждения");
        foreach (var width in new[] { 1280, 1920 })
        {
            await page.SetViewportSizeAsync(width, width == 1280 ? 720 : 1080);
            await session.AssertNotClippedAsync("#max-channels", scrollableIsFine: true);
        }

        await session.SaveScreenshotsAsync("max-channels");

        await row.Locator("select[name='region']").SelectOptionAsync("28");
        await row.Locator("select[name='kind']").SelectOptionAsync("education");
        await row.GetByRole(AriaRole.Button, new() { Name = "Подтвердить" }).ClickAsync();

        await Expect(row.Locator(".max-result")).ToHaveTextAsync("Добавлен в реестр: регион 28, Образование");
        await Expect(row).ToHaveAttributeAsync("data-status", "confirmed");
        Assert.Equal(
            new RegisteredPage(Platform.Max, pageId, "", 28, OrganisationKind.Education),
            await new PageRegistry(host.Storage).GetAsync(new PageKey(Platform.Max, pageId), CancellationToken.None));

        // The key stays in this tab's sessionStorage, never in the address.
        Assert.Equal(LocalHostUnderTest.FunctionKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('gosanalytics.functionKey')"));
        Assert.DoesNotContain(LocalHostUnderTest.FunctionKey, page.Url, StringComparison.Ordinal);
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Confirming_without_a_region_and_loading_with_a_wrong_key_show_Russian_errors_with_the_servers_detail()
    {
        var chat = await PostBotAddedAsync();
        var pageId = chat.ToString(CultureInfo.InvariantCulture);
        await using var session = await OpenAsync();
        var page = session.Page;

        await page.Locator("#max-key").FillAsync("not-the-key");
        await page.Locator("#max-load").ClickAsync();
        await Expect(page.Locator("#max-error")).ToContainTextAsync("Нет доступа: укажите верный ключ доступа.");

        await page.Locator("#max-key").FillAsync(LocalHostUnderTest.FunctionKey);
        await page.Locator("#max-load").ClickAsync();
        await Expect(page.Locator("#max-error")).ToBeHiddenAsync();
        var row = page.Locator($"#max-channels tbody tr[data-chat-id='{pageId}']");
        await row.Locator("select[name='kind']").SelectOptionAsync("culture");
        await row.GetByRole(AriaRole.Button, new() { Name = "Подтвердить" }).ClickAsync();

        await Expect(row.Locator(".max-result")).ToContainTextAsync("Выберите регион канала. Подробности: Field 'region'");
        await Expect(row).ToHaveAttributeAsync("data-status", "pending");

        await row.GetByRole(AriaRole.Button, new() { Name = "Отклонить" }).ClickAsync();
        await Expect(row.Locator(".max-result")).ToHaveTextAsync("Отклонён");
        Assert.Equal("dismissed", (await new MaxChannelStore(host.Storage).GetAsync(chat, CancellationToken.None))!.Status);
    }

    private async Task<long> PostBotAddedAsync()
    {
        var chat = MaxUpdateJson.NewChatId();
        using var content = new StringContent(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(AddedAt)), Encoding.UTF8, "application/json");
        content.Headers.Add("X-Max-Bot-Api-Secret", MaxChannelsHostFixture.Secret);
        using var response = await host.Anonymous.PostAsync("max/webhook", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return chat;
    }

    private async Task<BrowserSession> OpenAsync()
    {
        var context = await chromium.NewContextAsync("America/New_York");
        // No run is served on this host (the rankings answer 404), and the test sends a wrong key and a confirm without a region.
        var session = new BrowserSession(context, await context.NewPageAsync(), 400, 401, 404);
        var response = await session.Page.GotoAsync(DashboardUrl);
        Assert.Equal(200, response?.Status);
        return session;
    }
}
