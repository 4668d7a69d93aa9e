using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.FakePlatforms;

/// <summary>
/// A fake t.me: <c>/s/&lt;channel&gt;</c> web previews with <c>?before=</c> paging, <c>/&lt;channel&gt;</c> plain pages, and the
/// ways real channels fail (see <see cref="FakeTelegramMode"/>, <see cref="FakeTelegramChannel.ResponseDelay"/>,
/// <see cref="FakeTelegramChannel.FailNextRequests"/>). Unknown channels get t.me's empty page. Counts requests per path and query.
/// </summary>
public sealed class FakeTelegram : FakeServer
{
    private readonly ConcurrentDictionary<string, FakeTelegramChannel> channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> requestCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> requestLog = new();

    public FakeTelegramChannel AddChannel(string username, Action<FakeTelegramChannel>? configure = null)
    {
        var channel = new FakeTelegramChannel(username);
        configure?.Invoke(channel);
        channels[username] = channel;
        return channel;
    }

    /// <summary>Requests seen for one path and query, e.g. <c>/s/gov_channel</c> or <c>/s/gov_channel?before=81</c>.</summary>
    public int RequestsTo(string pathAndQuery) => requestCounts.GetValueOrDefault(pathAndQuery);

    /// <summary>Every request's path and query, in arrival order.</summary>
    public IReadOnlyList<string> RequestLog => [.. requestLog];

    /// <summary>Preview requests (<c>/s/&lt;channel&gt;</c> with any query) for one channel.</summary>
    public int PreviewRequestsFor(string username) =>
        requestLog.Count(entry => entry.Equals($"/s/{username}", StringComparison.OrdinalIgnoreCase)
            || entry.StartsWith($"/s/{username}?", StringComparison.OrdinalIgnoreCase));

    protected override void Map(WebApplication app) => app.Run(HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var pathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value;
        requestCounts.AddOrUpdate(pathAndQuery, 1, (_, count) => count + 1);
        requestLog.Enqueue(pathAndQuery);

        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        if (segments is ["s", var previewName])
        {
            await PreviewAsync(context, previewName);
        }
        else if (segments is [var plainName] && plainName.Length > 0)
        {
            await WriteHtmlAsync(context, channels.TryGetValue(plainName, out var channel) ? FakeTelegramHtml.PlainChannelPage(channel) : FakeTelegramHtml.NoChannelPage());
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task PreviewAsync(HttpContext context, string name)
    {
        if (!channels.TryGetValue(name, out var channel))
        {
            await WriteHtmlAsync(context, FakeTelegramHtml.NoChannelPage());
            return;
        }

        if (channel.ResponseDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(channel.ResponseDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up waiting, which is what a slow channel is for.
                return;
            }
        }

        if (channel.TakeFailure())
        {
            context.Response.StatusCode = channel.FailureStatusCode;
            return;
        }

        switch (channel.Mode)
        {
            case FakeTelegramMode.PreviewDisabled:
                context.Response.Redirect($"/{channel.Username}");
                return;
            case FakeTelegramMode.NotExisting:
                await WriteHtmlAsync(context, FakeTelegramHtml.NoChannelPage());
                return;
            case FakeTelegramMode.NotFound:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }

        long? before = long.TryParse(context.Request.Query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && !channel.IgnoresBefore
            ? value
            : null;
        var all = channel.Posts.OrderBy(post => post.Id).ToList();
        var older = before is long limit ? all.Where(post => post.Id < limit).ToList() : all;
        var shown = older.Skip(Math.Max(0, older.Count - channel.PageSize)).ToList();

        // Like t.me: "more" towards older posts from the oldest one shown, towards newer ones from the newest shown.
        long? olderBefore = shown.Count > 0 && all[0].Id < shown[0].Id ? shown[0].Id : null;
        long? newerAfter = shown.Count > 0 && all[^1].Id > shown[^1].Id ? shown[^1].Id : null;
        await WriteHtmlAsync(context, FakeTelegramHtml.PreviewPage(channel, shown, olderBefore, newerAfter, channel.Mode == FakeTelegramMode.LayoutChanged));
    }

    private static Task WriteHtmlAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
