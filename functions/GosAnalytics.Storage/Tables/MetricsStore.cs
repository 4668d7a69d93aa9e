using System.Globalization;
using Azure.Data.Tables;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// Page metrics history (table <c>pagemetrics</c>: partition = page key, row key = <c>yyyyMMdd-period</c>) and
/// the latest metrics of each post (table <c>postmetrics</c>: partition = page key, row key = post id).
/// Keys are deterministic, writes are upserts: scoring a batch again leaves the same rows.
/// </summary>
public sealed class MetricsStore(StorageClients clients)
{
    private const int MaxTransactionSize = 100;

    private TableClient PageTable => clients.Table(StorageNames.PageMetricsTable);

    private TableClient PostTable => clients.Table(StorageNames.PostMetricsTable);

    public static string RowKeyOf(DateOnly day, Period period) => $"{day:yyyyMMdd}-{period.ToCode()}";

    /// <summary>Subscribers on the days before <paramref name="metricDay"/> (up to the longest period back), from the page's history.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, long>> GetSubscriberHistoryAsync(PageKey page, DateOnly metricDay, CancellationToken cancellationToken)
    {
        var from = RowKeyOf(metricDay.AddDays(-Period.Month.Days()), Period.Day);
        var to = RowKeyOf(metricDay, Period.Day);
        var partition = page.ToStorageKey();
        var history = new Dictionary<DateOnly, long>();
        var query = PageTable.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["RowKey", "Subscribers"],
            cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            var day = DateOnly.ParseExact(entity.RowKey[..8], "yyyyMMdd", CultureInfo.InvariantCulture);
            if (entity.GetInt64("Subscribers") is { } subscribers)
            {
                history[day] = subscribers;
            }
        }

        return history;
    }

    /// <summary>Writes every period's metrics of one page in one transaction (same partition).</summary>
    public async Task UpsertPageMetricsAsync(IReadOnlyList<PageMetrics> metrics, CancellationToken cancellationToken)
    {
        foreach (var page in metrics.GroupBy(m => m.Page.Key))
        {
            var actions = page.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(m)));
            await PageTable.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async Task UpsertPostMetricsAsync(PageKey page, DateOnly metricDay, IReadOnlyList<(Post Post, PostMetrics Metrics)> posts, CancellationToken cancellationToken)
    {
        foreach (var chunk in posts.Chunk(MaxTransactionSize))
        {
            var actions = chunk.Select(item => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(page, metricDay, item.Post, item.Metrics)));
            await PostTable.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>The page's metric history for one period, newest first, limited to <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<TableEntity>> GetPageHistoryAsync(PageKey page, Period period, DateOnly until, int days, CancellationToken cancellationToken)
    {
        var partition = page.ToStorageKey();
        var from = RowKeyOf(until.AddDays(1 - days), Period.Day);
        var to = RowKeyOf(until.AddDays(1), Period.Day);
        var suffix = "-" + period.ToCode();
        var rows = new List<TableEntity>();
        await foreach (var entity in PageTable.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            if (entity.RowKey.EndsWith(suffix, StringComparison.Ordinal))
            {
                rows.Add(entity);
            }
        }

        return rows.OrderByDescending(row => row.RowKey, StringComparer.Ordinal).ToList();
    }

    private static TableEntity ToEntity(PageMetrics m) => new(m.Page.Key.ToStorageKey(), RowKeyOf(m.MetricDay, m.Period))
    {
        ["Platform"] = m.Page.Platform.ToCode(),
        ["PageId"] = m.Page.PageId,
        ["ScreenName"] = m.Page.ScreenName,
        ["Title"] = m.Page.Title,
        ["RegionCode"] = m.Page.RegionCode,
        ["Kind"] = m.Page.Kind.ToCode(),
        ["HasGovernmentLabel"] = m.Page.HasGovernmentLabel,
        ["Subscribers"] = m.Page.Subscribers,
        ["MetricDay"] = m.MetricDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Period"] = m.Period.ToCode(),
        ["Posts"] = m.Posts,
        ["PostsPerWeek"] = m.PostsPerWeek,
        ["Views"] = m.Views,
        ["Interactions"] = m.Interactions,
        ["ErViewsMedian"] = m.ErViewsMedian,
        ["ErSubscribersMedian"] = m.ErSubscribersMedian,
        ["ReachRateMedian"] = m.ReachRateMedian,
        ["ViralityMedian"] = m.ViralityMedian,
        ["DiscussionMedian"] = m.DiscussionMedian,
        ["CitizenComments"] = m.CitizenComments,
        ["AnsweredComments"] = m.AnsweredComments,
        ["AnsweredShare"] = m.AnsweredShare,
        ["MedianAnswerHours"] = m.MedianAnswerHours,
        ["SubscriberGrowth"] = m.SubscriberGrowth,
        ["Broadcasts"] = m.Broadcasts,
        ["BroadcastViews"] = m.BroadcastViews,
        ["BroadcastPeakViewers"] = m.BroadcastPeakViewers,
        ["ProfileCompleteness"] = m.ProfileCompleteness,
        ["ContentQualityMedian"] = m.ContentQualityMedian,
        ["ContentModelVersion"] = m.ContentModelVersion,
    };

    private static TableEntity ToEntity(PageKey page, DateOnly metricDay, Post post, PostMetrics m) => new(page.ToStorageKey(), post.PostId)
    {
        ["PublishedAt"] = post.PublishedAt,
        ["LastSeenDay"] = metricDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["IsRepost"] = post.IsRepost,
        ["TextPreview"] = post.Text.Length <= 280 ? post.Text : post.Text[..280],
        ["TextLength"] = post.Text.Length,
        ["Attachments"] = string.Join(",", post.Attachments.OrderBy(a => a.Key).Select(a => $"{a.Key.ToCode()}:{a.Value}")),
        ["Views"] = m.Views,
        ["Likes"] = m.Likes,
        ["Reposts"] = m.Reposts,
        ["Comments"] = m.Comments,
        ["ErViews"] = m.ErViews,
        ["ErSubscribers"] = m.ErSubscribers,
        ["ReachRate"] = m.ReachRate,
        ["Virality"] = m.Virality,
        ["Discussion"] = m.Discussion,
        ["ContentScore"] = m.ContentScore,
        ["ContentModelVersion"] = m.ContentModelVersion,
    };
}
