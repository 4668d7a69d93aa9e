using System.Text.Json;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Collectors.Vk;

/// <summary>A community as <c>groups.getById</c> describes it (schema <c>groups_group_full</c>, every field optional but the id).</summary>
internal sealed record VkGroup(
    long Id,
    string ScreenName,
    string Name,
    long MembersCount,
    bool HasGovernmentLabel,
    string? Deactivated,
    int ClosedState,
    bool HasDescription,
    bool HasAvatar,
    long? VideoLiveCount,
    bool HasContacts = false,
    bool HasSite = false)
{
    /// <summary>
    /// The fields the collector asks for. <c>is_government_organization</c> is undocumented and may not come back; <c>contacts</c>
    /// (<c>groups_contacts_item</c>: user_id, desc, phone, email) and <c>site</c> are in the 5.199 schema's <c>groups_group_full</c>.
    /// </summary>
    public const string RequestedFields = "members_count,verified,is_government_organization,description,has_photo,photo_200,video_live_count,deactivated,is_closed,screen_name,contacts,site";

    /// <summary>Reads both shapes: 5.199's <c>{"groups":[…]}</c> and the older bare array.</summary>
    public static IReadOnlyList<VkGroup> ReadGetByIdResponse(JsonElement response)
    {
        var items = response.ValueKind switch
        {
            JsonValueKind.Array => response.EnumerateArray(),
            JsonValueKind.Object => VkJson.Array(response, "groups"),
            _ => [],
        };
        return items.Select(Read).OfType<VkGroup>().ToList();
    }

    private static VkGroup? Read(JsonElement group)
    {
        if (VkJson.Int64(group, "id") is not { } id)
        {
            return null;
        }

        var photo = VkJson.String(group, "photo_200");
        var hasAvatar = VkJson.Int64(group, "has_photo") is { } hasPhoto
            ? hasPhoto > 0
            : photo is not null && !photo.Contains("/images/community_", StringComparison.Ordinal) && !photo.Contains("camera_", StringComparison.Ordinal);
        return new VkGroup(
            id,
            VkJson.String(group, "screen_name") ?? $"club{id}",
            VkJson.String(group, "name") ?? "",
            VkJson.Int64(group, "members_count") ?? 0,
            VkJson.Flag(group, "is_government_organization") || VkJson.Flag(group, "verified"),
            VkJson.String(group, "deactivated"),
            (int)(VkJson.Int64(group, "is_closed") ?? 0),
            !string.IsNullOrWhiteSpace(VkJson.String(group, "description")),
            hasAvatar,
            VkJson.Int64(group, "video_live_count"),
            // A contact counts when it names someone to reach: a phone, an e-mail or a VK user (a bare description does not).
            VkJson.Array(group, "contacts").Any(c => VkJson.Int64(c, "user_id") is > 0
                || !string.IsNullOrWhiteSpace(VkJson.String(c, "phone")) || !string.IsNullOrWhiteSpace(VkJson.String(c, "email"))),
            !string.IsNullOrWhiteSpace(VkJson.String(group, "site")));
    }

    /// <summary>Why the page cannot be collected, or null when it can: a deleted or banned community, or a closed wall.</summary>
    public string? UnavailableReason => Deactivated switch
    {
        "deleted" => $"VK community {ScreenName} is deleted",
        "banned" => $"VK community {ScreenName} is banned",
        { } other => $"VK community {ScreenName} is deactivated ({other})",
        null when ClosedState == 1 => $"VK community {ScreenName} is closed: its wall is for members only",
        null when ClosedState == 2 => $"VK community {ScreenName} is private: its wall is for members only",
        _ => null,
    };

    /// <summary>True when this community is the one the registry names: by numeric id or by screen name.</summary>
    public bool Matches(RegisteredPage page) =>
        page.PageId == Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        || string.Equals(page.PageId, ScreenName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Maps VK posts, comments and videos to the pipeline's domain records.</summary>
internal static class VkContent
{
    /// <summary>
    /// A <c>wall_wallpost_full</c> as a <see cref="Post"/>, or null when it has no id or date. Its address comes from its <c>owner_id</c>
    /// (the community, negative), so that a page registered by a screen name has post links too.
    /// </summary>
    public static Post? ReadPost(JsonElement item)
    {
        if (VkJson.Int64(item, "id") is not { } id || VkJson.UnixTime(item, "date") is not { } published)
        {
            return null;
        }

        var attachments = new Dictionary<AttachmentKind, int>();
        foreach (var attachment in VkJson.Array(item, "attachments"))
        {
            var kind = AttachmentKindOf(VkJson.String(attachment, "type"));
            attachments[kind] = attachments.GetValueOrDefault(kind) + 1;
        }

        var isRepost = VkJson.Array(item, "copy_history").Any() || VkJson.String(item, "post_type") == "copy";
        return new Post(
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            published,
            VkJson.String(item, "text") ?? "",
            attachments,
            isRepost,
            VkJson.Count(item, "views"),
            VkJson.Count(item, "likes") ?? 0,
            VkJson.Count(item, "reposts") ?? 0,
            VkJson.Count(item, "comments") ?? 0)
        {
            Url = VkJson.Int64(item, "owner_id") is { } owner and not 0 ? PageUrls.VkWallPost(owner, id) : null,
        };
    }

    public static bool IsPinned(JsonElement item) => VkJson.Flag(item, "is_pinned");

    /// <summary>Every documented attachment type has a kind; a type VK adds later counts as <see cref="AttachmentKind.Other"/>.</summary>
    public static AttachmentKind AttachmentKindOf(string? type) => type switch
    {
        "photo" or "posted_photo" or "photos_list" or "album" or "graffiti" => AttachmentKind.Photo,
        "video" or "clip" or "video_playlist" => AttachmentKind.Video,
        "audio" or "audio_playlist" or "podcast" => AttachmentKind.Audio,
        "link" or "article" or "page" or "note" => AttachmentKind.Link,
        "doc" => AttachmentKind.Document,
        "poll" => AttachmentKind.Poll,
        _ => AttachmentKind.Other,
    };

    /// <summary>
    /// Citizens' top-level comments under one post and when the community first answered each: a reply in the comment's thread,
    /// or a top-level comment of the community that replies to it (<c>reply_to_comment</c>). Comments after <paramref name="asOf"/>
    /// are not yet written; replies after it do not count yet.
    /// </summary>
    public static IReadOnlyList<CitizenComment> ReadCitizenComments(JsonElement response, long groupId, string postId, DateTimeOffset asOf)
    {
        var pageAuthor = -groupId;
        var comments = VkJson.Array(response, "items").ToList();
        var answeredByTopLevel = new Dictionary<long, DateTimeOffset>();
        foreach (var comment in comments)
        {
            if (VkJson.Int64(comment, "from_id") == pageAuthor && VkJson.Int64(comment, "reply_to_comment") is { } target && VkJson.UnixTime(comment, "date") is { } at && at <= asOf)
            {
                answeredByTopLevel[target] = answeredByTopLevel.TryGetValue(target, out var earlier) && earlier < at ? earlier : at;
            }
        }

        var citizens = new List<CitizenComment>();
        foreach (var comment in comments)
        {
            if (VkJson.Int64(comment, "id") is not { } id || VkJson.Int64(comment, "from_id") is not > 0 || VkJson.Flag(comment, "deleted")
                || VkJson.UnixTime(comment, "date") is not { } postedAt || postedAt > asOf)
            {
                continue;
            }

            DateTimeOffset? repliedAt = answeredByTopLevel.TryGetValue(id, out var topLevel) ? topLevel : null;
            if (VkJson.Object(comment, "thread") is { } thread)
            {
                foreach (var reply in VkJson.Array(thread, "items"))
                {
                    if (VkJson.Int64(reply, "from_id") == pageAuthor && VkJson.UnixTime(reply, "date") is { } at && at >= postedAt && at <= asOf && (repliedAt is null || at < repliedAt))
                    {
                        repliedAt = at;
                    }
                }
            }

            citizens.Add(new CitizenComment(id.ToString(System.Globalization.CultureInfo.InvariantCulture), postId, postedAt, repliedAt, CitizenComment.Preview(VkJson.String(comment, "text"))));
        }

        return citizens;
    }

    /// <summary>The live broadcasts among a community's videos: <c>type=live</c>, <c>live</c>, <c>upcoming</c> or a <c>live_status</c>.</summary>
    public static IReadOnlyList<LiveBroadcast> ReadBroadcasts(JsonElement response)
    {
        var broadcasts = new List<LiveBroadcast>();
        foreach (var video in VkJson.Array(response, "items"))
        {
            var status = VkJson.String(video, "live_status");
            var isLive = VkJson.String(video, "type") == "live" || VkJson.Flag(video, "live") || VkJson.Flag(video, "upcoming") || status is not null;
            if (!isLive || VkJson.Int64(video, "id") is not { } id)
            {
                continue;
            }

            var upcoming = VkJson.Flag(video, "upcoming") || status is "upcoming" or "waiting";
            var started = VkJson.UnixTime(video, "live_start_time") ?? VkJson.UnixTime(video, "date");
            if (started is null)
            {
                continue;
            }

            broadcasts.Add(new LiveBroadcast(
                id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                VkJson.String(video, "title") ?? "",
                started.Value,
                upcoming ? BroadcastStatus.Upcoming : status == "started" ? BroadcastStatus.Live : BroadcastStatus.Ended,
                VkJson.Int64(video, "views") ?? 0,
                VkJson.Int64(video, "spectators") ?? 0,
                (int)(VkJson.Int64(video, "duration") ?? 0)));
        }

        return broadcasts;
    }
}
