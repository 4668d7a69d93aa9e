using System.Globalization;
using System.Text.Json;
using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Core.Sources;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Collectors.Ok;

/// <summary>
/// Collects OK (Odnoklassniki) group pages through the public REST API: resolves short names (<c>url.getInfo</c>), reads the
/// batch's groups in one <c>group.getInfo</c>, members from <c>group.getCounters</c> when absent, and the window's topics with
/// their public counters from <c>mediatopic.getTopics</c>. See docs/collectors-ok.md.
/// </summary>
/// <remarks>
/// A page that fails is skipped with a reason; only cancellation escapes <see cref="CollectAsync"/>. A credentials failure stops
/// the batch at once: every further call would fail the same way and spend OK's per-method budget.
/// </remarks>
internal sealed partial class OkPageSource(OkApiClient api, ILogger<OkPageSource> logger) : IPageSource
{
    public const string SourceName = "ok-api";

    public const string MissingCredentialsReason =
        "OK credentials are not configured (Ok:ApplicationKey, Ok:ApplicationSecretKey, Ok:AccessToken)";

    public const string NotCollectedNotice =
        "OK live broadcasts and community replies are not collected, so OK pages have no broadcast or responsiveness figures: "
        + "OK documents no API method that lists a group's live broadcasts, and telling the group's replies apart would take one "
        + "discussions.getComments call per post, which OK's per-method call budgets do not allow for every page every day.";

    /// <summary>
    /// Group fields read by <c>group.getInfo</c>; only requested fields are returned, and each one costs budget. <c>homepage_url</c> is
    /// the group's website; the documented group bean has no contacts field, so an OK group's contacts are unknown (null).
    /// </summary>
    internal const string GroupFields = "uid,name,shortname,members_count,description,pic_avatar,access_type,homepage_url";

    /// <summary>Topic fields read by <c>mediatopic.getTopics</c>. <c>is_sticky</c> is there so that a pinned old topic does not end paging.</summary>
    internal const string TopicFields =
        "media_topic.id,media_topic.created_ms,media_topic.media,media_topic.is_sticky,media_topic.like_summary,"
        + "media_topic.discussion_summary,media_topic.reshare_summary,media_topic.views_count";

    public string Name => SourceName;

    public bool IsDemo => false;

    public bool Supports(Platform platform) => platform == Platform.Ok;

    public async Task<BatchCollection> CollectAsync(CollectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Platform != Platform.Ok)
        {
            var reason = $"The {SourceName} source collects only OK pages, not {request.Platform}.";
            return new BatchCollection([], request.Pages.Select(p => new SkippedPage(p.Platform, p.PageId, reason)).ToList());
        }

        if (!api.Options.HasCredentials)
        {
            // Checked before any call: an unsigned request would only earn error 101/104 and spend budget.
            LogMissingCredentials(logger, request.RunId, request.Pages.Count);
            return new BatchCollection([], request.Pages.Select(p => new SkippedPage(Platform.Ok, p.PageId, MissingCredentialsReason)).ToList(), [MissingCredentialsReason]);
        }

        var batch = new BatchProgress(request.Pages);
        var notices = new List<string> { NotCollectedNotice };
        try
        {
            var resolved = await ResolveAsync(request.Pages, batch, cancellationToken);
            var groups = await ReadGroupsAsync(resolved, batch, cancellationToken);
            foreach (var (page, groupId) in resolved)
            {
                if (batch.IsDone(page))
                {
                    continue;
                }

                if (!groups.TryGetValue(groupId, out var group))
                {
                    Skip(batch, page, NotFoundReason(page, groupId), permanent: true);
                    continue;
                }

                try
                {
                    var subscribers = group.MembersCount ?? await ReadMembersAsync(groupId, cancellationToken);
                    var (posts, truncated) = await ReadPostsAsync(groupId, request, cancellationToken);
                    batch.Collect(page, new PageSnapshot(ToPageInfo(page, group, subscribers), posts, [], [], PageNotices(truncated)));
                    LogPageCollected(logger, page.PageId, groupId, posts.Count);
                }
                catch (Exception exception) when (IsPageFailure(exception, cancellationToken))
                {
                    Skip(batch, page, exception);
                }
            }
        }
        catch (PlatformAuthException exception)
        {
            var remaining = batch.Remaining().ToList();
            LogCredentialsRejected(logger, exception.Message, request.RunId, remaining.Count);
            foreach (var page in remaining)
            {
                batch.Skip(page, new SkippedPage(Platform.Ok, page.PageId, exception.Message));
            }

            notices.Add(exception.Message);
        }

        LogBatchCollected(logger, request.RunId, batch.Collected.Count, batch.Skipped.Count);
        return new BatchCollection(batch.Collected, batch.Skipped, notices);
    }

    // ---- Resolution -------------------------------------------------------------------------------------------------------

    private async Task<List<(RegisteredPage Page, string GroupId)>> ResolveAsync(
        IReadOnlyList<RegisteredPage> pages, BatchProgress batch, CancellationToken cancellationToken)
    {
        var resolved = new List<(RegisteredPage, string)>(pages.Count);
        foreach (var page in pages)
        {
            // The registry's own reading of OK addresses, so that a page id means here what it meant at import.
            if (!PageIdentifiers.TryReadOkGroup(page.PageId, out var group, out var problem))
            {
                Skip(batch, page, $"OK page '{page.PageId}' {problem}", permanent: true);
                continue;
            }

            if (group.ScreenName.Length == 0)
            {
                resolved.Add((page, group.PageId));
                continue;
            }

            try
            {
                resolved.Add((page, await ResolveShortNameAsync(page, group.ScreenName, cancellationToken)));
            }
            catch (Exception exception) when (IsPageFailure(exception, cancellationToken))
            {
                Skip(batch, page, exception);
            }
        }

        return resolved;
    }

    private async Task<string> ResolveShortNameAsync(RegisteredPage page, string shortName, CancellationToken cancellationToken)
    {
        var url = "https://ok.ru/" + shortName;
        var result = await api.CallAsync("url.getInfo", new Dictionary<string, string> { ["url"] = url }, cancellationToken);
        if (result is not JsonElement info)
        {
            throw new PermanentPageException($"{url} was not found on OK.");
        }

        var type = PlatformJson.String(info, "type");
        var objectId = PlatformJson.String(info, "objectId") ?? PlatformJson.String(info, "objectIdStr");
        if (!string.Equals(type, "GROUP", StringComparison.OrdinalIgnoreCase) || objectId is null || !IsNumericId(objectId))
        {
            throw new PermanentPageException(type is null or "UNKNOWN"
                ? $"{url} was not found on OK."
                : $"{url} is an OK {type.ToLowerInvariant()}, not a group.");
        }

        LogResolved(logger, page.PageId, objectId);
        return objectId;
    }

    private static bool IsNumericId(string text) => text.Length is > 0 and <= 20 && text.All(char.IsAsciiDigit);

    // ---- Groups -----------------------------------------------------------------------------------------------------------

    private async Task<Dictionary<string, OkGroup>> ReadGroupsAsync(
        List<(RegisteredPage Page, string GroupId)> resolved, BatchProgress batch, CancellationToken cancellationToken)
    {
        var ids = resolved.Select(r => r.GroupId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        try
        {
            return await GetGroupInfoAsync(ids, cancellationToken);
        }
        catch (PermanentPageException) when (ids.Count > 1)
        {
            // One unknown or closed id can fail the whole call; asking group by group finds which one without losing the others.
            var groups = new Dictionary<string, OkGroup>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                try
                {
                    foreach (var (key, group) in await GetGroupInfoAsync([id], cancellationToken))
                    {
                        groups[key] = group;
                    }
                }
                catch (Exception exception) when (IsPageFailure(exception, cancellationToken))
                {
                    foreach (var (page, _) in resolved.Where(r => r.GroupId == id))
                    {
                        Skip(batch, page, exception);
                    }
                }
            }

            return groups;
        }
        catch (Exception exception) when (IsPageFailure(exception, cancellationToken))
        {
            foreach (var (page, _) in resolved)
            {
                Skip(batch, page, exception);
            }

            return [];
        }
    }

    private async Task<Dictionary<string, OkGroup>> GetGroupInfoAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var result = await api.CallAsync(
            "group.getInfo",
            new Dictionary<string, string> { ["uids"] = string.Join(',', ids), ["fields"] = GroupFields },
            cancellationToken);

        var groups = new Dictionary<string, OkGroup>(StringComparer.Ordinal);
        if (result is not JsonElement answer)
        {
            return groups;
        }

        // Documented as a bare array of group beans; an object wrapping "groups" is accepted too, in case the shape drifts.
        var items = answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray() : PlatformJson.Array(answer, "groups");
        foreach (var item in items)
        {
            if (PlatformJson.String(item, "uid") is { } uid)
            {
                groups[uid] = new OkGroup(
                    uid,
                    PlatformJson.String(item, "name"),
                    PlatformJson.String(item, "shortname"),
                    PlatformJson.Long(item, "members_count"),
                    PlatformJson.String(item, "description"),
                    PlatformJson.String(item, "pic_avatar"),
                    PlatformJson.String(item, "access_type"),
                    PlatformJson.String(item, "homepage_url"));
            }
        }

        return groups;
    }

    private async Task<long> ReadMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        var result = await api.CallAsync(
            "group.getCounters",
            new Dictionary<string, string> { ["group_id"] = groupId, ["counterTypes"] = "members" },
            cancellationToken);
        return result is JsonElement answer && PlatformJson.Object(answer, "counters") is { } counters ? PlatformJson.Long(counters, "members") ?? 0 : 0;
    }

    private static PageInfo ToPageInfo(RegisteredPage page, OkGroup group, long subscribers) => new(
        Platform.Ok,
        page.PageId,
        string.IsNullOrWhiteSpace(group.ShortName) ? page.ScreenName : group.ShortName,
        group.Name ?? "",
        page.RegionCode,
        page.Kind,
        // OK documents no official or state-organisation marker on groups (see docs/collectors-ok.md).
        HasGovernmentLabel: false,
        subscribers,
        HasDescription: !string.IsNullOrWhiteSpace(group.Description),
        HasAvatar: HasRealAvatar(group.PicAvatar),
        HasContacts: null,
        HasSite: !string.IsNullOrWhiteSpace(group.HomepageUrl));

    /// <summary>OK fills <c>pic_avatar</c> with a placeholder image ("stub") for groups that set none.</summary>
    private static bool HasRealAvatar(string? url) =>
        !string.IsNullOrWhiteSpace(url) && !url.Contains("stub", StringComparison.OrdinalIgnoreCase);

    private static string NotFoundReason(RegisteredPage page, string groupId) =>
        page.PageId == groupId ? $"OK group {groupId} not found" : $"OK group {groupId} not found (page '{page.PageId}')";

    // ---- Posts ------------------------------------------------------------------------------------------------------------

    /// <summary>What every collected OK page carries: its live broadcasts are not read, and its topics may stop at the page limit.</summary>
    private static IReadOnlyList<PageNotice> PageNotices(bool truncated) =>
        truncated ? [PageNotice.WallTruncated, PageNotice.BroadcastsNotCollected] : [PageNotice.BroadcastsNotCollected];

    /// <summary>The group's topics in the window, and whether they were cut at <see cref="OkOptions.MaxTopicPagesPerGroup"/>.</summary>
    private async Task<(List<Post> Posts, bool Truncated)> ReadPostsAsync(string groupId, CollectRequest request, CancellationToken cancellationToken)
    {
        var posts = new List<Post>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? anchor = null;
        for (var pageNumber = 1; ; pageNumber++)
        {
            var parameters = new Dictionary<string, string>
            {
                ["gid"] = groupId,
                ["count"] = api.Options.TopicsPerRequest.ToString(CultureInfo.InvariantCulture),
                ["fields"] = TopicFields,
            };
            if (anchor is not null)
            {
                parameters["anchor"] = anchor;
            }

            var result = await api.CallAsync("mediatopic.getTopics", parameters, cancellationToken);
            if (result is not JsonElement answer)
            {
                break;
            }

            DateTimeOffset? oldest = null;
            foreach (var item in PlatformJson.Array(answer, "media_topics"))
            {
                if (ToPost(item) is not { } topic)
                {
                    continue;
                }

                // A pinned topic comes first whatever its age; it must not end the paging (the VK pinned-post trap).
                if (!topic.IsSticky && (oldest is null || topic.Post.PublishedAt < oldest))
                {
                    oldest = topic.Post.PublishedAt;
                }

                if (topic.Post.PublishedAt >= request.WindowStart && topic.Post.PublishedAt <= request.AsOf && seen.Add(topic.Post.PostId))
                {
                    posts.Add(topic.Post);
                }
            }

            var next = PlatformJson.String(answer, "anchor");
            if (PlatformJson.Bool(answer, "has_more") != true || string.IsNullOrEmpty(next) || next == anchor || oldest < request.WindowStart)
            {
                break;
            }

            if (pageNumber >= api.Options.MaxTopicPagesPerGroup)
            {
                LogTopicsTruncated(logger, groupId, pageNumber);
                return (posts, true);
            }

            anchor = next;
        }

        return (posts, false);
    }

    /// <summary>One topic as a post; null without an id or a creation time (it cannot be placed in the window).</summary>
    internal static (Post Post, bool IsSticky)? ToPost(JsonElement topic)
    {
        var id = PlatformJson.String(topic, "id");
        var createdMs = PlatformJson.Long(topic, "created_ms");
        if (string.IsNullOrEmpty(id) || createdMs is null)
        {
            return null;
        }

        var texts = new List<string>();
        var attachments = new Dictionary<AttachmentKind, int>();
        var isRepost = false;
        foreach (var media in PlatformJson.Array(topic, "media"))
        {
            var type = PlatformJson.String(media, "type")?.ToLowerInvariant();
            switch (type)
            {
                case null or "":
                    break;
                case "text":
                    if (PlatformJson.String(media, "text") is { Length: > 0 } text)
                    {
                        texts.Add(text);
                    }

                    break;
                case "reshare":
                    // A reshared topic carries the original as a "reshare" media item (fields media_reshare, media_reshare_owner_refs).
                    isRepost = true;
                    break;
                case "photo":
                    Add(attachments, AttachmentKind.Photo, PlatformJson.Count(media, "photo_refs") ?? 1);
                    break;
                case "movie" or "video":
                    Add(attachments, AttachmentKind.Video, PlatformJson.Count(media, "movie_refs") ?? 1);
                    break;
                case "music":
                    Add(attachments, AttachmentKind.Audio, PlatformJson.Count(media, "music_track_refs") ?? 1);
                    break;
                case "link":
                    Add(attachments, AttachmentKind.Link, 1);
                    break;
                case "poll":
                    Add(attachments, AttachmentKind.Poll, 1);
                    break;
                default:
                    Add(attachments, AttachmentKind.Other, 1);
                    break;
            }
        }

        var likes = PlatformJson.Object(topic, "like_summary") is { } like ? PlatformJson.Long(like, "count") ?? 0 : 0;
        var reposts = PlatformJson.Object(topic, "reshare_summary") is { } reshare ? PlatformJson.Long(reshare, "count") ?? 0 : 0;
        var comments = PlatformJson.Object(topic, "discussion_summary") is { } discussion ? PlatformJson.Long(discussion, "comments_count") ?? 0 : 0;
        var post = new Post(
            id,
            DateTimeOffset.FromUnixTimeMilliseconds(createdMs.Value),
            string.Join('\n', texts),
            attachments,
            isRepost,
            PlatformJson.Long(topic, "views_count"),
            likes,
            reposts,
            comments);
        return (post, PlatformJson.Bool(topic, "is_sticky") == true);

        static void Add(Dictionary<AttachmentKind, int> counts, AttachmentKind kind, int count) =>
            counts[kind] = counts.GetValueOrDefault(kind) + Math.Max(count, 1);
    }

    // ---- Failures ---------------------------------------------------------------------------------------------------------

    /// <summary>Failures that cost one page. Credentials failures end the batch and cancellation ends the run, so both pass through.</summary>
    private static bool IsPageFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not PlatformAuthException && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private void Skip(BatchProgress batch, RegisteredPage page, Exception exception)
    {
        var (reason, permanent) = exception switch
        {
            PermanentPageException => ($"OK page '{page.PageId}': {exception.Message}", true),
            TransientPlatformException => ($"OK page '{page.PageId}' was not collected after {api.Options.MaxAttempts} tries: {exception.Message}", false),
            OkApiException => ($"OK page '{page.PageId}': {exception.Message}", false),
            _ => ($"OK page '{page.PageId}' failed unexpectedly ({exception.GetType().Name}).", false),
        };
        if (exception is not (PermanentPageException or TransientPlatformException or OkApiException))
        {
            LogUnexpected(logger, exception, page.PageId);
        }

        Skip(batch, page, reason, permanent);
    }

    private void Skip(BatchProgress batch, RegisteredPage page, string reason, bool permanent)
    {
        LogPageSkipped(logger, page.PageId, permanent, reason);
        batch.Skip(page, new SkippedPage(Platform.Ok, page.PageId, reason, permanent));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OK pages of run {RunId} skipped: credentials are not configured ({PageCount} pages)")]
    private static partial void LogMissingCredentials(ILogger logger, string runId, int pageCount);

    [LoggerMessage(Level = LogLevel.Critical, Message = "OK refused the collector's credentials: {Reason}. Run {RunId}: {PageCount} remaining pages of the batch skipped")]
    private static partial void LogCredentialsRejected(ILogger logger, string reason, string runId, int pageCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OK page {PageId} resolved to group {GroupId}")]
    private static partial void LogResolved(ILogger logger, string pageId, string groupId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OK page {PageId} (group {GroupId}) collected with {PostCount} posts in the window")]
    private static partial void LogPageCollected(ILogger logger, string pageId, string groupId, int postCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OK page {PageId} skipped (permanent: {Permanent}): {Reason}")]
    private static partial void LogPageSkipped(ILogger logger, string pageId, bool permanent, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "OK page {PageId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string pageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OK group {GroupId}: topics still reach into the window after {Pages} pages; the rest is not read (Ok:MaxTopicPagesPerGroup)")]
    private static partial void LogTopicsTruncated(ILogger logger, string groupId, int pages);

    [LoggerMessage(Level = LogLevel.Information, Message = "OK batch of run {RunId}: {Collected} pages collected, {Skipped} skipped")]
    private static partial void LogBatchCollected(ILogger logger, string runId, int collected, int skipped);

    internal sealed record OkGroup(
        string Id, string? Name, string? ShortName, long? MembersCount, string? Description, string? PicAvatar, string? AccessType, string? HomepageUrl = null);

    /// <summary>Which pages of the batch are collected or skipped; by instance, so that a page registered twice is reported twice.</summary>
    private sealed class BatchProgress(IReadOnlyList<RegisteredPage> pages)
    {
        private readonly HashSet<RegisteredPage> done = new(ReferenceEqualityComparer.Instance);

        public List<PageSnapshot> Collected { get; } = [];

        public List<SkippedPage> Skipped { get; } = [];

        public bool IsDone(RegisteredPage page) => done.Contains(page);

        public IEnumerable<RegisteredPage> Remaining() => pages.Where(page => !done.Contains(page));

        public void Collect(RegisteredPage page, PageSnapshot snapshot)
        {
            if (done.Add(page))
            {
                Collected.Add(snapshot);
            }
        }

        public void Skip(RegisteredPage page, SkippedPage skipped)
        {
            if (done.Add(page))
            {
                Skipped.Add(skipped);
            }
        }
    }
}
