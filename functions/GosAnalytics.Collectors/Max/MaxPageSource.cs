using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Core.Sources;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Collectors.Max;

/// <summary>
/// Collects MAX channels through the Bot API, where the operator's bot is an administrator: <c>GET /chats/{id|link}</c> for the
/// channel, <c>GET /messages</c> (newest first, paged by <c>before</c>) for the window's posts with their views, and
/// <c>GET /messages/{mid}/comments</c> under the newest posts for citizens' comments and the channel's replies.
/// See docs/collectors-max.md.
/// </summary>
/// <remarks>
/// A page that fails is skipped with a reason; only cancellation escapes <see cref="CollectAsync"/>. A refused token (401) stops
/// the batch at once: every further call would fail the same way. The Bot API reports no reactions, forwards or reach, so every
/// post's likes and reposts are null (unknown), never 0.
/// </remarks>
internal sealed partial class MaxPageSource(MaxApiClient api, ILogger<MaxPageSource> logger) : IPageSource
{
    public const string SourceName = "max-bot-api";

    public const string MissingTokenReason = "The MAX bot token is not configured (" + MaxOptions.BotTokenSetting + "): MAX pages are not collected.";

    public const string NotCollectedNotice =
        "MAX live broadcasts, reactions and forwards are not collected: the Bot API has no broadcast object and reports only views "
        + "on a post, so MAX pages have no broadcast figures and their likes and reposts are unknown, not zero.";

    /// <summary>Pages of 100 comments read under one post: enough for the reply metrics of even a heated thread (as for VK).</summary>
    internal const int MaxCommentPagesPerPost = 5;

    /// <summary>Comment reads of one page in flight at once.</summary>
    internal const int CommentReadsInFlight = 4;

    public string Name => SourceName;

    public bool IsDemo => false;

    public bool Supports(Platform platform) => platform == Platform.Max;

    public async Task<BatchCollection> CollectAsync(CollectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Platform != Platform.Max)
        {
            var reason = $"The {SourceName} source collects only MAX pages, not {request.Platform}.";
            return new BatchCollection([], request.Pages.Select(p => new SkippedPage(p.Platform, p.PageId, reason)).ToList());
        }

        if (!api.Options.HasBotToken)
        {
            // Checked before any call: without a token MAX answers only 401.
            LogMissingToken(logger, request.RunId, request.Pages.Count);
            return new BatchCollection([], request.Pages.Select(p => new SkippedPage(Platform.Max, p.PageId, MissingTokenReason)).ToList(), [MissingTokenReason]);
        }

        var collected = new List<PageSnapshot>();
        var skipped = new List<SkippedPage>();
        var notices = new List<string> { NotCollectedNotice };
        var unreadComments = 0;
        for (var index = 0; index < request.Pages.Count; index++)
        {
            var page = request.Pages[index];

            // The registry's own reading of MAX identifiers, so that a page id means here what it meant at import; no call for one it cannot read.
            if (!PageIdentifiers.TryNormalize(Platform.Max, page.PageId, out var identity, out var problem))
            {
                skipped.Add(Skip(page, $"MAX page {problem}", permanent: true));
                continue;
            }

            try
            {
                var (snapshot, unread) = await CollectPageAsync(page, identity.PageId, request, cancellationToken);
                collected.Add(snapshot);
                unreadComments += unread;
            }
            catch (PlatformAuthException exception)
            {
                var remaining = request.Pages.Skip(index).ToList();
                LogTokenRejected(logger, exception.Message, request.RunId, remaining.Count);
                skipped.AddRange(remaining.Select(p => new SkippedPage(Platform.Max, p.PageId, exception.Message)));
                notices.Add(exception.Message);
                break;
            }
            catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                skipped.Add(Skip(page, exception));
            }
        }

        if (unreadComments > 0)
        {
            notices.Add($"MAX: comments under {unreadComments} posts could not be read; reply metrics of those pages are partial.");
        }

        LogBatchCollected(logger, request.RunId, collected.Count, skipped.Count);
        return new BatchCollection(collected, skipped, notices);
    }

    /// <summary>One channel: the chat, the window's posts, and the comments under the newest of them; and how many posts' comments failed.</summary>
    /// <param name="chatIdOrLink">The normalised page id: a negative chat id or a public link name.</param>
    private async Task<(PageSnapshot Snapshot, int UnreadComments)> CollectPageAsync(
        RegisteredPage page, string chatIdOrLink, CollectRequest request, CancellationToken cancellationToken)
    {
        var chat = MaxChat.Read(await api.GetChatAsync(chatIdOrLink, cancellationToken))
            ?? throw new MaxApiException(200, null, "MAX answered GET /chats without a chat_id.");
        CheckCollectable(chat);
        LogResolved(logger, page.PageId, chat.ChatId);

        var (messages, truncated) = await ReadPostsAsync(chat.ChatId, request, cancellationToken);
        var notices = new SortedSet<PageNotice> { PageNotice.BroadcastsNotCollected };
        if (truncated)
        {
            notices.Add(PageNotice.WallTruncated);
            LogPostsTruncated(logger, page.PageId, api.Options.MaxPagesPerChannel);
        }

        // Up to CommentReadsInFlight posts' comments are read at once: one call after another would leave a page's 30 calls waiting
        // on 30 round trips while the bot's rate has room; the gate still paces every send.
        var commentCounts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var citizens = new System.Collections.Concurrent.ConcurrentBag<CitizenComment>();
        var unread = 0;
        var newest = messages.OrderByDescending(m => m.Timestamp).Take(api.Options.MaxCommentedPostsPerPage).ToList();
        await Parallel.ForEachAsync(
            newest,
            new ParallelOptions { MaxDegreeOfParallelism = CommentReadsInFlight, CancellationToken = cancellationToken },
            async (post, token) =>
            {
                try
                {
                    var comments = await ReadCommentsAsync(post.Mid, token);
                    var inTime = comments.Where(c => c.Timestamp <= request.AsOf).ToList();
                    commentCounts[post.Mid] = inTime.Count;
                    foreach (var comment in CitizenComments(inTime, chat.ChatId, post.Mid))
                    {
                        citizens.Add(comment);
                    }
                }
                catch (Exception exception) when (exception is not PlatformAuthException && !(exception is OperationCanceledException && token.IsCancellationRequested))
                {
                    // The post and its views stay; only the reply metrics lose this post's comments.
                    Interlocked.Increment(ref unread);
                    LogCommentsUnread(logger, page.PageId, post.Mid, exception.Message);
                }
            });
        // A post past the newest MaxCommentedPostsPerPage has its comments unread too (counted as 0): the reply metrics are partial.
        if (unread > 0 || messages.Count > newest.Count)
        {
            notices.Add(PageNotice.CommentsIncomplete);
        }

        var posts = messages
            .Select(m => new Post(
                m.Mid,
                m.Timestamp,
                m.Text,
                m.Attachments,
                IsRepost: m.LinkType == "forward",
                m.Views,
                Likes: null,
                Reposts: null,
                commentCounts.GetValueOrDefault(m.Mid)) { Url = m.Url })
            .OrderBy(p => p.PublishedAt)
            .ThenBy(p => p.PostId, StringComparer.Ordinal)
            .ToList();
        var info = new PageInfo(
            Platform.Max,
            page.PageId,
            chat.PublicName ?? page.ScreenName,
            chat.Title ?? "",
            page.RegionCode,
            page.Kind,
            // MAX shows no "official" or state-organisation flag through the Bot API (a Chat has no such field).
            HasGovernmentLabel: false,
            chat.ParticipantsCount,
            chat.HasDescription,
            chat.HasIcon,
            ProfileText.MentionsContacts(chat.Description),
            ProfileText.MentionsSite(chat.Description));
        LogPageCollected(logger, page.PageId, chat.ChatId, posts.Count, citizens.Count);
        return (new PageSnapshot(info, posts, [], citizens.OrderBy(c => c.PostedAt).ThenBy(c => c.CommentId, StringComparer.Ordinal).ToList(), [.. notices]), unread);
    }

    /// <summary>Only an active channel (or group chat) is collected; a removed, closed or suspended one rests like a deleted VK page.</summary>
    private static void CheckCollectable(MaxChat chat)
    {
        if (string.Equals(chat.Type, "dialog", StringComparison.OrdinalIgnoreCase))
        {
            throw new PermanentPageException($"MAX chat {chat.ChatId} is a dialog with a user, not a channel.");
        }

        switch (chat.Status?.ToLowerInvariant())
        {
            case "active":
                return;
            case "removed" or "closed" or "suspended":
                throw new PermanentPageException($"MAX channel {chat.ChatId} is {chat.Status!.ToLowerInvariant()}.");
            case "left":
                throw new MaxApiException(200, null, $"MAX channel {chat.ChatId}: the bot has left it (status 'left'); a channel administrator has to add the bot again.");
            default:
                throw new MaxApiException(200, null, $"MAX channel {chat.ChatId} has status '{chat.Status ?? "none"}', not 'active'.");
        }
    }

    /// <summary>
    /// The window's posts, newest first, 100 a call, each next call <c>before</c> the oldest time seen (as MAX wrote it, in its
    /// own unit). Stops at the window start, at a short page, at <see cref="MaxOptions.MaxPagesPerChannel"/> calls (truncated),
    /// or when a page brings nothing older or nothing new (an API that ignores <c>before</c> would otherwise repeat its first page).
    /// </summary>
    private async Task<(List<MaxMessage> Posts, bool Truncated)> ReadPostsAsync(long chatId, CollectRequest request, CancellationToken cancellationToken)
    {
        var posts = new List<MaxMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long? before = null;
        for (var call = 1; ; call++)
        {
            var items = await api.GetMessagesAsync(chatId, MaxApiClient.MaxCount, before, cancellationToken);
            long? oldestRaw = null;
            DateTimeOffset? oldest = null;
            var fresh = 0;
            foreach (var item in items)
            {
                if (MaxMessage.Read(item) is not { } message)
                {
                    continue;
                }

                var raw = PlatformJson.Long(item, "timestamp")!.Value;
                if (oldestRaw is null || raw < oldestRaw)
                {
                    (oldestRaw, oldest) = (raw, message.Timestamp);
                }

                if (!seen.Add(message.Mid))
                {
                    continue;
                }

                fresh++;
                if (message.Timestamp >= request.WindowStart && message.Timestamp <= request.AsOf)
                {
                    posts.Add(message);
                }
            }

            if (items.Count < MaxApiClient.MaxCount || oldestRaw is null || oldest < request.WindowStart)
            {
                return (posts, false);
            }

            if (fresh == 0 || oldestRaw >= before)
            {
                LogNoProgress(logger, chatId, call);
                return (posts, true);
            }

            if (call >= api.Options.MaxPagesPerChannel)
            {
                return (posts, true);
            }

            before = oldestRaw;
        }
    }

    /// <summary>A post's comments, 100 a call, newest first, up to <see cref="MaxCommentPagesPerPost"/> calls.</summary>
    private async Task<List<MaxMessage>> ReadCommentsAsync(string mid, CancellationToken cancellationToken)
    {
        var comments = new List<MaxMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long? before = null;
        for (var call = 1; call <= MaxCommentPagesPerPost; call++)
        {
            var items = await api.GetCommentsAsync(mid, MaxApiClient.MaxCount, before, cancellationToken);
            long? oldestRaw = null;
            var fresh = 0;
            foreach (var item in items)
            {
                if (MaxMessage.Read(item) is not { } comment)
                {
                    continue;
                }

                var raw = PlatformJson.Long(item, "timestamp")!.Value;
                oldestRaw = oldestRaw is null || raw < oldestRaw ? raw : oldestRaw;
                if (seen.Add(comment.Mid))
                {
                    fresh++;
                    comments.Add(comment);
                }
            }

            if (items.Count < MaxApiClient.MaxCount || oldestRaw is null || fresh == 0 || oldestRaw >= before)
            {
                break;
            }

            before = oldestRaw;
        }

        return comments;
    }

    /// <summary>
    /// Citizens' comments under one post and when the channel first answered each. A citizen's comment has a sender that is a
    /// person (not a bot, not the channel); the channel's answer has no sender (posted on behalf of the channel) and a
    /// <c>reply</c> link to the citizen's comment.
    /// </summary>
    internal static IEnumerable<CitizenComment> CitizenComments(IReadOnlyList<MaxMessage> comments, long chatId, string postId)
    {
        var answered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var reply in comments.Where(c => !c.HasSender && c.LinkType == "reply" && c.LinkedMid is not null))
        {
            answered[reply.LinkedMid!] = answered.TryGetValue(reply.LinkedMid!, out var earlier) && earlier < reply.Timestamp ? earlier : reply.Timestamp;
        }

        foreach (var comment in comments.Where(c => c.HasSender && !c.SenderIsBot && c.SenderId != chatId))
        {
            DateTimeOffset? repliedAt = answered.TryGetValue(comment.Mid, out var at) && at >= comment.Timestamp ? at : null;
            yield return new CitizenComment(comment.Mid, postId, comment.Timestamp, repliedAt, CitizenComment.Preview(comment.Text));
        }
    }

    private SkippedPage Skip(RegisteredPage page, Exception exception)
    {
        var (reason, permanent) = exception switch
        {
            PermanentPageException => ($"MAX page '{page.PageId}': {exception.Message}", true),
            TransientPlatformException => ($"MAX page '{page.PageId}' was not collected after {api.Options.MaxAttempts} tries: {exception.Message}", false),
            MaxApiException => ($"MAX page '{page.PageId}': {exception.Message}", false),
            _ => ($"MAX page '{page.PageId}' failed unexpectedly ({exception.GetType().Name}).", false),
        };
        if (exception is not (PermanentPageException or TransientPlatformException or MaxApiException))
        {
            LogUnexpected(logger, exception, page.PageId);
        }

        return Skip(page, reason, permanent);
    }

    private SkippedPage Skip(RegisteredPage page, string reason, bool permanent)
    {
        LogPageSkipped(logger, page.PageId, permanent, reason);
        return new SkippedPage(Platform.Max, page.PageId, reason, permanent);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAX pages of run {RunId} skipped: the bot token is not configured ({PageCount} pages)")]
    private static partial void LogMissingToken(ILogger logger, string runId, int pageCount);

    [LoggerMessage(Level = LogLevel.Critical, Message = "MAX refused the bot token: {Reason}. Run {RunId}: {PageCount} remaining pages of the batch skipped")]
    private static partial void LogTokenRejected(ILogger logger, string reason, string runId, int pageCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MAX page {PageId} resolved to chat {ChatId}")]
    private static partial void LogResolved(ILogger logger, string pageId, long chatId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MAX page {PageId} (chat {ChatId}) collected with {PostCount} posts and {CommentCount} citizens' comments")]
    private static partial void LogPageCollected(ILogger logger, string pageId, long chatId, int postCount, int commentCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAX page {PageId}: posts still reach into the window after {Pages} pages; the rest is not read (Max:MaxPagesPerChannel)")]
    private static partial void LogPostsTruncated(ILogger logger, string pageId, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAX chat {ChatId}: GET /messages page {Call} brought nothing older; paging stopped")]
    private static partial void LogNoProgress(ILogger logger, long chatId, int call);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAX page {PageId}: comments of post {PostId} could not be read: {Reason}")]
    private static partial void LogCommentsUnread(ILogger logger, string pageId, string postId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAX page {PageId} skipped (permanent: {Permanent}): {Reason}")]
    private static partial void LogPageSkipped(ILogger logger, string pageId, bool permanent, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "MAX page {PageId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string pageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAX batch of run {RunId}: {Collected} pages collected, {Skipped} skipped")]
    private static partial void LogBatchCollected(ILogger logger, string runId, int collected, int skipped);
}
