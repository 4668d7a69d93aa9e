using System.Globalization;
using GosAnalytics.Core.Advice;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/pages/{platform}/{pageId}</c>.</summary>
/// <param name="Notices">What the served run's collection could not fully read for the page (a truncated wall, broadcasts not collected, comments not all read).</param>
/// <param name="Municipality">The page's municipality as registered; null for regional bodies.</param>
/// <param name="OrganisationId">The organisation linking the page to its other pages (<c>GET /api/organisations/{id}</c>); null when unlinked.</param>
/// <param name="Requirements">The profile requirements that apply to the page's platform, and whether it meets each (docs/metrics.md §3.6).</param>
/// <param name="Advice">What to fix, against the page's peer group (docs/metrics.md §11); null when the served run has no peer medians.</param>
public sealed record PageProfile(
    Platform Platform,
    string PageId,
    string Name,
    string ScreenName,
    int RegionCode,
    string? RegionName,
    OrganisationKind Kind,
    long Subscribers,
    bool HasGovernmentLabel,
    IReadOnlyList<PageNotice> Notices,
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    PageStanding? Current,
    IReadOnlyList<PageHistoryPoint> History,
    IReadOnlyList<ProfilePost> Posts,
    IReadOnlyList<RequirementState> Requirements,
    PageAdvice? Advice,
    string? Municipality = null,
    string? OrganisationId = null)
{
    /// <summary>The page's public address (<see cref="PageUrls.Page"/>); null when it has none.</summary>
    public string? Url => PageUrls.Page(Platform, PageId, ScreenName);
}

/// <summary>A post in a page profile, with its public address (<see cref="ContentPage.PostUrl"/>: the platform's own or composed; null where there is none).</summary>
public sealed record ProfilePost([property: JsonFlatten] ContentPost Post, string? Url);

/// <summary>A profile requirement that applies to the page, and whether the page meets it.</summary>
public sealed record RequirementState(ProfileRequirement Requirement, bool Met);

/// <summary>Where the page stands in the latest run: its index, components, metrics and places nationally and in its region.</summary>
public sealed record PageStanding(
    double Index,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyList<string> IndexComponents,
    string PeerGroup,
    int NationalRank,
    int NationalTotal,
    int RegionRank,
    int RegionTotal,
    RankingMetrics Metrics);

public sealed record PageHistoryPoint(
    DateOnly MetricDay,
    long Subscribers,
    int Posts,
    double PostsPerWeek,
    long Views,
    double? ErViews,
    double? ReachRate,
    double? AnsweredShare,
    double? MedianAnswerHours,
    double? SubscriberGrowth);

public sealed record PageProfileQuery(Platform Platform, string PageId, Period Period, int Days)
{
    public const int MaxDays = 365;
}

/// <summary>
/// The outcome of a profile lookup: the profile when the page is in the served run's rankings; otherwise why it is not — the served
/// run skipped it, or it was in a failed batch, or it rests after a permanent failure — and whether any run is served at all.
/// </summary>
public sealed record PageLookup(bool RunServed, PageProfile? Profile, SkippedPage? NotCollected, RunStamp? Run);

/// <summary>
/// Builds a page's profile from the served run: its standing from its region's ranking table (found through the registry; the country's
/// table when the page moved region since), its metric history from the metrics table, and its posts of the period from its batch's
/// content document.
/// </summary>
public sealed class PageProfileService(RankingReader reader, MetricsStore metrics, PageRegistry registry, IOptions<IndexOptions> indexOptions)
{
    private readonly PageAdvisor advisor = new(indexOptions.Value);

    /// <summary>Posts listed in a profile, newest first.</summary>
    public const int MaxPosts = 100;

    public async Task<PageLookup> GetAsync(PageProfileQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return new PageLookup(false, null, null, null);
        }

        var key = new PageKey(query.Platform, query.PageId);
        var registered = await registry.GetAsync(key, cancellationToken);
        var found = await FindAsync(latest, key, registered, query.Period, cancellationToken);
        if (found is not { } place)
        {
            var notCollected = (await reader.GetNotCollectedAsync(latest, cancellationToken))?.Pages.FirstOrDefault(p => p.Platform == key.Platform && p.PageId == key.PageId)
                ?? (registered?.Unavailable is { } resting
                    ? new SkippedPage(key.Platform, key.PageId, $"It rests after a permanent failure on {resting.LastFailedOn:yyyy-MM-dd} and is checked again on {resting.RecheckOn:yyyy-MM-dd}: {resting.Reason}", Permanent: true)
                    : null);
            return new PageLookup(true, null, notCollected, latest);
        }

        var (table, position, regionRank, regionTotal) = place;
        var entry = table.EntryAt(position);
        var standing = new PageStanding(
            entry.Index, entry.Components, entry.IndexComponents, entry.PeerGroup, table.NationalRanks[position], table.NationalTotal, regionRank, regionTotal, entry.Metrics);
        var rows = await metrics.GetPageHistoryAsync(key, query.Period, latest.MetricDay, query.Days, cancellationToken);
        var content = await reader.GetBatchContentAsync(latest, table.BatchIndexes[position], cancellationToken);
        var start = query.Period.StartUtc(latest.MetricDay);
        var posts = content?.Pages.FirstOrDefault(p => p.Platform == key.Platform && p.PageId == key.PageId)?.Posts
            .Select(p => p.Post)
            .Where(p => p.PublishedAt >= start)
            .OrderByDescending(p => p.PublishedAt)
            .ThenBy(p => p.PostId, StringComparer.Ordinal)
            .Take(MaxPosts)
            .Select(p => new ProfilePost(p, PageUrls.Post(entry.Platform, entry.PageId, entry.ScreenName, p.PostId, p.Url)))
            .ToList() ?? [];
        var benchmarks = await reader.GetPeerBenchmarksAsync(latest, query.Period, cancellationToken);
        var peer = benchmarks?.Groups.FirstOrDefault(g => g.PeerGroup == entry.PeerGroup);
        var checks = entry.Profile;
        return new PageLookup(true, new PageProfile(
            entry.Platform,
            entry.PageId,
            entry.Name,
            entry.ScreenName,
            entry.RegionCode,
            Regions.TryGet(entry.RegionCode, out var region) ? region.RussianName : null,
            entry.Kind,
            entry.Subscribers,
            entry.HasGovernmentLabel,
            entry.Notices ?? [],
            table.Run,
            ServedRuns.Of(served),
            query.Period,
            standing,
            [.. rows.Select(ToPoint)],
            posts,
            checks is { } known ? [.. known.Applying.Select(r => new RequirementState(r, known.Meets(r) == true))] : [],
            peer is null ? null : advisor.Advise(entry, query.Period, peer),
            entry.Municipality,
            entry.OrganisationId), null, latest);
    }

    /// <summary>
    /// The page's place: in its region's table (the registry says which; one small table) with its rank there, or — when the registry no
    /// longer says where the run ranked it — in the country's table, counting its region's pages above it.
    /// </summary>
    private async Task<(RankingTable Table, int Position, int RegionRank, int RegionTotal)?> FindAsync(RunStamp latest, PageKey key, RegisteredPage? registered, Period period, CancellationToken cancellationToken)
    {
        if (registered is not null
            && await reader.GetRankingTableAsync(latest, period, registered.RegionCode, cancellationToken) is { } regional
            && regional.PositionOf(key) is var inRegion and >= 0)
        {
            return (regional, inRegion, inRegion + 1, regional.Count);
        }

        if (await reader.GetRankingTableAsync(latest, period, null, cancellationToken) is not { } national || national.PositionOf(key) is not (var position and >= 0))
        {
            return null;
        }

        var code = national.RegionCodes[position];
        var above = 0;
        var total = 0;
        for (var i = 0; i < national.Count; i++)
        {
            if (national.RegionCodes[i] == code)
            {
                total++;
                above += i < position ? 1 : 0;
            }
        }

        return (national, position, above + 1, total);
    }

    private static PageHistoryPoint ToPoint(PageMetricsEntity row) => new(
        DateOnly.ParseExact(row.MetricDay, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.Subscribers,
        row.Posts,
        row.PostsPerWeek,
        row.Views,
        row.ErViewsMedian,
        row.ReachRateMedian,
        row.AnsweredShare,
        row.MedianAnswerHours,
        row.SubscriberGrowth);
}
