using System.Text.Json.Serialization;

namespace GosAnalytics.Core.Domain;

public enum AttachmentKind
{
    Photo,
    Video,
    Audio,
    Link,
    Document,
    Poll,
    Other,
}

public enum BroadcastStatus
{
    Upcoming,
    Live,
    Ended,
}

/// <summary>Page information as the platform reported it at collection time.</summary>
/// <param name="HasContacts">
/// The page shows contacts (a phone, an e-mail or a contact person); null when the platform cannot tell (docs/metrics.md §3.6).
/// </param>
/// <param name="HasSite">The page links to a website (the body's official site); null when the platform cannot tell.</param>
public sealed record PageInfo(
    Platform Platform,
    string PageId,
    string ScreenName,
    string Title,
    int RegionCode,
    OrganisationKind Kind,
    bool HasGovernmentLabel,
    long Subscribers,
    bool HasDescription,
    bool HasAvatar,
    bool? HasContacts = null,
    bool? HasSite = null)
{
    public PageKey Key => new(Platform, PageId);

    /// <summary>The page's municipality as the registry gives it (not the platform: collection copies it from the registered page).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Municipality { get; init; }

    /// <summary>The registered organisation the page belongs to; null when unlinked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrganisationId { get; init; }

    /// <summary>The registered organisation's display name, if the registry gives one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrganisationName { get; init; }

    /// <summary>This page info with the registry's municipality and organisation of <paramref name="page"/>.</summary>
    public PageInfo WithAffiliation(RegisteredPage page) =>
        this with { Municipality = page.Municipality, OrganisationId = page.OrganisationId, OrganisationName = page.OrganisationName };
}

/// <summary>
/// One post with its counters at collection time. A counter is null when the platform does not report it: <see cref="Views"/>
/// for old VK posts, <see cref="Likes"/> and <see cref="Reposts"/> on MAX, whose Bot API gives views only.
/// </summary>
public sealed record Post(
    string PostId,
    DateTimeOffset PublishedAt,
    string Text,
    IReadOnlyDictionary<AttachmentKind, int> Attachments,
    bool IsRepost,
    long? Views,
    long? Likes,
    long? Reposts,
    long Comments)
{
    /// <summary>
    /// The post's public address as the platform gives it — VK's from the post's <c>owner_id</c>, MAX's the message's <c>url</c> — or null,
    /// where <see cref="PageUrls.Post(Platform, string, string?, string, string?)"/> composes it from the page (and raw snapshots written before it read as null).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }
}

/// <summary>A live broadcast ("эфир") of the page.</summary>
public sealed record LiveBroadcast(
    string BroadcastId,
    string Title,
    DateTimeOffset StartedAt,
    BroadcastStatus Status,
    long Views,
    long PeakViewers,
    int DurationSeconds);

/// <summary>A citizen's comment under a page's post and, if the page answered, when.</summary>
/// <param name="Text">A preview of the comment (<see cref="Preview"/>: whitespace collapsed, at most <see cref="TextLength"/> characters);
/// null when the collector does not read it (snapshots written before it was collected).</param>
public sealed record CitizenComment(
    string CommentId,
    string PostId,
    DateTimeOffset PostedAt,
    DateTimeOffset? RepliedAt,
    string? Text = null)
{
    /// <summary>Longest comment preview kept, in UTF-16 characters, the ellipsis included.</summary>
    public const int TextLength = 200;

    public bool IsAnswered => RepliedAt is not null;

    /// <summary>The preview collectors store: whitespace collapsed, cut to <see cref="TextLength"/> with an ellipsis; null when blank.</summary>
    public static string? Preview(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Summaries.TopContent.Preview(text, TextLength);
}

/// <summary>Everything collected for one page in one run.</summary>
/// <param name="Notices">What the collector could not fully read for this page; null or empty when nothing is missing.</param>
public sealed record PageSnapshot(
    PageInfo Page,
    IReadOnlyList<Post> Posts,
    IReadOnlyList<LiveBroadcast> Broadcasts,
    IReadOnlyList<CitizenComment> CitizenComments,
    IReadOnlyList<PageNotice>? Notices = null)
{
    /// <summary>True when the page's live broadcasts were collected, so that none found means none held.</summary>
    public bool BroadcastsCollected => Notices?.Contains(PageNotice.BroadcastsNotCollected) != true;
}

/// <summary>What a page's collection could not fully read. Answers carry it with the page; the dashboard shows it in Russian.</summary>
public enum PageNotice
{
    /// <summary>The page has more posts in the collection window than the collector reads (a per-page limit): the oldest are not counted.</summary>
    WallTruncated,

    /// <summary>Live broadcasts were not collected (no VK user token, a platform whose API the collector does not read them from, or a failed call): their counts are unknown, not zero.</summary>
    BroadcastsNotCollected,

    /// <summary>Comments under some of the page's posts could not be read: reply metrics are partial.</summary>
    CommentsIncomplete,
}

/// <summary>A page that could not be collected, with the reason.</summary>
/// <param name="Permanent">
/// True when retrying tomorrow will not help (the page is deleted, banned, closed or unknown): the registry records the reason
/// and the page is rechecked later instead of every day.
/// </param>
public sealed record SkippedPage(Platform Platform, string PageId, string Reason, bool Permanent = false);
