using System.Text.Json.Serialization;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Summaries;

/// <summary>A citizen's comment the page has not answered (as of the collection), with what the dashboard shows of it.</summary>
/// <param name="Text">The comment's preview (<see cref="CitizenComment.Preview"/>); null when the collector did not read it.</param>
/// <param name="Url">
/// The address the platform gave the post the comment is under (<see cref="Post.Url"/>); null where it gave none, where the post is not
/// among the snapshot's and in documents written before it. Answers serve <see cref="ContentPage.PostUrl"/>, which composes one when this is null.
/// </param>
public sealed record PendingComment(
    string CommentId,
    string PostId,
    DateTimeOffset PostedAt,
    string? Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);

/// <summary>An unanswered comment with its page.</summary>
public sealed record PendingCommentEntry(ContentPage Page, PendingComment Comment);

/// <summary>
/// The citizens' comments left unanswered longest (docs/metrics.md §8.5): the score step keeps each page's oldest unanswered comments,
/// aggregation the oldest of each scope (the country, each region) — <see cref="KeptPerPlatform"/> of each platform, so that a list
/// filtered by platform is exact to that depth.
/// </summary>
public static class UnansweredComments
{
    /// <summary>Comments kept per platform of a scope, and per page by the score step.</summary>
    public const int KeptPerPlatform = 100;

    /// <summary>The oldest first; ties by identity, so that lists are deterministic.</summary>
    public static IOrderedEnumerable<PendingCommentEntry> Order(IEnumerable<PendingCommentEntry> comments) =>
        comments
            .OrderBy(c => c.Comment.PostedAt)
            .ThenBy(c => c.Page.Platform)
            .ThenBy(c => c.Page.PageId, StringComparer.Ordinal)
            .ThenBy(c => c.Comment.CommentId, StringComparer.Ordinal);

    /// <summary>
    /// A page's citizens' comments not answered by the end of the collection (<paramref name="asOf"/>), oldest first, at most
    /// <see cref="KeptPerPlatform"/>, each with the address the platform gave its post among <paramref name="posts"/> (the page's).
    /// </summary>
    public static IReadOnlyList<PendingComment> OfPage(IEnumerable<CitizenComment> comments, DateTimeOffset asOf, IEnumerable<Post> posts)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            if (post.Url is { } url)
            {
                urls.TryAdd(post.PostId, url);
            }
        }

        return [.. comments
            .Where(c => c.RepliedAt is null && c.PostedAt <= asOf)
            .DistinctBy(c => c.CommentId, StringComparer.Ordinal)
            .OrderBy(c => c.PostedAt)
            .ThenBy(c => c.CommentId, StringComparer.Ordinal)
            .Take(KeptPerPlatform)
            .Select(c => new PendingComment(c.CommentId, c.PostId, c.PostedAt, c.Text, urls.GetValueOrDefault(c.PostId)))];
    }

    /// <summary>What a scope keeps of <paramref name="comments"/>: the oldest <see cref="KeptPerPlatform"/> of each platform, oldest first.</summary>
    public static IReadOnlyList<PendingCommentEntry> Keep(IEnumerable<PendingCommentEntry> comments) =>
        [.. Order(comments.GroupBy(c => c.Page.Platform).SelectMany(platform => Order(platform).Take(KeptPerPlatform)))];
}
