using Microsoft.Playwright;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// One dashboard page in its own browser context, with the script errors and console errors it produced. Chromium logs every
/// failed request as a console error; the answers a test asks for on purpose (the expected statuses) are not bugs.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> problems = [];

    public BrowserSession(IBrowserContext context, IPage page, params int[] expectedStatuses)
    {
        Context = context;
        Page = page;
        var expected = expectedStatuses.Select(status => $"status of {status}").ToArray();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !expected.Any(status => message.Text.Contains(status, StringComparison.Ordinal)))
            {
                problems.Add("console: " + message.Text);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public void AssertNoPageErrors() => Assert.Empty(problems);

    /// <summary>The sizes analysts' screens have: every view is checked and photographed at both.</summary>
    public static readonly IReadOnlyList<(int Width, int Height)> ScreenSizes = [(1280, 720), (1920, 1080)];

    /// <summary>The folder the screenshots go to: <c>screenshots/</c> in the test output directory (a CI artifact, not committed).</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// Photographs the page as it is at each of <see cref="ScreenSizes"/> (<c>screenshots/{name}-{w}x{h}.png</c>, full page) and
    /// leaves the viewport at the last size. Returns the files written.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveScreenshotsAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var files = new List<string>();
        foreach (var (width, height) in ScreenSizes)
        {
            await Page.SetViewportSizeAsync(width, height);
            var file = Path.Combine(ScreenshotDirectory, $"{name}-{width}x{height}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            files.Add(file);
        }

        return files;
    }

    /// <summary>
    /// Asserts that the element <paramref name="selector"/> matches shows all of its content at the current viewport: nothing is
    /// cut off to the right, neither by the element itself nor by the page (a scrollable wrapper that the user can scroll is fine
    /// only when <paramref name="scrollableIsFine"/>).
    /// </summary>
    public async Task AssertNotClippedAsync(string selector, bool scrollableIsFine = false)
    {
        var box = await Page.Locator(selector).First.EvaluateAsync<double[]>(
            "e => [e.scrollWidth, e.clientWidth, document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(box[2] <= box[3] + 1, $"The page is wider than the window ({box[2]} > {box[3]} px) at {selector}.");
        if (!scrollableIsFine)
        {
            Assert.True(box[0] <= box[1] + 1, $"{selector} clips its content: {box[0]} px of content in {box[1]} px.");
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
