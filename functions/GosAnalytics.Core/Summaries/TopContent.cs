using System.Text;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Core.Summaries;

/// <summary>What a top-content list can be sorted by.</summary>
public enum ContentSort
{
    /// <summary>I = likes + reposts + comments. Every post qualifies.</summary>
    Interactions,

    /// <summary>V, the platform's view counter. Posts whose views are not reported do not qualify.</summary>
    Views,

    /// <summary>ER by views, I ÷ V. Only posts with V ≥ <see cref="TopContent.MinViewsForErViews"/> qualify.</summary>
    ErViews,
}

/// <summary>
/// A page's posts and broadcasts as the score step writes them (<c>ScoredContent</c>): its posts — with the periods whose top-content
/// lists each is a candidate for, by any <see cref="ContentSort"/> — and its broadcasts of the collection window.
/// </summary>
/// <param name="Unanswered">The page's citizens' comments left unanswered longest (<see cref="UnansweredComments.OfPage"/>); null in documents written before.</param>
public sealed record PageContent(
    Platform Platform,
    string PageId,
    IReadOnlyList<CandidatePost> Posts,
    IReadOnlyList<CandidateBroadcast> Broadcasts,
    IReadOnlyList<PendingComment>? Unanswered = null);

/// <summary>A post, and the periods in which it is among its page's best (none: it is not a top-content candidate).</summary>
public sealed record CandidatePost(ContentPost Post, IReadOnlyList<Period> Periods);

/// <summary>A live or ended broadcast that started in each of the listed <paramref name="Periods"/>.</summary>
public sealed record CandidateBroadcast(ContentBroadcast Broadcast, IReadOnlyList<Period> Periods);

/// <summary>
/// Selection and ordering of the best posts and broadcasts (docs/metrics.md §8.2). The score step keeps, per page and period,
/// the <see cref="CandidatesPerPage"/> best posts by each sort key; aggregation merges them into national and regional lists.
/// One page therefore fills at most <see cref="CandidatesPerPage"/> places of any list, which keeps the lists varied.
/// </summary>
public static class TopContent
{
    /// <summary>Posts a page contributes per period and sort key.</summary>
    public const int CandidatesPerPage = 10;

    /// <summary>
    /// ER by views is ranked only for posts with at least this many views: with a tiny denominator the ratio is noise
    /// (3 likes on 4 views is "75 %"), and such posts would fill the top of the list without having reached anyone.
    /// </summary>
    public const long MinViewsForErViews = 100;

    /// <summary>Places served of any top-posts list. Stored lists keep what it takes to serve them exactly under any filter.</summary>
    public const int MaxPlaces = 500;

    /// <summary>Longest post preview, in UTF-16 characters, the ellipsis included.</summary>
    public const int PreviewLength = 280;

    /// <summary>Whether a post can be ranked by <paramref name="sort"/>.</summary>
    public static bool Qualifies(ContentSort sort, long? interactions, long? views, double? erViews) => sort switch
    {
        ContentSort.Interactions => interactions is not null,
        ContentSort.Views => views is not null,
        ContentSort.ErViews => views >= MinViewsForErViews && erViews is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    /// <summary>The value a post is ranked by; meaningful only when it <see cref="Qualifies"/>.</summary>
    public static double Value(ContentSort sort, long? interactions, long? views, double? erViews) => sort switch
    {
        ContentSort.Interactions => interactions ?? 0,
        ContentSort.Views => views ?? 0,
        ContentSort.ErViews => erViews ?? 0,
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    /// <summary>
    /// The page's candidates for <paramref name="metricDay"/>: for each period, the <see cref="CandidatesPerPage"/> best qualifying
    /// posts by each sort key (ties by post id), merged; and every live or ended broadcast that started in the collection window.
    /// Pure: the same snapshot gives the same candidates.
    /// </summary>
    public static PageContent SelectCandidates(PageSnapshot snapshot, DateOnly metricDay)
    {
        var all = Describe(snapshot, metricDay, null);
        return all with { Posts = [.. all.Posts.Where(p => p.Periods.Count > 0)] };
    }

    /// <summary>
    /// Every post of the page (by post id) with the periods it is a candidate for (<see cref="SelectCandidates"/>) and its content score
    /// (<paramref name="contentScores"/>, aligned with the snapshot's posts), and the broadcasts as <see cref="SelectCandidates"/> gives them.
    /// </summary>
    public static PageContent Describe(PageSnapshot snapshot, DateOnly metricDay, IReadOnlyList<float>? contentScores)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var end = MoscowTime.EndOfDay(metricDay);
        var metrics = snapshot.Posts.Select((post, i) => (Post: post, Metrics: PostMetricsCalculator.Compute(post, snapshot.Page.Subscribers), Score: contentScores?[i])).ToList();
        var periodsOf = new Dictionary<string, List<Period>>(StringComparer.Ordinal);
        foreach (var period in EnumCodes.All<Period>())
        {
            var start = period.StartUtc(metricDay);
            var inPeriod = metrics.Where(p => p.Post.PublishedAt >= start && p.Post.PublishedAt < end).ToList();
            var chosen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sort in EnumCodes.All<ContentSort>())
            {
                var best = inPeriod
                    .Where(p => Qualifies(sort, p.Metrics.Interactions, p.Metrics.Views, p.Metrics.ErViews))
                    .OrderByDescending(p => Value(sort, p.Metrics.Interactions, p.Metrics.Views, p.Metrics.ErViews))
                    .ThenBy(p => p.Post.PostId, StringComparer.Ordinal)
                    .Take(CandidatesPerPage);
                foreach (var (post, _, _) in best)
                {
                    if (chosen.Add(post.PostId))
                    {
                        (periodsOf.TryGetValue(post.PostId, out var list) ? list : periodsOf[post.PostId] = []).Add(period);
                    }
                }
            }
        }

        var posts = metrics
            .GroupBy(p => p.Post.PostId, StringComparer.Ordinal) // a platform that repeats a post id must not double it
            .Select(g => g.First())
            .OrderBy(p => p.Post.PostId, StringComparer.Ordinal)
            .Select(p => new CandidatePost(
                new ContentPost(
                p.Post.PostId,
                p.Post.PublishedAt,
                Preview(p.Post.Text),
                AttachmentSummary(p.Post.Attachments),
                p.Post.IsRepost,
                p.Metrics.Views,
                p.Metrics.Likes,
                p.Metrics.Reposts,
                p.Metrics.Comments,
                p.Metrics.Interactions,
                p.Metrics.ErViews,
                p.Score is { } score ? Math.Round(score, 4) : null,
                p.Post.Url),
                periodsOf.TryGetValue(p.Post.PostId, out var periods) ? periods : []))
            .ToList();

        // The same rule as the broadcast metrics (docs/metrics.md §3.5): started in the period, live or ended.
        var broadcasts = snapshot.Broadcasts
            .Where(b => b.Status != BroadcastStatus.Upcoming)
            .Select(b => (Broadcast: b, Periods: EnumCodes.All<Period>().Where(period => b.StartedAt >= period.StartUtc(metricDay) && b.StartedAt < end).ToList()))
            .Where(b => b.Periods.Count > 0)
            .GroupBy(b => b.Broadcast.BroadcastId, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(b => b.Broadcast.BroadcastId, StringComparer.Ordinal)
            .Select(b => new CandidateBroadcast(
                new ContentBroadcast(
                b.Broadcast.BroadcastId,
                b.Broadcast.Title,
                b.Broadcast.StartedAt,
                b.Broadcast.Status,
                b.Broadcast.Views,
                b.Broadcast.PeakViewers,
                b.Broadcast.DurationSeconds),
                b.Periods))
            .ToList();
        return new PageContent(snapshot.Page.Platform, snapshot.Page.PageId, posts, broadcasts, UnansweredComments.OfPage(snapshot.CitizenComments, end, snapshot.Posts));
    }

    /// <summary>
    /// The list by <paramref name="sort"/>: qualifying entries, best first, ties in a stable identity order (platform, page, post) so that
    /// places are deterministic, and at most <see cref="CandidatesPerPage"/> of any one page. A page's candidates include its best by the
    /// other keys too; the cap keeps exactly its best by this key.
    /// </summary>
    public static IEnumerable<ContentPostEntry> Order(IEnumerable<ContentPostEntry> posts, ContentSort sort) =>
        CapPerPage(posts
            .Where(p => Qualifies(sort, p.Post.Interactions, p.Post.Views, p.Post.ErViews))
            .OrderByDescending(p => Value(sort, p.Post.Interactions, p.Post.Views, p.Post.ErViews))
            .ThenBy(p => p.Page.Platform)
            .ThenBy(p => p.Page.PageId, StringComparer.Ordinal)
            .ThenBy(p => p.Post.PostId, StringComparer.Ordinal));

    private static IEnumerable<ContentPostEntry> CapPerPage(IEnumerable<ContentPostEntry> sorted)
    {
        var placed = new Dictionary<(Platform, string), int>();
        foreach (var post in sorted)
        {
            var page = (post.Page.Platform, post.Page.PageId);
            var count = placed.GetValueOrDefault(page);
            if (count < CandidatesPerPage)
            {
                placed[page] = count + 1;
                yield return post;
            }
        }
    }

    /// <summary>Most views first; ties by peak viewers, then identity.</summary>
    public static IOrderedEnumerable<BroadcastEntry> Order(IEnumerable<BroadcastEntry> broadcasts) =>
        broadcasts
            .OrderByDescending(b => b.Broadcast.Views)
            .ThenByDescending(b => b.Broadcast.PeakViewers)
            .ThenBy(b => b.Page.Platform)
            .ThenBy(b => b.Page.PageId, StringComparer.Ordinal)
            .ThenBy(b => b.Broadcast.BroadcastId, StringComparer.Ordinal);

    /// <summary>
    /// The posts that can ever be served from a list: for each sort key and each (platform, kind) group, its best <see cref="MaxPlaces"/>.
    /// Any filter by platform and/or kind selects a union of whole groups, so its first <see cref="MaxPlaces"/> places are all kept.
    /// Returned in the default order (by interactions).
    /// </summary>
    public static IReadOnlyList<ContentPostEntry> KeepServable(IReadOnlyList<ContentPostEntry> posts)
    {
        var servable = new ServablePosts();
        servable.Add(posts);
        return servable.Kept();
    }

    /// <summary>The order of <see cref="Order(IEnumerable{ContentPostEntry}, ContentSort)"/> between two qualifying posts.</summary>
    internal static int Compare(ContentPostEntry a, ContentPostEntry b, ContentSort sort)
    {
        var byValue = Value(sort, b.Post.Interactions, b.Post.Views, b.Post.ErViews).CompareTo(Value(sort, a.Post.Interactions, a.Post.Views, a.Post.ErViews));
        if (byValue != 0)
        {
            return byValue;
        }

        var byPlatform = a.Page.Platform.CompareTo(b.Page.Platform);
        if (byPlatform != 0)
        {
            return byPlatform;
        }

        var byPage = string.CompareOrdinal(a.Page.PageId, b.Page.PageId);
        return byPage != 0 ? byPage : string.CompareOrdinal(a.Post.PostId, b.Post.PostId);
    }

    /// <summary>
    /// The text as one line of at most <paramref name="maxLength"/> characters: runs of whitespace become one space; a longer text is cut
    /// at a word boundary near the limit (never inside a surrogate pair) and ends with "…".
    /// </summary>
    public static string Preview(string? text, int maxLength = PreviewLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var builder = new StringBuilder(Math.Min(text?.Length ?? 0, maxLength + 1));
        var pendingSpace = false;
        foreach (var c in text ?? "")
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
            if (builder.Length > maxLength)
            {
                break;
            }
        }

        if (builder.Length <= maxLength)
        {
            return builder.ToString();
        }

        // Keep maxLength − 1 characters and add the ellipsis; builder[cut] is the first character dropped.
        var cut = maxLength - 1;
        if (char.IsLowSurrogate(builder[cut]))
        {
            cut--;
        }

        var head = builder.ToString(0, cut);
        var lastSpace = head.LastIndexOf(' ');
        if (lastSpace > 0 && lastSpace >= cut - 40)
        {
            head = head[..lastSpace];
        }

        return head.TrimEnd() + "…";
    }

    /// <summary>Attachment kind code (photo, video, …) → count, in a fixed order, only the kinds present.</summary>
    public static IReadOnlyDictionary<string, int> AttachmentSummary(IReadOnlyDictionary<AttachmentKind, int>? attachments)
    {
        var summary = new Dictionary<string, int>(StringComparer.Ordinal);
        if (attachments is null)
        {
            return summary;
        }

        foreach (var kind in Enum.GetValues<AttachmentKind>())
        {
            if (attachments.TryGetValue(kind, out var count) && count > 0)
            {
                summary[kind.ToCode()] = count;
            }
        }

        return summary;
    }
}
