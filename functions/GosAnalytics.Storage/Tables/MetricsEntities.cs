using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// One page's metrics of one period on one metric day, a row of table <c>pagemetrics</c> (partition = page key, row key =
/// <see cref="RowKeyOf"/>). Property names are the column names; every reader uses this type, never column strings.
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

    public long? Interactions { get; set; }

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

    /// <summary>Null when the page's broadcasts were not collected.</summary>
    public int? Broadcasts { get; set; }

    public long? BroadcastViews { get; set; }

    public long? BroadcastPeakViewers { get; set; }

    public double ProfileCompleteness { get; set; }

    public double? ContentQualityMedian { get; set; }

    public string? ContentModelVersion { get; set; }

    /// <summary>
    /// <c>yyyyMMdd-period-pageid</c>: day first, so that a page's history is a row-key range of its partition. The page id repeats what
    /// the partition says because Azurite finds an entity through an index on the row key first: a row key that every page shares on a
    /// day made each write scan all pages of the day (docs/benchmarks.md, "Azurite's cost model"); on Azure the suffix costs nothing.
    /// </summary>
    public static string RowKeyOf(DateOnly day, Period period, string pageId) => $"{DayPrefix(day)}-{period.ToCode()}-{pageId}";

    /// <summary>The row-key prefix of a day (<c>yyyyMMdd</c>): the bound of a history range.</summary>
    public static string DayPrefix(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The Moscow day of a row key (its first eight characters).</summary>
    public static DateOnly DayOf(string rowKey) => DateOnly.ParseExact(rowKey[..8], "yyyyMMdd", CultureInfo.InvariantCulture);

    public static PageMetricsEntity From(PageMetrics m) => new()
    {
        PartitionKey = m.Page.Key.ToStorageKey(),
        RowKey = RowKeyOf(m.MetricDay, m.Period, m.Page.PageId),
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
