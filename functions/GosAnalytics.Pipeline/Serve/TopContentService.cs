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
    Period Period,
    int? Region,
    string? RegionName,
    Platform? Platform,
    OrganisationKind? Kind,
    ContentSort Sort,
    long? MinViews,
    [property: JsonFlatten] ListPage<TopPostItem> Page);

/// <summary>One post of a top list, with its page.</summary>
public sealed record TopPostItem(int Rank, [property: JsonFlatten] ContentPage Page, [property: JsonFlatten] ContentPost Post);

/// <summary>The body of <c>GET /api/broadcasts/top</c>.</summary>
public sealed record TopBroadcastsResponse(
    [property: JsonFlatten] RunStamp Run,
    Period Period,
    int? Region,
    string? RegionName,
    Platform? Platform,
    [property: JsonFlatten] ListPage<TopBroadcastItem> Page);

/// <summary>One live ("live") or ended ("ended") broadcast, by views, with its page.</summary>
public sealed record TopBroadcastItem(int Rank, [property: JsonFlatten] ContentPage Page, [property: JsonFlatten] ContentBroadcast Broadcast);

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

/// <summary>Answers the top-content endpoints from the content snapshots aggregation wrote: the region's file when a region is given, else the national one.</summary>
public sealed class TopContentService(RankingReader reader)
{
    /// <summary>Null when no run has completed yet.</summary>
    public async Task<TopPostsResponse?> TopPostsAsync(TopPostsQuery query, CancellationToken cancellationToken)
    {
        var latest = await reader.GetLatestAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var snapshot = await reader.GetContentAsync(latest, query.Period, query.Region, cancellationToken);
        IEnumerable<ContentPostEntry> posts = snapshot?.Posts ?? [];
        if (query.Platform is { } platform)
        {
            posts = posts.Where(p => p.Page.Platform == platform);
        }

        if (query.Kind is { } kind)
        {
            posts = posts.Where(p => p.Page.Kind == kind);
        }

        var places = TopContent.Order(posts, query.Sort).Take(TopContent.MaxPlaces).ToList();
        return new TopPostsResponse(
            snapshot?.Run ?? latest,
            query.Period,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform,
            query.Kind,
            query.Sort,
            query.Sort == ContentSort.ErViews ? TopContent.MinViewsForErViews : null,
            ListPage<TopPostItem>.Of(places, query.Skip, query.Top, (entry, rank) => new TopPostItem(rank, entry.Page, entry.Post)));
    }

    /// <summary>Null when no run has completed yet.</summary>
    public async Task<TopBroadcastsResponse?> TopBroadcastsAsync(TopBroadcastsQuery query, CancellationToken cancellationToken)
    {
        var latest = await reader.GetLatestAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var snapshot = await reader.GetContentAsync(latest, query.Period, query.Region, cancellationToken);
        IEnumerable<BroadcastEntry> broadcasts = snapshot?.Broadcasts ?? [];
        if (query.Platform is { } platform)
        {
            broadcasts = broadcasts.Where(b => b.Page.Platform == platform);
        }

        var sorted = TopContent.Order(broadcasts).ToList();
        return new TopBroadcastsResponse(
            snapshot?.Run ?? latest,
            query.Period,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform,
            ListPage<TopBroadcastItem>.Of(sorted, query.Skip, query.Top, (entry, rank) => new TopBroadcastItem(rank, entry.Page, entry.Broadcast)));
    }
}
