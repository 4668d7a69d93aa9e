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

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
