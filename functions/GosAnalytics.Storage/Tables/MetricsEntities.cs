using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// One page's metrics of one period on one metric day, a row of table <c>pagemetrics</c> (partition = page key,
/// row key = <c>yyyyMMdd-period</c>). Property names are the column names; every reader uses this type, never column strings.
/// </summary>
public sealed class PageMetricsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Platform { get; set; } = "";

    public string PageId { get; set; } = "";

    public string ScreenName { get; set; } = "";

    public string Title { get; set; } = "";

    public int RegionCode { get; set; }

    public string Kind { get; set; } = "";

    public bool HasGovernmentLabel { get; set; }

    public long Subscribers { get; set; }

    /// <summary>yyyy-MM-dd, Moscow day.</summary>
    public string MetricDay { get; set; } = "";

    public string Period { get; set; } = "";

    public int Posts { get; set; }

    public double PostsPerWeek { get; set; }

    public long Views { get; set; }

    public long Interactions { get; set; }

    public double? ErViewsMedian { get; set; }

    public double? ErSubscribersMedian { get; set; }

    public double? ReachRateMedian { get; set; }

    public double? ViralityMedian { get; set; }

    public double? DiscussionMedian { get; set; }

    public int CitizenComments { get; set; }

    public int AnsweredComments { get; set; }

    public double? AnsweredShare { get; set; }

    public double? MedianAnswerHours { get; set; }

    public double? SubscriberGrowth { get; set; }

    public int Broadcasts { get; set; }

    public long BroadcastViews { get; set; }

    public long BroadcastPeakViewers { get; set; }

    public double ProfileCompleteness { get; set; }

    public double? ContentQualityMedian { get; set; }

    public string? ContentModelVersion { get; set; }

    public static string RowKeyOf(DateOnly day, Period period) => $"{day:yyyyMMdd}-{period.ToCode()}";

    /// <summary>The Moscow day of a row key (its first eight characters).</summary>
    public static DateOnly DayOf(string rowKey) => DateOnly.ParseExact(rowKey[..8], "yyyyMMdd", CultureInfo.InvariantCulture);

    public static PageMetricsEntity From(PageMetrics m) => new()
    {
        PartitionKey = m.Page.Key.ToStorageKey(),
        RowKey = RowKeyOf(m.MetricDay, m.Period),
        Platform = m.Page.Platform.ToCode(),
        PageId = m.Page.PageId,
        ScreenName = m.Page.ScreenName,
        Title = m.Page.Title,
        RegionCode = m.Page.RegionCode,
        Kind = m.Page.Kind.ToCode(),
        HasGovernmentLabel = m.Page.HasGovernmentLabel,
        Subscribers = m.Page.Subscribers,
        MetricDay = m.MetricDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Period = m.Period.ToCode(),
        Posts = m.Posts,
        PostsPerWeek = m.PostsPerWeek,
        Views = m.Views,
        Interactions = m.Interactions,
        ErViewsMedian = m.ErViewsMedian,
        ErSubscribersMedian = m.ErSubscribersMedian,
        ReachRateMedian = m.ReachRateMedian,
        ViralityMedian = m.ViralityMedian,
        DiscussionMedian = m.DiscussionMedian,
        CitizenComments = m.CitizenComments,
        AnsweredComments = m.AnsweredComments,
        AnsweredShare = m.AnsweredShare,
        MedianAnswerHours = m.MedianAnswerHours,
        SubscriberGrowth = m.SubscriberGrowth,
        Broadcasts = m.Broadcasts,
        BroadcastViews = m.BroadcastViews,
        BroadcastPeakViewers = m.BroadcastPeakViewers,
        ProfileCompleteness = m.ProfileCompleteness,
        ContentQualityMedian = m.ContentQualityMedian,
        ContentModelVersion = m.ContentModelVersion,
    };
}

/// <summary>
/// The latest counters of one post, a row of table <c>postmetrics</c> (partition = page key, row key = post id), rewritten each day
/// the post is in the collection window. Property names are the column names.
/// </summary>
internal sealed class PostMetricsEntity : ITableEntity
{
    public const int TextPreviewLength = 280;

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>yyyy-MM-dd: the last metric day the post was collected on.</summary>
    public string LastSeenDay { get; set; } = "";

    public bool IsRepost { get; set; }

    public string TextPreview { get; set; } = "";

    public int TextLength { get; set; }

    /// <summary>Attachment kinds and counts, <c>photo:3,video:1</c>, kinds in code order.</summary>
    public string Attachments { get; set; } = "";

    public long? Views { get; set; }

    public long Likes { get; set; }

    public long Reposts { get; set; }

    public long Comments { get; set; }

    public double? ErViews { get; set; }

    public double? ErSubscribers { get; set; }

    public double? ReachRate { get; set; }

    public double? Virality { get; set; }

    public double? Discussion { get; set; }

    public double? ContentScore { get; set; }

    public string? ContentModelVersion { get; set; }

    public static PostMetricsEntity From(PageKey page, DateOnly metricDay, Post post, PostMetrics m) => new()
    {
        PartitionKey = page.ToStorageKey(),
        RowKey = post.PostId,
        PublishedAt = post.PublishedAt,
        LastSeenDay = metricDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IsRepost = post.IsRepost,
        TextPreview = post.Text.Length <= TextPreviewLength ? post.Text : post.Text[..TextPreviewLength],
        TextLength = post.Text.Length,
        Attachments = string.Join(",", post.Attachments.OrderBy(a => a.Key).Select(a => $"{a.Key.ToCode()}:{a.Value}")),
        Views = m.Views,
        Likes = m.Likes,
        Reposts = m.Reposts,
        Comments = m.Comments,
        ErViews = m.ErViews,
        ErSubscribers = m.ErSubscribers,
        ReachRate = m.ReachRate,
        Virality = m.Virality,
        Discussion = m.Discussion,
        ContentScore = m.ContentScore,
        ContentModelVersion = m.ContentModelVersion,
    };
}
