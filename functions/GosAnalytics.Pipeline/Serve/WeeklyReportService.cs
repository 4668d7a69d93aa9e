using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The parameters of <c>GET /api/reports/weekly</c>.</summary>
public sealed record WeeklyReportQuery(int Region);

/// <summary>A Moscow-day span of the report: one of the four weeks, or the month.</summary>
public sealed record ReportSpan(DateOnly First, DateOnly Last);

/// <summary>A page's counts over a span, counters as the served run collected them; likes and reposts are null where the platform does not report them (MAX).</summary>
public sealed record ReportCounts(int Posts, long? Likes, long Comments, long? Reposts, long Views);

/// <summary>One page of the report: its counts per week (oldest first) and over the month, and its index and components of the week.</summary>
public sealed record WeeklyReportRow(
    Platform Platform,
    string PageId,
    string Name,
    string ScreenName,
    string? OrganisationId,
    OrganisationKind Kind,
    long Subscribers,
    int RegionRank,
    double Index,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyList<ReportCounts> Weeks,
    ReportCounts Month);

/// <summary>
/// One organisation of the report (docs/metrics.md §10): its pages' counts summed per week and over the month (likes and reposts
/// over the pages that report them; null when none does), and its combined index of the week with its place in the region.
/// </summary>
public sealed record WeeklyOrganisationRow(
    int RegionRank,
    string OrganisationId,
    string Name,
    OrganisationKind Kind,
    string? Municipality,
    IReadOnlyList<Platform> Platforms,
    double CombinedIndex,
    IReadOnlyList<ReportCounts> Weeks,
    ReportCounts Month);

/// <summary>What the weekly workbook holds: the served run, the four weeks and the month, a row per organisation and per page, and the region's work lists.</summary>
public sealed record WeeklyReport(
    RunStamp Run,
    int RegionCode,
    string RegionName,
    IReadOnlyList<ReportSpan> Weeks,
    ReportSpan Month,
    IReadOnlyList<WeeklyOrganisationRow> Organisations,
    IReadOnlyList<WeeklyReportRow> Rows,
    WorklistResponse Worklists);

/// <summary>
/// The weekly report of a region (docs/metrics.md §11.3): every page of the region in the served run, with its posts, likes, comments,
/// reposts and views in each of the last four weeks (the metric day and the 27 days before it) and in the month (30 days), its index and
/// components of the week, and the work lists. The counts come from the served run's content documents, which hold every post of the
/// 30-day collection window with its counters as collected that day — one read per batch of the region, and every week counted with
/// the same, latest counters. The index and components are the region's week ranking, so the workbook shows what the API shows.
/// </summary>
public sealed class WeeklyReportService(RankingReader reader, WorklistService worklists)
{
    public const int WeekCount = 4;

    private const int ReadParallelism = 8;

    /// <summary>Null when no run is served, or the region has no pages in it (<c>RunServed</c> tells which).</summary>
    public async Task<(bool RunServed, WeeklyReport? Report)> GetAsync(WeeklyReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return (false, null);
        }

        if (await reader.GetRankingTableAsync(latest, Period.Week, query.Region, cancellationToken) is not { } table || table.Count == 0)
        {
            return (true, null);
        }

        var day = latest.MetricDay;
        var weeks = Enumerable.Range(0, WeekCount).Reverse().Select(k => new ReportSpan(day.AddDays((-7 * k) - 6), day.AddDays(-7 * k))).ToList();
        var month = new ReportSpan(day.AddDays(1 - Period.Month.Days()), day);
        var posts = await ReadPostsAsync(latest, table, cancellationToken);
        var rows = new List<WeeklyReportRow>(table.Count);
        for (var position = 0; position < table.Count; position++)
        {
            var entry = table.EntryAt(position);
            var own = posts.GetValueOrDefault(new PageKey(entry.Platform, entry.PageId)) ?? [];
            var reportsInteractions = entry.Platform.ReportsInteractions();
            rows.Add(new WeeklyReportRow(
                entry.Platform,
                entry.PageId,
                entry.Name,
                entry.ScreenName,
                entry.OrganisationId,
                entry.Kind,
                entry.Subscribers,
                position + 1,
                entry.Index,
                entry.Components,
                [.. weeks.Select(w => Count(own, w, reportsInteractions))],
                Count(own, month, reportsInteractions)));
        }

        var organisations = await reader.GetOrganisationTableAsync(latest, Period.Week, query.Region, cancellationToken);
        var lists = await worklists.GetAsync(new WorklistQuery(query.Region, Period.Week, null, WorklistQuery.DefaultAnsweredBelow), cancellationToken);
        return (true, new WeeklyReport(table.Run, query.Region, Regions.Get(query.Region).RussianName, weeks, month, OrganisationRows(organisations, rows), rows, lists.Response!));
    }

    /// <summary>The region's organisations in their table's order (best combined index first), each with its pages' rows summed.</summary>
    private static List<WeeklyOrganisationRow> OrganisationRows(OrganisationTable? organisations, IReadOnlyList<WeeklyReportRow> rows)
    {
        var byPage = rows.ToDictionary(row => new PageKey(row.Platform, row.PageId));
        var result = new List<WeeklyOrganisationRow>(organisations?.Count ?? 0);
        for (var position = 0; organisations is not null && position < organisations.Count; position++)
        {
            var organisation = organisations.StandingAt(position);
            var own = organisation.Pages.Select(p => byPage.GetValueOrDefault(new PageKey(p.Platform, p.PageId))).OfType<WeeklyReportRow>().ToList();
            result.Add(new WeeklyOrganisationRow(
                position + 1,
                organisation.OrganisationId,
                organisation.Name,
                organisation.Kind,
                organisation.Municipality,
                [.. organisation.Pages.Select(p => p.Platform).Distinct()],
                organisation.CombinedIndex,
                [.. Enumerable.Range(0, WeekCount).Select(week => Sum(own.Select(row => row.Weeks[week])))],
                Sum(own.Select(row => row.Month))));
        }

        return result;
    }

    private static ReportCounts Sum(IEnumerable<ReportCounts> counts)
    {
        var list = counts.ToList();
        static long? SumKnown(IEnumerable<long?> values) => values.Any(v => v is not null) ? values.Sum(v => v ?? 0) : null;
        return new ReportCounts(list.Sum(c => c.Posts), SumKnown(list.Select(c => c.Likes)), list.Sum(c => c.Comments), SumKnown(list.Select(c => c.Reposts)), list.Sum(c => c.Views));
    }

    /// <summary>The posts of the region's pages, from the content documents of the batches the table names (each read once).</summary>
    private async Task<Dictionary<PageKey, IReadOnlyList<ContentPost>>> ReadPostsAsync(RunStamp run, RankingTable table, CancellationToken cancellationToken)
    {
        var batches = table.BatchIndexes.Distinct().ToList();
        var documents = new ScoredContent?[batches.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (i, ct) => documents[i] = await reader.GetBatchContentAsync(run, batches[i], ct));
        var posts = new Dictionary<PageKey, IReadOnlyList<ContentPost>>();
        foreach (var page in documents.OfType<ScoredContent>().SelectMany(d => d.Pages))
        {
            posts[new PageKey(page.Platform, page.PageId)] = [.. page.Posts.Select(p => p.Post)];
        }

        return posts;
    }

    private static ReportCounts Count(IReadOnlyList<ContentPost> posts, ReportSpan span, bool reportsInteractions)
    {
        var start = MoscowTime.StartOfDay(span.First);
        var end = MoscowTime.EndOfDay(span.Last);
        var count = 0;
        long likes = 0, comments = 0, reposts = 0, views = 0;
        foreach (var post in posts)
        {
            if (post.PublishedAt >= start && post.PublishedAt < end)
            {
                count++;
                likes += post.Likes ?? 0;
                comments += post.Comments;
                reposts += post.Reposts ?? 0;
                views += post.Views ?? 0;
            }
        }

        return new ReportCounts(count, reportsInteractions ? likes : null, comments, reportsInteractions ? reposts : null, views);
    }
}
