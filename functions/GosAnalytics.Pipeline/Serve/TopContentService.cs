using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/posts/top</c>.</summary>
/// <param name="MinViews">For <c>sort=erViews</c>, the views a post needs to be ranked (<see cref="TopContent.MinViewsForErViews"/>); otherwise null.</param>
/// <param name="Total">Places available under the filters, at most <see cref="TopContent.MaxPlaces"/>.</param>
public sealed record TopPostsResponse(
    string RunId,
    DateOnly MetricDay,
    string Period,
    string Source,
    bool IsDemo,
    string? Notice,
    DateTimeOffset GeneratedAt,
    int? Region,
    string? RegionName,
    string? Platform,
    string? Kind,
    string Sort,
    long? MinViews,
    int Total,
    int Skip,
    int Top,
    IReadOnlyList<TopPostItem> Items);

/// <summary>One post of a top list. Counters are those at collection time; <see cref="ErViews"/> = interactions ÷ views (a fraction).</summary>
public sealed record TopPostItem(
    int Rank,
    string Platform,
    string PageId,
    string PageName,
    int RegionCode,
    string Kind,
    string PostId,
    DateTimeOffset PublishedAt,
    string TextPreview,
    IReadOnlyDictionary<string, int> Attachments,
    bool IsRepost,
    long? Views,
    long Likes,
    long Reposts,
    long Comments,
    long Interactions,
    double? ErViews);

/// <summary>The body of <c>GET /api/broadcasts/top</c>.</summary>
public sealed record TopBroadcastsResponse(
    string RunId,
    DateOnly MetricDay,
    string Period,
    string Source,
    bool IsDemo,
    string? Notice,
    DateTimeOffset GeneratedAt,
    int? Region,
    string? RegionName,
    string? Platform,
    int Total,
    int Skip,
    int Top,
    IReadOnlyList<TopBroadcastItem> Items);

/// <summary>One live ("live") or ended ("ended") broadcast, by views.</summary>
public sealed record TopBroadcastItem(
    int Rank,
    string Platform,
    string PageId,
    string PageName,
    int RegionCode,
    string Kind,
    string BroadcastId,
    string Title,
    DateTimeOffset StartedAt,
    string Status,
    long Views,
    long PeakViewers,
    int DurationSeconds);

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
            posts = posts.Where(p => p.Platform == platform);
        }

        if (query.Kind is { } kind)
        {
            posts = posts.Where(p => p.Kind == kind);
        }

        var places = TopContent.Order(posts, query.Sort).Take(TopContent.MaxPlaces).ToList();
        var items = places
            .Skip(query.Skip)
            .Take(query.Top)
            .Select((post, i) => ToItem(post, query.Skip + i + 1))
            .ToList();
        return new TopPostsResponse(
            latest.RunId,
            latest.MetricDay,
            query.Period.ToCode(),
            latest.Source,
            latest.IsDemo,
            ResponseLabels.NoticeFor(latest),
            snapshot?.GeneratedAt ?? latest.CompletedAt,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform?.ToCode(),
            query.Kind?.ToCode(),
            query.Sort.ToCode(),
            query.Sort == ContentSort.ErViews ? TopContent.MinViewsForErViews : null,
            places.Count,
            query.Skip,
            query.Top,
            items);
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
            broadcasts = broadcasts.Where(b => b.Platform == platform);
        }

        var sorted = TopContent.Order(broadcasts).ToList();
        var items = sorted
            .Skip(query.Skip)
            .Take(query.Top)
            .Select((broadcast, i) => ToItem(broadcast, query.Skip + i + 1))
            .ToList();
        return new TopBroadcastsResponse(
            latest.RunId,
            latest.MetricDay,
            query.Period.ToCode(),
            latest.Source,
            latest.IsDemo,
            ResponseLabels.NoticeFor(latest),
            snapshot?.GeneratedAt ?? latest.CompletedAt,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Platform?.ToCode(),
            sorted.Count,
            query.Skip,
            query.Top,
            items);
    }

    private static TopPostItem ToItem(ContentPostEntry p, int rank) => new(
        rank,
        p.Platform.ToCode(),
        p.PageId,
        p.PageName,
        p.RegionCode,
        p.Kind.ToCode(),
        p.PostId,
        p.PublishedAt,
        p.TextPreview,
        p.Attachments,
        p.IsRepost,
        p.Views,
        p.Likes,
        p.Reposts,
        p.Comments,
        p.Interactions,
        p.ErViews);

    private static TopBroadcastItem ToItem(BroadcastEntry b, int rank) => new(
        rank,
        b.Platform.ToCode(),
        b.PageId,
        b.PageName,
        b.RegionCode,
        b.Kind.ToCode(),
        b.BroadcastId,
        b.Title,
        b.StartedAt,
        b.Status.ToCode(),
        b.Views,
        b.PeakViewers,
        b.DurationSeconds);
}
