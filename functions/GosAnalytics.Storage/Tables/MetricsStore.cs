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

    /// <summary>Subscribers on the days before <paramref name="metricDay"/> (up to the longest period back), from the page's history.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, long>> GetSubscriberHistoryAsync(PageKey page, DateOnly metricDay, CancellationToken cancellationToken)
    {
        var from = PageMetricsEntity.RowKeyOf(metricDay.AddDays(-Period.Month.Days()), Period.Day);
        var to = PageMetricsEntity.RowKeyOf(metricDay, Period.Day);
        var partition = page.ToStorageKey();
        var history = new Dictionary<DateOnly, long>();
        var query = PageTable.QueryAsync<PageMetricsEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: [nameof(PageMetricsEntity.RowKey), nameof(PageMetricsEntity.Subscribers)],
            cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            history[PageMetricsEntity.DayOf(entity.RowKey)] = entity.Subscribers;
        }

        return history;
    }

    /// <summary>Writes every period's metrics of one page in one transaction (same partition).</summary>
    public async Task UpsertPageMetricsAsync(IReadOnlyList<PageMetrics> metrics, CancellationToken cancellationToken)
    {
        foreach (var page in metrics.GroupBy(m => m.Page.Key))
        {
            var actions = page.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, PageMetricsEntity.From(m)));
            await PageTable.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async Task UpsertPostMetricsAsync(PageKey page, DateOnly metricDay, IReadOnlyList<(Post Post, PostMetrics Metrics)> posts, CancellationToken cancellationToken)
    {
        foreach (var chunk in posts.Chunk(MaxTransactionSize))
        {
            var actions = chunk.Select(item => new TableTransactionAction(TableTransactionActionType.UpsertReplace, PostMetricsEntity.From(page, metricDay, item.Post, item.Metrics)));
            await PostTable.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>The page's metric history for one period, newest first, limited to <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<PageMetricsEntity>> GetPageHistoryAsync(PageKey page, Period period, DateOnly until, int days, CancellationToken cancellationToken)
    {
        var partition = page.ToStorageKey();
        var from = PageMetricsEntity.RowKeyOf(until.AddDays(1 - days), Period.Day);
        var to = PageMetricsEntity.RowKeyOf(until.AddDays(1), Period.Day);
        var suffix = "-" + period.ToCode();
        var rows = new List<PageMetricsEntity>();
        await foreach (var entity in PageTable.QueryAsync<PageMetricsEntity>(
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
}
