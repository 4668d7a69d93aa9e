using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
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

/// <summary>Reports pipeline progress from the run tables.</summary>
public sealed class RunStatusService(RunStore runs)
{
    /// <summary>Skipped pages listed in the report; the count above it is always complete.</summary>
    public const int MaxSkippedPagesListed = 500;

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
        int Count(BatchPhase phase) => batches.Count(b => b.Phase == phase);
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
            new BatchProgress(run.BatchCount, Count(BatchPhase.Pending), Count(BatchPhase.Enqueued), Count(BatchPhase.Collected), Count(BatchPhase.Scored)),
            batches.Sum(b => b.PagesCollected),
            batches.Sum(b => b.PagesSkipped),
            batches.Sum(b => b.Posts),
            run.PagesResting,
            batches.SelectMany(b => Deserialize<string>(b.NoticesJson)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            batches.OrderBy(b => b.BatchIndex)
                .SelectMany(b => Deserialize<SkippedPage>(b.SkippedJson))
                .Take(MaxSkippedPagesListed)
                .Select(s => new SkippedPageStatus(s.Platform.ToCode(), s.PageId, s.Reason, s.Permanent))
                .ToList(),
            run.ContentModelVersion);
    }

    private static List<T> Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<T>>(json, JsonConventions.Options) ?? [];
}
