using Azure.Data.Tables;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// Page metrics history (table <c>pagemetrics</c>: partition = page key, row key = <c>yyyyMMdd-period-pageid</c>, see
/// <see cref="PageMetricsEntity.RowKeyOf"/>). Keys are deterministic, writes are upserts: scoring a batch again leaves the same rows.
/// A post's latest counters are not a table row: they travel in the scored batch's content document (<c>scored/…-content</c>).
/// </summary>
public sealed class MetricsStore(StorageClients clients)
{
    private TableClient PageTable => clients.Table(StorageNames.PageMetricsTable);

    /// <summary>Writes every period's metrics of one page in one transaction (same partition).</summary>
    public async Task UpsertPageMetricsAsync(IReadOnlyList<PageMetrics> metrics, CancellationToken cancellationToken)
    {
        foreach (var page in metrics.GroupBy(m => m.Page.Key))
        {
            var actions = page.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, PageMetricsEntity.From(m)));
            await PageTable.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>The page's metric history for one period, newest first, limited to <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<PageMetricsEntity>> GetPageHistoryAsync(PageKey page, Period period, DateOnly until, int days, CancellationToken cancellationToken)
    {
        var partition = page.ToStorageKey();
        var from = PageMetricsEntity.DayPrefix(until.AddDays(1 - days));
        var to = PageMetricsEntity.DayPrefix(until.AddDays(1));
        var code = period.ToCode();
        var rows = new Dictionary<string, PageMetricsEntity>(StringComparer.Ordinal);
        await foreach (var entity in PageTable.QueryAsync<PageMetricsEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0 && e.Period == code,
            cancellationToken: cancellationToken))
        {
            // Rows written before row keys carried the page id (yyyyMMdd-period) may sit beside a rerun's new row: one per day.
            if (!rows.TryGetValue(entity.MetricDay, out var seen) || entity.RowKey.Length > seen.RowKey.Length)
            {
                rows[entity.MetricDay] = entity;
            }
        }

        return rows.Values.OrderByDescending(row => row.MetricDay, StringComparer.Ordinal).ToList();
    }
}
