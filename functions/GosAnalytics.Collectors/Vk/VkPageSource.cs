using System.Text.Json;
using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors.Vk;

/// <summary>
/// Collects VK communities through the API: <c>groups.getById</c> for the batch, then <c>wall.get</c>, <c>wall.getComments</c>
/// and (with a user token) <c>video.get</c>, each batched 25 to an <c>execute</c>. Every page ends collected or skipped with a reason;
/// no VK error escapes (docs/collectors.md lists what each error code leads to).
/// </summary>
internal sealed class VkPageSource(VkApiClient api, VkTokenPool pool, IOptions<VkOptions> options, ILogger<VkPageSource> logger) : IPageSource
{
    public const string SourceName = "vk-api";

    /// <summary>Pages of 100 posts read per community and run: a bound for walls that post hundreds of times a month.</summary>
    private const int MaxWallRequestsPerPage = 10;

    /// <summary>VK's maximum of comments per <c>wall.getComments</c> call.</summary>
    private const int CommentsPerRequest = 100;

    /// <summary>Pages of 100 top-level comments read under one post: enough for the reply metrics of even a heated thread.</summary>
    private const int MaxCommentPagesPerPost = 5;

    public string Name => SourceName;

    public bool IsDemo => false;

    public bool Supports(Platform platform) => platform == Platform.Vk;

    public async Task<BatchCollection> CollectAsync(CollectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var work = request.Pages.DistinctBy(page => page.Key).Select(page => new PageWork(page)).ToList();
        var notices = new List<string>();
        try
        {
            await ResolveGroupsAsync(work, cancellationToken);
            await ReadWallsAsync(work, request, cancellationToken);
        }
        catch (Exception exception) when (IsBatchFailure(exception, cancellationToken))
        {
            Report(exception, request, notices, "VK collection of a batch stopped");
            foreach (var page in work.Where(page => page.SkipReason is null))
            {
                page.Skip(exception is PlatformAuthException or VkTokensExhaustedException ? exception.Message : UnreadableAnswer(exception), permanent: false);
            }
        }

        // Comments and broadcasts add to pages already read: when they fail, the pages stay, with a notice.
        try
        {
            await ReadCommentsAsync(work, request, notices, cancellationToken);
        }
        catch (Exception exception) when (IsBatchFailure(exception, cancellationToken))
        {
            Report(exception, request, notices, "VK comments of a batch were not read");
        }

        try
        {
            await ReadBroadcastsAsync(work, request, notices, cancellationToken);
        }
        catch (Exception exception) when (IsBatchFailure(exception, cancellationToken))
        {
            Report(exception, request, notices, "VK live broadcasts of a batch were not read");
        }

        return new BatchCollection(
            work.Where(page => page.SkipReason is null).Select(page => page.ToSnapshot()).ToList(),
            work.Where(page => page.SkipReason is not null).Select(page => new SkippedPage(Platform.Vk, page.Registered.PageId, page.SkipReason!, page.Permanent)).ToList(),
            notices.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// What stops a whole step of a batch: no usable token, or an answer the collector cannot read (a field out of range).
    /// Cancellation is not one of them; it ends the invocation.
    /// </summary>
    private static bool IsBatchFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string UnreadableAnswer(Exception exception) =>
        $"VK's answer could not be read ({exception.GetType().Name}); the page is tried again in the next run.";

    private void Report(Exception exception, CollectRequest request, List<string> notices, string what)
    {
        switch (exception)
        {
            case PlatformAuthException:
                logger.LogCritical("{What} in run {RunId}: {Reason}", what, request.RunId, exception.Message);
                notices.Add(exception.Message);
                break;
            case VkTokensExhaustedException:
                logger.LogWarning("{What} in run {RunId}: {Reason}", what, request.RunId, exception.Message);
                notices.Add(exception.Message);
                break;
            default:
                logger.LogError(exception, "{What} in run {RunId}: an answer could not be read", what, request.RunId);
                notices.Add($"{what}: {UnreadableAnswer(exception)}");
                break;
        }
    }

    /// <summary>
    /// One <c>groups.getById</c> for the batch. VK refuses the whole call when one id is invalid, so then each page is asked
    /// for alone (inside an <c>execute</c>) to find the culprit.
    /// </summary>
    private async Task ResolveGroupsAsync(List<PageWork> work, CancellationToken cancellationToken)
    {
        var ids = string.Join(",", work.Select(page => page.Registered.PageId));
        IReadOnlyList<VkGroup> groups;
        try
        {
            var response = await api.CallAsync(GetById("group_ids", ids), VkTokenNeeds.Any, cancellationToken);
            groups = VkGroup.ReadGetByIdResponse(response);
        }
        catch (VkApiException error) when (VkErrorCodes.IsPermanentForPage(error.Code) && work.Count > 1)
        {
            var calls = work.Select(page => GetById("group_id", page.Registered.PageId)).ToList();
            var outcomes = await ExecuteForPagesAsync(work, calls, cancellationToken);
            groups = [.. outcomes.Where(o => o.Outcome?.Response is not null).SelectMany(o => VkGroup.ReadGetByIdResponse(o.Outcome!.Response!.Value))];
            foreach (var (page, outcome) in outcomes.Where(o => o.Outcome?.Error is not null))
            {
                page.SkipFor(outcome!.Error!, "groups.getById");
            }
        }
        catch (Exception exception) when (exception is TransientPlatformException or VkApiException)
        {
            foreach (var page in work)
            {
                page.Skip($"VK groups.getById failed: {exception.Message}", permanent: exception is VkApiException vk && VkErrorCodes.IsPermanentForPage(vk.Code));
            }

            return;
        }

        foreach (var page in work.Where(page => page.SkipReason is null))
        {
            page.Group = groups.FirstOrDefault(group => group.Matches(page.Registered));
            if (page.Group is null)
            {
                page.Skip($"VK community {page.Registered.PageId} was not found", permanent: true);
            }
            else if (page.Group.UnavailableReason is { } reason)
            {
                page.Skip(reason, permanent: true);
            }
        }
    }

    /// <summary>
    /// <c>wall.get</c> pages of 100 until the window is passed. The pinned post comes first whatever its date, so it never ends
    /// the paging; posts outside [window start, as of] are dropped.
    /// </summary>
    private async Task ReadWallsAsync(List<PageWork> work, CollectRequest request, CancellationToken cancellationToken)
    {
        var count = options.Value.PostsPerRequest;
        for (var round = 0; round < MaxWallRequestsPerPage; round++)
        {
            var pending = work.Where(page => page.SkipReason is null && !page.WallDone).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            var calls = pending.Select(page => new VkMethodCall("wall.get", new Dictionary<string, string>
            {
                ["owner_id"] = VkApiClient.Value(-page.Group!.Id),
                ["offset"] = VkApiClient.Value(page.WallOffset),
                ["count"] = VkApiClient.Value(count),
                ["filter"] = "owner",
            })).ToList();
            foreach (var (page, outcome) in await ExecuteForPagesAsync(pending, calls, cancellationToken))
            {
                if (outcome is null)
                {
                    continue;
                }

                if (outcome.Error is { } error)
                {
                    page.SkipFor(error, "wall.get");
                    continue;
                }

                page.AddWallPage(outcome.Response!.Value, count, request);
            }
        }

        foreach (var page in work.Where(page => page.SkipReason is null && !page.WallDone))
        {
            page.Notices.Add(PageNotice.WallTruncated);
            logger.LogWarning("VK wall of {PageId} has more than {Limit} posts in the window; the oldest are not read", page.Registered.PageId, MaxWallRequestsPerPage * count);
        }
    }

    /// <summary>
    /// Comments under the page's most recent commented posts: citizens' questions and the community's answers. A post with more
    /// than 100 top-level comments is read on, 100 at a time, up to <see cref="MaxCommentPagesPerPost"/> pages.
    /// </summary>
    private async Task ReadCommentsAsync(List<PageWork> work, CollectRequest request, List<string> notices, CancellationToken cancellationToken)
    {
        var pending = work
            .Where(page => page.SkipReason is null)
            .SelectMany(page => page.Posts
                .Where(post => post.Comments > 0)
                .OrderByDescending(post => post.PublishedAt)
                .Take(options.Value.MaxCommentedPostsPerPage)
                .Select(post => new CommentsWork(page, post.PostId)))
            .ToList();
        var posts = pending.Count;
        var unread = 0;

        // Marked until every comment page of the page's posts is read, so that a step that stops half-way leaves the mark.
        var incomplete = pending.Select(target => target.Page).ToHashSet();
        foreach (var page in incomplete)
        {
            page.Notices.Add(PageNotice.CommentsIncomplete);
        }

        for (var round = 0; round < MaxCommentPagesPerPost && pending.Count > 0; round++)
        {
            var calls = pending.Select(target => new VkMethodCall("wall.getComments", new Dictionary<string, string>
            {
                ["owner_id"] = VkApiClient.Value(-target.Page.Group!.Id),
                ["post_id"] = target.PostId,
                ["offset"] = VkApiClient.Value(target.Offset),
                ["count"] = VkApiClient.Value(CommentsPerRequest),
                ["sort"] = "asc",
                ["thread_items_count"] = "10",
            })).ToList();
            var outcomes = await ExecuteForPagesAsync(pending.Select(t => t.Page).ToList(), calls, cancellationToken, skipOnFailure: false);
            var more = new List<CommentsWork>();
            for (var i = 0; i < pending.Count; i++)
            {
                if (outcomes[i].Outcome?.Response is not { } response)
                {
                    unread++;
                    incomplete.Remove(pending[i].Page);
                    pending[i].Page.Unread = true;
                    continue;
                }

                var target = pending[i];
                target.Page.Comments.AddRange(VkContent.ReadCitizenComments(response, target.Page.Group!.Id, target.PostId, request.AsOf));
                var read = VkJson.Array(response, "items").Count();
                target.Offset += read;
                if (read == CommentsPerRequest && target.Offset < (VkJson.Int64(response, "current_level_count") ?? VkJson.Int64(response, "count") ?? 0))
                {
                    more.Add(target);
                }
            }

            pending = more;
        }

        foreach (var page in incomplete.Where(page => !page.Unread))
        {
            page.Notices.Remove(PageNotice.CommentsIncomplete);
        }

        if (unread > 0)
        {
            notices.Add($"VK: comments under {unread} of {posts} posts could not be read; reply metrics of those pages are partial.");
        }
    }

    private sealed class CommentsWork(PageWork page, string postId)
    {
        public PageWork Page { get; } = page;

        public string PostId { get; } = postId;

        public int Offset { get; set; }
    }

    /// <summary>Live broadcasts need a user token (<c>video.get</c>); without one they are skipped with a reason in the run report.</summary>
    private async Task ReadBroadcastsAsync(List<PageWork> work, CollectRequest request, List<string> notices, CancellationToken cancellationToken)
    {
        var pages = work.Where(page => page.SkipReason is null && page.Group!.VideoLiveCount is not 0).ToList();
        if (pages.Count == 0)
        {
            return;
        }

        // Marked until the page's video.get answers: without a user token, after a failed call or a step that stops, the counts are unknown.
        foreach (var page in pages)
        {
            page.Notices.Add(PageNotice.BroadcastsNotCollected);
        }

        if (!pool.HasUserToken)
        {
            notices.Add("VK live broadcasts were not collected: video.get needs a user token and Vk:Tokens has none.");
            return;
        }

        var calls = pages.Select(page => new VkMethodCall("video.get", new Dictionary<string, string>
        {
            ["owner_id"] = VkApiClient.Value(-page.Group!.Id),
            ["count"] = "200",
        })).ToList();
        var outcomes = await ExecuteForPagesAsync(pages, calls, cancellationToken, skipOnFailure: false, new VkTokenNeeds(UserToken: true, 0));
        foreach (var (page, outcome) in outcomes)
        {
            if (outcome?.Response is { } response)
            {
                page.Notices.Remove(PageNotice.BroadcastsNotCollected);
                page.Broadcasts.AddRange(VkContent.ReadBroadcasts(response).Where(b => b.StartedAt >= request.WindowStart && b.StartedAt <= request.AsOf));
            }
        }
    }

    /// <summary>
    /// Runs one call per page through <c>execute</c>. A chunk that fails as a whole (after retries) leaves its pages skipped with the
    /// reason, or, for optional reads, simply without an outcome.
    /// </summary>
    private async Task<IReadOnlyList<(PageWork Page, VkCallOutcome? Outcome)>> ExecuteForPagesAsync(
        IReadOnlyList<PageWork> pages,
        IReadOnlyList<VkMethodCall> calls,
        CancellationToken cancellationToken,
        bool skipOnFailure = true,
        VkTokenNeeds? needs = null)
    {
        var results = new (PageWork Page, VkCallOutcome? Outcome)[calls.Count];
        var chunks = Enumerable.Range(0, calls.Count).Chunk(VkApiClient.MaxCallsPerExecute).ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelRequestsPerBatch, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                try
                {
                    var outcomes = await api.ExecuteAllAsync(chunk.Select(i => calls[i]).ToList(), needs ?? VkTokenNeeds.Any, ct);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        results[chunk[i]] = (pages[chunk[i]], outcomes[i]);
                    }
                }
                catch (Exception exception) when (exception is TransientPlatformException or VkApiException)
                {
                    foreach (var index in chunk)
                    {
                        results[index] = (pages[index], null);
                        if (skipOnFailure)
                        {
                            pages[index].Skip($"VK {calls[index].Method} failed: {exception.Message}", permanent: false);
                        }
                    }
                }
            });
        return results;
    }

    private static VkMethodCall GetById(string parameter, string ids) =>
        new("groups.getById", new Dictionary<string, string> { [parameter] = ids, ["fields"] = VkGroup.RequestedFields });

    private sealed class PageWork(RegisteredPage registered)
    {
        public RegisteredPage Registered { get; } = registered;

        public VkGroup? Group { get; set; }

        public string? SkipReason { get; private set; }

        public bool Permanent { get; private set; }

        public List<Post> Posts { get; } = [];

        public List<CitizenComment> Comments { get; } = [];

        public List<LiveBroadcast> Broadcasts { get; } = [];

        /// <summary>What could not be fully read for the page.</summary>
        public HashSet<PageNotice> Notices { get; } = [];

        /// <summary>Comments under one of the page's posts could not be read.</summary>
        public bool Unread { get; set; }

        public int WallOffset { get; private set; }

        public bool WallDone { get; private set; }

        public void Skip(string reason, bool permanent)
        {
            if (SkipReason is null)
            {
                SkipReason = reason;
                Permanent = permanent;
            }
        }

        public void SkipFor(VkApiException error, string method) =>
            Skip(
                VkErrorCodes.IsPermanentForPage(error.Code)
                    ? $"VK refuses {method} for community {Group?.ScreenName ?? Registered.PageId}: error {error.Code} ({error.PlatformMessage})"
                    : $"VK {method} failed for community {Group?.ScreenName ?? Registered.PageId}: error {error.Code} ({error.PlatformMessage})",
                VkErrorCodes.IsPermanentForPage(error.Code));

        public void AddWallPage(JsonElement response, int requested, CollectRequest request)
        {
            var items = VkJson.Array(response, "items").ToList();
            DateTimeOffset? oldest = null;
            foreach (var item in items)
            {
                if (VkContent.ReadPost(item) is not { } post)
                {
                    continue;
                }

                if (!VkContent.IsPinned(item))
                {
                    oldest = oldest is null || post.PublishedAt < oldest ? post.PublishedAt : oldest;
                }

                if (post.PublishedAt >= request.WindowStart && post.PublishedAt <= request.AsOf && Posts.All(p => p.PostId != post.PostId))
                {
                    Posts.Add(post);
                }
            }

            WallOffset += items.Count;
            var total = VkJson.Int64(response, "count") ?? 0;
            WallDone = items.Count < requested || WallOffset >= total || (oldest is { } o && o < request.WindowStart);
        }

        public PageSnapshot ToSnapshot() => new(
            new PageInfo(
                Platform.Vk,
                Registered.PageId,
                Group!.ScreenName,
                Group.Name,
                Registered.RegionCode,
                Registered.Kind,
                Group.HasGovernmentLabel,
                Group.MembersCount,
                Group.HasDescription,
                Group.HasAvatar,
                Group.HasContacts,
                Group.HasSite),
            Posts.OrderBy(post => post.PublishedAt).ThenBy(post => post.PostId, StringComparer.Ordinal).ToList(),
            Broadcasts.OrderBy(b => b.StartedAt).ToList(),
            Comments.OrderBy(c => c.PostedAt).ThenBy(c => c.CommentId, StringComparer.Ordinal).ToList(),
            Notices.Count == 0 ? null : [.. Notices.Order()]);
    }
}
