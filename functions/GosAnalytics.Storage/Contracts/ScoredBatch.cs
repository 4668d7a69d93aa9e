using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// The metrics half of a scored batch (<c>scored/{run}/{batch}.json.gz</c>), what aggregation ranks from: every page's metrics for
/// every period, in snapshot order, and the pages that were skipped. Its posts are in <see cref="ScoredContent"/>, so that ranking
/// the country reads only metrics.
/// </summary>
public sealed record ScoredBatch(
    string RunId,
    int Attempt,
    int BatchIndex,
    Platform Platform,
    int RegionCode,
    string Source,
    bool IsDemo,
    IReadOnlyList<PageMetrics> Pages,
    IReadOnlyList<SkippedPage> Skipped);

/// <summary>
/// The content half of a scored batch (<c>scored/{run}/{batch}-content.json.gz</c>): for each page, every post of the collection window
/// with its counters and content-quality score (those among the page's best of a period list the periods), and its broadcasts of the
/// window. Aggregation selects the top content from it, region by region; a page profile reads its page's posts from it.
/// </summary>
public sealed record ScoredContent(string RunId, int Attempt, int BatchIndex, IReadOnlyList<PageContent> Pages);
