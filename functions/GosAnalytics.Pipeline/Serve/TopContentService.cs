using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/posts/top</c>.</summary>
/// <param name="MinViews">For <c>sort=erViews</c>, the views a post needs to be ranked (<see cref="TopContent.MinViewsForErViews"/>); otherwise null.</param>
/// <param name="Page">Its total counts the places available under the filters, at most <see cref="TopContent.MaxPlaces"/>.</param>
public sealed record TopPostsResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    int? Region,
    string? RegionName,
    Platform? Platform,
    OrganisationKind? Kind,
    ContentSort Sort,
    long? MinViews,
    [property: JsonFlatten] ListPage<TopPostItem> Page);

/// <summary>One post of a top list, with its page.</summary>
/// <remarks>
/// <c>url</c> is the post's public address — the platform's own (VK, MAX) or composed (<see cref="ContentPage.PostUrl"/>); null where there is
/// none (a MAX channel without a public name) — and <c>pageUrl</c> its page's.
/// </remarks>
public sealed record TopPostItem(int Rank, [property: JsonFlatten] ContentPage Page, [property: JsonFlatten] ContentPost Post)
{
    public string? Url => Page.PostUrl(Post.PostId, Post.Url);
}

/// <summary>The body of <c>GET /api/broadcasts/top</c>.</summary>
public sealed record TopBroadcastsResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    int? Region,
    string? RegionName,
    Platform? Platform,
    [property: JsonFlatten] ListPage<TopBroadcastItem> Page);

/// <summary>One live ("live") or ended ("ended") broadcast, by views, with its page.</summary>
/// <remarks><c>url</c> is the broadcast's public address (VK: the community's video), <c>pageUrl</c> its page's.</remarks>
public sealed record TopBroadcastItem(int Rank, [property: JsonFlatten] ContentPage Page, [property: JsonFlatten] ContentBroadcast Broadcast)
{
    public string? Url => PageUrls.Broadcast(Page.Platform, Page.PageId, Page.ScreenName, Broadcast.BroadcastId);
}

/// <summary>The body of <c>GET /api/comments/unanswered</c>.</summary>
/// <param name="AsOf">The end of the served metric day (Moscow): ages are counted to it.</param>
public sealed record UnansweredCommentsResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    int? Region,
    string? RegionName,
    Platform? Platform,
    OrganisationKind? Kind,
    DateTimeOffset AsOf,
    [property: JsonFlatten] ListPage<UnansweredCommentItem> Page);

/// <summary>
/// A citizen's comment left unanswered, with its page: <c>ageHours</c> since it was written (to the end of the metric day), <c>url</c> the
/// address of the post it is under (the platform's own or composed, <see cref="ContentPage.PostUrl"/>; null where there is none), <c>pageUrl</c> the page's.
/// </summary>
public sealed record UnansweredCommentItem(int Rank, [property: JsonFlatten] ContentPage Page, [property: JsonFlatten] PendingComment Comment, double AgeHours)
{
    public string? Url => Page.PostUrl(Comment.PostId, Comment.Url);
}

/// <summary>The filters and paging of <c>GET /api/comments/unanswered</c>.</summary>
public sealed record UnansweredCommentsQuery(int? Region, Platform? Platform, OrganisationKind? Kind, int Top, int Skip)
{
    public const int MaxTop = UnansweredComments.KeptPerPlatform;
    public const int DefaultTop = 20;
    public const int MaxSkip = 4 * UnansweredComments.KeptPerPlatform;
}

/// <summary>The filters and paging of <c>GET /api/posts/top</c>.</summary>
public sealed record TopPostsQuery(int? Region, Platform? Platform, OrganisationKind? Kind, Period Period, ContentSort Sort, int Top, int Skip)
{
    public const int MaxTop = 100;
    public const int DefaultTop = 20;
    public const int MaxSkip = TopContent.MaxPlaces - 1;
}

/// <summary>The filters and paging of <c>GET /api/broadcasts/top</c>.</summary>
public sealed record TopBroadcastsQuery(int? Region, Platform? Platform, Period Period, int Top, int Skip)
{
    public const int MaxTop = 100;
    public const int DefaultTop = 20;
    public const int MaxSkip = RankingQuery.MaxSkip;
}

/// <summary>
/// Answers the top-content endpoints from the content tables aggregation wrote: the region's when a region is given, else the
/// country's, walked in the sort's precomputed order.
/// </summary>
public sealed class TopContentService(RankingReader reader)
{
    /// <summary>Null when no run is served yet.</summary>
    public async Task<TopPostsResponse?> TopPostsAsync(TopPostsQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var table = await reader.GetContentTableAsync(latest, query.Period, query.Region, cancellationToken);
        var places = table is null ? [] : Filter(table, table.OrderOf(query.Sort), query.Platform, query.Kind, table.PostPages, TopContent.MaxPlaces);
        return new TopPostsResponse(
            table?.Run ?? latest,
            ServedRuns.Of(served),
            query.Period,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform,
            query.Kind,
            query.Sort,
            query.Sort == ContentSort.ErViews ? TopContent.MinViewsForErViews : null,
            ListPage<TopPostItem>.Of(places, query.Skip, query.Top, (position, rank) =>
            {
                var entry = table!.PostAt(position);
                return new TopPostItem(rank, entry.Page, entry.Post);
            }));
    }

    /// <summary>Null when no run is served yet.</summary>
    public async Task<TopBroadcastsResponse?> TopBroadcastsAsync(TopBroadcastsQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var table = await reader.GetContentTableAsync(latest, query.Period, query.Region, cancellationToken);
        var places = table is null ? [] : Filter(table, [.. Enumerable.Range(0, table.BroadcastCount)], query.Platform, null, table.BroadcastPages, int.MaxValue);
        return new TopBroadcastsResponse(
            table?.Run ?? latest,
            ServedRuns.Of(served),
            query.Period,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform,
            ListPage<TopBroadcastItem>.Of(places, query.Skip, query.Top, (position, rank) =>
            {
                var entry = table!.BroadcastAt(position);
                return new TopBroadcastItem(rank, entry.Page, entry.Broadcast);
            }));
    }

    /// <summary>The comments left unanswered longest in the scope, oldest first; null when no run is served yet.</summary>
    public async Task<UnansweredCommentsResponse?> UnansweredAsync(UnansweredCommentsQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var snapshot = await reader.GetUnansweredAsync(latest, query.Region, cancellationToken);
        var asOf = MoscowTime.EndOfDay(latest.MetricDay);
        var matching = (snapshot?.Comments ?? [])
            .Where(c => (query.Platform is null || c.Page.Platform == query.Platform) && (query.Kind is null || c.Page.Kind == query.Kind))
            .ToList();
        return new UnansweredCommentsResponse(
            snapshot?.Run ?? latest,
            ServedRuns.Of(served),
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform,
            query.Kind,
            asOf,
            ListPage<UnansweredCommentItem>.Of(matching, query.Skip, query.Top, (entry, rank) =>
                new UnansweredCommentItem(rank, entry.Page, entry.Comment, Math.Round((asOf - entry.Comment.PostedAt).TotalHours, 1))));
    }

    /// <summary>The positions of <paramref name="order"/> whose page passes the filters, at most <paramref name="limit"/>.</summary>
    private static List<int> Filter(ContentTable table, int[] order, Platform? platform, OrganisationKind? kind, int[] pageOf, int limit)
    {
        var places = new List<int>();
        foreach (var position in order)
        {
            var page = pageOf[position];
            if ((platform is null || table.PagePlatforms[page] == platform) && (kind is null || table.PageKinds[page] == kind))
            {
                places.Add(position);
                if (places.Count == limit)
                {
                    break;
                }
            }
        }

        return places;
    }
}
