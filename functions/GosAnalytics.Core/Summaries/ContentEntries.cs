using System.Text.Json.Serialization;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Summaries;

/// <summary>The page a post or broadcast of a top list belongs to: its identity and grouping.</summary>
/// <param name="ScreenName">As the platform reported it ("" when none); with the page id it makes the page's and its posts' addresses.</param>
public sealed record ContentPage(Platform Platform, string PageId, string PageName, int RegionCode, OrganisationKind Kind, string ScreenName = "")
{
    /// <summary>The page's public address (<see cref="PageUrls.Page"/>); null when it has none.</summary>
    public string? PageUrl => PageUrls.Page(Platform, PageId, ScreenName);

    public static ContentPage Of(PageInfo page) => new(page.Platform, page.PageId, page.Title, page.RegionCode, page.Kind, page.ScreenName);

    /// <summary>
    /// The public address of the page's post <paramref name="postId"/>: <paramref name="given"/>, the post's own (<see cref="ContentPost.Url"/>,
    /// <see cref="PendingComment.Url"/>), else the one <see cref="PageUrls.Post"/> composes.
    /// </summary>
    public string? PostUrl(string postId, string? given) => PageUrls.Post(Platform, PageId, ScreenName, postId, given);
}

/// <summary>
/// A post as top lists and page profiles show it. Counters are those at collection time; <see cref="ErViews"/> = interactions ÷ views
/// (a fraction); likes, reposts and so interactions are null where the platform does not report them (MAX); <see cref="ContentScore"/> is the content-quality model's score of the post (null when it was not scored).
/// </summary>
/// <param name="Url">
/// The address the platform gave the post (<see cref="Post.Url"/>: VK's, MAX's); null where it gave none and in documents and tables written
/// before it. Answers serve <see cref="ContentPage.PostUrl"/>, which composes one when this is null.
/// </param>
public sealed record ContentPost(
    string PostId,
    DateTimeOffset PublishedAt,
    string TextPreview,
    IReadOnlyDictionary<string, int> Attachments,
    bool IsRepost,
    long? Views,
    long? Likes,
    long? Reposts,
    long Comments,
    long? Interactions,
    double? ErViews,
    double? ContentScore = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);

/// <summary>A live or ended broadcast as top lists show it.</summary>
public sealed record ContentBroadcast(
    string BroadcastId,
    string Title,
    DateTimeOffset StartedAt,
    BroadcastStatus Status,
    long Views,
    long PeakViewers,
    int DurationSeconds);

/// <summary>A candidate post with its page.</summary>
public sealed record ContentPostEntry(ContentPage Page, ContentPost Post);

/// <summary>A live or ended broadcast with its page.</summary>
public sealed record BroadcastEntry(ContentPage Page, ContentBroadcast Broadcast);
