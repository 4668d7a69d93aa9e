using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Serve;

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
    int Posts,
    int PagesResting,
    IReadOnlyList<string> Notices,
    IReadOnlyList<SkippedPageStatus> SkippedPages,
    string? ContentModelVersion);

/// <summary>A page of the run that was not collected, and why. <c>Permanent</c>: the page rests before it is checked again.</summary>
public sealed record SkippedPageStatus(string Platform, string PageId, string Reason, bool Permanent);

public sealed record BatchProgress(int Total, int Pending, int Enqueued, int Collected, int Scored);

/// <summary>
/// Reports pipeline progress from the run tables with O(1) reads whatever the run's size: the latest-run pointer, the run row and its
/// progress shards (<see cref="RunProgressStore"/>), never the batch rows.
/// </summary>
public sealed class RunStatusService(RunStore runs, RunProgressStore progress)
{
    /// <summary>Skipped pages listed in the report; the count above it is always complete.</summary>
    public const int MaxSkippedPagesListed = 500;

    /// <summary>The most recently started run, or null when there is none.</summary>
    public async Task<RunStatus?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var latest = await runs.GetLatestStartedAsync(cancellationToken);
        return latest is null ? null : await DescribeAsync(latest, cancellationToken);
    }

    public async Task<RunStatus> DescribeAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var done = await progress.ReadAsync(run.RowKey, run.Attempt, cancellationToken);

        // Planning sends the first window; each batch scored has sent the one a window ahead (at least that many are sent).
        var enqueued = Math.Min(run.BatchCount, Math.Max(run.EnqueuedBatches + (run.BatchesInFlight > 0 ? done.Scored : 0), done.Collected));
        return new RunStatus(
            run.RowKey,
            DateOnly.ParseExact(run.MetricDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            run.Attempt,
            run.Phase.ToCode(),
            run.Trigger,
            run.Source,
            run.IsDemo,
            run.StartedAt,
            run.CompletedAt,
            run.PageCount,
            new BatchProgress(
                run.BatchCount,
                Math.Max(0, run.BatchCount - enqueued),
                Math.Max(0, enqueued - done.Collected),
                Math.Max(0, done.Collected - done.Scored),
                done.Scored),
            done.PagesCollected,
            done.PagesSkipped,
            done.Posts,
            run.PagesResting,
            done.Notices,
            [.. done.Skipped.Take(MaxSkippedPagesListed).Select(s => new SkippedPageStatus(s.Page.Platform.ToCode(), s.Page.PageId, s.Page.Reason, s.Page.Permanent))],
            run.ContentModelVersion);
    }
}
