using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors.Telegram;

/// <summary>
/// Collects public Telegram channels from their web preview <c>t.me/s/&lt;channel&gt;</c>: the header gives the page, each
/// preview page about 20 posts, older ones come with <c>?before=&lt;id&gt;</c>. No account or token is needed, and none is used.
/// See docs/collectors-telegram.md.
/// </summary>
internal sealed partial class TelegramPageSource : IPageSource
{
    public const string SourceName = "telegram-web";

    /// <summary>Told once per batch: the preview simply does not show these, so their absence is not the pages' fault.</summary>
    public const string MissingMetricsNotice =
        "Telegram: the public web preview shows no comments, reposts or live broadcasts; those metrics are absent for Telegram pages.";

    private const string PlatformName = "Telegram";
    private const string LayoutProblemPrefix = "t.me page layout not recognised: ";

    private readonly IHttpClientFactory httpClientFactory;
    private readonly TelegramOptions options;
    private readonly TransientRetry retry;
    private readonly ILogger<TelegramPageSource> logger;

    // One pacer for the process: the source is a singleton, and every concurrent batch goes through it.
    private readonly RequestPacer pacer;

    public TelegramPageSource(IHttpClientFactory httpClientFactory, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<TelegramPageSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.options = options.Value;
        this.logger = logger;
        retry = new TransientRetry(this.options, clock);
        pacer = new RequestPacer(this.options.RequestsPerSecond, clock);
    }

    public string Name => SourceName;

    public bool IsDemo => false;

    public bool Supports(Platform platform) => platform == Platform.Telegram;

    /// <summary>Collects the channels one after another; the pacer would serialise them anyway.</summary>
    /// <exception cref="ArgumentException">The batch is not of Telegram pages: a routing bug, not a page failure.</exception>
    public async Task<BatchCollection> CollectAsync(CollectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Supports(request.Platform))
        {
            throw new ArgumentException($"The {SourceName} source collects Telegram pages only, not {request.Platform}.", nameof(request));
        }

        var client = httpClientFactory.CreateClient(TelegramRegistration.HttpClientName);
        var collected = new List<PageSnapshot>();
        var skipped = new List<SkippedPage>();
        foreach (var page in request.Pages)
        {
            var outcome = await CollectChannelAsync(client, page, request, cancellationToken);
            if (outcome.Snapshot is { } snapshot)
            {
                collected.Add(snapshot);
            }

            if (outcome.Skipped is { } skip)
            {
                skipped.Add(skip);
            }
        }

        return new BatchCollection(collected, skipped, [MissingMetricsNotice]);
    }

    /// <summary>Ends every page collected or skipped with a reason; only cancellation escapes.</summary>
    private async Task<ChannelOutcome> CollectChannelAsync(HttpClient client, RegisteredPage page, CollectRequest request, CancellationToken cancellationToken)
    {
        var channel = ChannelNameOf(page.PageId);
        if (channel is null)
        {
            return ChannelOutcome.Skip(page, $"Telegram page id \"{page.PageId}\" is not a channel username.", permanent: true);
        }

        try
        {
            return await ReadChannelAsync(client, page, channel, request, cancellationToken);
        }
        catch (TransientPlatformException exception)
        {
            logger.LogWarning("Telegram channel {Channel} skipped after {Attempts} tries: {Reason}", channel, options.MaxAttempts, exception.Message);
            return ChannelOutcome.Skip(page, exception.Message, permanent: false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A bug here must cost one page, not the batch; the error log carries the stack.
            logger.LogError(exception, "Telegram channel {Channel} failed unexpectedly", channel);
            return ChannelOutcome.Skip(page, $"Reading Telegram channel @{channel} failed unexpectedly ({exception.GetType().Name}).", permanent: false);
        }
    }

    /// <summary>
    /// Pages back from the newest post until the window start is passed. Also stops when the page links to nothing older,
    /// when <c>before</c> would not move (a page answering the same posts again), or after <see cref="TelegramOptions.MaxPagesPerChannel"/>.
    /// </summary>
    private async Task<ChannelOutcome> ReadChannelAsync(HttpClient client, RegisteredPage page, string channel, CollectRequest request, CancellationToken cancellationToken)
    {
        TelegramChannelHeader? header = null;
        var posts = new Dictionary<long, Post>();
        long? before = null;
        var pagesRead = 0;
        var stoppedByPageLimit = true;
        while (pagesRead < options.MaxPagesPerChannel)
        {
            var answer = await FetchPreviewAsync(client, channel, before, cancellationToken);
            pagesRead++;
            if (!answer.StayedOnPreview)
            {
                return ChannelOutcome.Skip(page, $"Telegram channel @{channel} has no public web preview (disabled or private).", permanent: true);
            }

            if (answer.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return ChannelOutcome.Skip(page, DoesNotExist(channel), permanent: true);
            }

            if ((int)answer.Status is < 200 or > 299)
            {
                return ChannelOutcome.Skip(page, $"Telegram answered HTTP {(int)answer.Status} for channel @{channel}.", permanent: false);
            }

            var preview = TelegramPreviewParser.Parse(answer.Body);
            if (pagesRead == 1 && preview.ShowsNoChannel)
            {
                return ChannelOutcome.Skip(page, DoesNotExist(channel), permanent: true);
            }

            var layoutProblem = preview.LayoutProblem ?? (preview.Header is null ? "an older page shows no channel header" : null);
            if (layoutProblem is not null)
            {
                logger.LogWarning("t.me page layout not recognised for Telegram channel {Channel} (page {PageNumber}): {Problem}", channel, pagesRead, layoutProblem);
                return ChannelOutcome.Skip(page, LayoutProblemPrefix + layoutProblem, permanent: false);
            }

            header ??= preview.Header;
            foreach (var message in preview.Messages)
            {
                posts.TryAdd(message.MessageId, message.Post);
            }

            if (preview.Messages.Count > 0 && preview.Messages.Min(message => message.Post.PublishedAt) < request.WindowStart)
            {
                stoppedByPageLimit = false;
                break;
            }

            if (preview.OlderPageBefore is null || preview.LowestMessageId is not long lowest)
            {
                stoppedByPageLimit = false;
                break;
            }

            // The next page starts below the lowest id seen so far; if that does not move, t.me is serving the same posts again.
            if (before is long previous && lowest >= previous)
            {
                logger.LogInformation("Telegram channel {Channel}: t.me answered ?before={Before} with no older posts; paging stops", channel, previous);
                stoppedByPageLimit = false;
                break;
            }

            before = lowest;
        }

        if (stoppedByPageLimit)
        {
            logger.LogInformation(
                "Telegram channel {Channel}: stopped after {MaxPages} preview pages before reaching the window start; older posts are missing",
                channel,
                options.MaxPagesPerChannel);
        }

        var inWindow = posts.Values
            .Where(post => post.PublishedAt >= request.WindowStart && post.PublishedAt <= request.AsOf)
            .OrderBy(post => post.PublishedAt)
            .ToList();
        logger.LogDebug("Telegram channel {Channel}: {PostCount} posts in the window from {PageCount} preview pages", channel, inWindow.Count, pagesRead);

        // Every page read had a header: a header-less one returned as a layout problem above.
        var shown = header ?? throw new UnreachableException("A collected Telegram channel has no header.");
        var info = new PageInfo(
            Platform.Telegram,
            page.PageId,
            ScreenName: shown.Username ?? channel,
            shown.Title,
            page.RegionCode,
            page.Kind,
            HasGovernmentLabel: shown.IsVerified,
            Subscribers: shown.Subscribers ?? 0,
            shown.HasDescription,
            shown.HasAvatar,
            shown.HasContacts,
            shown.HasSite);
        // The web preview shows no live streams: a channel's broadcasts are never collected.
        IReadOnlyList<PageNotice> notices = stoppedByPageLimit ? [PageNotice.WallTruncated, PageNotice.BroadcastsNotCollected] : [PageNotice.BroadcastsNotCollected];
        return ChannelOutcome.Collected(new PageSnapshot(info, inWindow, [], [], notices));
    }

    /// <summary>One preview page, through the shared pacer and the retry of transient failures (each try waits its turn).</summary>
    private Task<PreviewAnswer> FetchPreviewAsync(HttpClient client, string channel, long? before, CancellationToken cancellationToken)
    {
        var path = before is long id
            ? string.Create(CultureInfo.InvariantCulture, $"s/{channel}?before={id}")
            : $"s/{channel}";
        var relativeUri = new Uri(path, UriKind.Relative);
        return retry.RunAsync(
            async token =>
            {
                await pacer.WaitTurnAsync(token);
                using var request = new HttpRequestMessage(HttpMethod.Get, relativeUri);

                // t.me localises counter labels; English keeps "subscribers" what the parser looks for.
                request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
                using var response = await PlatformHttp.SendAsync(client, request, PlatformName, token);

                // A channel without a public preview redirects from /s/<channel> to /<channel>; the client follows it.
                var finalPath = response.RequestMessage?.RequestUri?.AbsolutePath ?? "";
                var stayedOnPreview = finalPath.Contains("/s/", StringComparison.Ordinal) && ((int)response.StatusCode is < 300 or > 399);
                var body = stayedOnPreview && response.IsSuccessStatusCode
                    ? await PlatformHttp.ReadBodyAsync(response, PlatformName, token)
                    : "";
                return new PreviewAnswer(response.StatusCode, stayedOnPreview, body);
            },
            cancellationToken);
    }

    /// <summary>The username to put into the URL: lowercase, without "@"; null when the page id cannot be one.</summary>
    internal static string? ChannelNameOf(string pageId)
    {
        var channel = pageId.Trim().TrimStart('@').ToLowerInvariant();
        return UsernamePattern().IsMatch(channel) ? channel : null;
    }

    private static string DoesNotExist(string channel) => $"Telegram channel @{channel} does not exist (renamed or deleted?).";

    // Telegram usernames are 5–32 letters, digits and underscores; a little slack for old short names.
    [GeneratedRegex("^[a-z0-9_]{3,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    private sealed record PreviewAnswer(HttpStatusCode Status, bool StayedOnPreview, string Body);

    private sealed record ChannelOutcome(PageSnapshot? Snapshot, SkippedPage? Skipped)
    {
        public static ChannelOutcome Collected(PageSnapshot snapshot) => new(snapshot, null);

        public static ChannelOutcome Skip(RegisteredPage page, string reason, bool permanent) =>
            new(null, new SkippedPage(Platform.Telegram, page.PageId, reason, permanent));
    }
}
