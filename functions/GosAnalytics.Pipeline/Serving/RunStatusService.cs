using GosAnalytics.Pipeline.Runs;

namespace GosAnalytics.Pipeline.Serving;

/// <summary>The body of <c>GET /api/runs/latest</c> and <c>POST /api/runs</c>.</summary>
public sealed record RunStatus(
    string RunId,
    DateOnly MetricDay,
    int Attempt,
    string Status,
    string Trigger,
    string Source,
    bool IsDemo,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    int Pages,
    BatchProgress Batches,
    int PagesCollected,
    int PagesSkipped,
    int Posts);

public sealed record BatchProgress(int Total, int Pending, int Enqueued, int Collected, int Scored);

/// <summary>Reports pipeline progress from the run tables.</summary>
public sealed class RunStatusService(RunStore runs)
{
    /// <summary>The most recently started run, or null when there is none.</summary>
    public async Task<RunStatus?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var all = await runs.ListRunsAsync(cancellationToken);
        var latest = all.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RowKey, StringComparer.Ordinal).FirstOrDefault();
        return latest is null ? null : await DescribeAsync(latest, cancellationToken);
    }

    public async Task<RunStatus> DescribeAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var batches = (await runs.ListBatchesAsync(run.RowKey, cancellationToken)).Where(b => b.Attempt == run.Attempt).ToList();
        int Count(string state) => batches.Count(b => b.State == state);
        return new RunStatus(
            run.RowKey,
            DateOnly.ParseExact(run.MetricDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            run.Attempt,
            run.Status,
            run.Trigger,
            run.Source,
            run.IsDemo,
            run.StartedAt,
            run.CompletedAt,
            run.PageCount,
            new BatchProgress(run.BatchCount, Count(BatchStates.Pending), Count(BatchStates.Enqueued), Count(BatchStates.Collected), Count(BatchStates.Scored)),
            batches.Sum(b => b.PagesCollected),
            batches.Sum(b => b.PagesSkipped),
            batches.Sum(b => b.Posts));
    }
}
