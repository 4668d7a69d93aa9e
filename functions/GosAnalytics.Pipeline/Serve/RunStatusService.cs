using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/runs/latest</c> and <c>POST /api/runs</c>.</summary>
/// <param name="Status">Where the run is (<c>starting</c>, <c>collecting</c>, <c>aggregating</c>) or how it ended (<c>completed</c>, <c>partial</c>, <c>failed</c>).</param>
/// <param name="FailedBatches">Batches without data, each with where it stopped and why (at most <see cref="RunStatusService.MaxFailedBatchesListed"/>).</param>
/// <param name="Outcome">Once the run has ended: whether it is served, its coverage, why it is partial or failed, the collectors' notices.</param>
/// <param name="ServedRunId">The run the read routes serve now (the last good day), which may be an older one; null while none is served.</param>
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
    IReadOnlyList<FailedBatchStatus> FailedBatches,
    RunOutcome? Outcome,
    string? ServedRunId,
    DateOnly? ServedMetricDay,
    string? ContentModelVersion);

/// <summary>A page of the run that was not collected, and why. <c>Permanent</c>: the page rests before it is checked again.</summary>
public sealed record SkippedPageStatus(string Platform, string PageId, string Reason, bool Permanent);

/// <summary>A batch of the run without data: its pages' platform and region, the step it stopped at, and why.</summary>
public sealed record FailedBatchStatus(int Batch, Platform? Platform, int? RegionCode, FailedStep Step, string Reason);

/// <param name="Failed">Batches recorded failed: they count as done, and the run ends partial without them.</param>
public sealed record BatchProgress(int Total, int Pending, int Enqueued, int Collected, int Scored, int Failed);

/// <summary>
/// Reports pipeline progress from the run tables with O(1) reads whatever the run's size: the latest-run pointer, the run row and its
/// progress shards (<see cref="RunProgressStore"/>), never the batch rows; and which run is served, from the served pointer.
/// </summary>
public sealed class RunStatusService(RunStore runs, RunProgressStore progress, ServedPointerStore pointer)
{
    /// <summary>Skipped pages listed in the report; the count above it is always complete.</summary>
    public const int MaxSkippedPagesListed = 500;

    /// <summary>Failed batches listed in the report; the count in <see cref="BatchProgress.Failed"/> is always complete.</summary>
    public const int MaxFailedBatchesListed = 100;

    /// <summary>The most recently started run, or null when there is none.</summary>
    public async Task<RunStatus?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var latest = await runs.GetLatestStartedAsync(cancellationToken);
        return latest is null ? null : await DescribeAsync(latest, cancellationToken);
    }

    public async Task<RunStatus> DescribeAsync(RunEntity run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var done = await progress.ReadAsync(run.RowKey, run.Attempt, cancellationToken);
        // The pointer itself, not the read side's cached copy: the report says what is served as soon as it changes.
        var served = (await pointer.ReadAsync(cancellationToken))?.Run;

        // Planning sends the first window; each batch done has sent the one a window ahead (at least that many are sent). A failed batch
        // counts as done (scored) for the fan-in.
        var enqueued = Math.Min(run.BatchCount, Math.Max(run.EnqueuedBatches + (run.BatchesInFlight > 0 ? done.Scored : 0), done.Collected));
        var ranges = run.BatchRanges;
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
                Math.Max(0, enqueued - done.Collected - done.Failed),
                Math.Max(0, done.Collected - done.Scored),
                Math.Max(0, done.Scored - done.Failed),
                done.Failed),
            done.PagesCollected,
            done.PagesSkipped,
            done.Posts,
            run.PagesResting,
            done.Notices,
            [.. done.Skipped.Take(MaxSkippedPagesListed).Select(s => new SkippedPageStatus(s.Page.Platform.ToCode(), s.Page.PageId, s.Page.Reason, s.Page.Permanent))],
            [.. (done.FailedBatches ?? []).Take(MaxFailedBatchesListed).Select(f =>
            {
                var range = ranges.FirstOrDefault(r => f.BatchIndex >= r.First && f.BatchIndex < r.First + r.Count);
                return new FailedBatchStatus(f.BatchIndex, range?.Platform, range?.Region, f.Step, f.Reason);
            })],
            RunFinisher.OutcomeOf(run),
            served?.RunId,
            served?.MetricDay,
            run.ContentModelVersion);
    }
}
