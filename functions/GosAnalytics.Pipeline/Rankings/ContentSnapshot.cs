using GosAnalytics.Pipeline.Domain;

namespace GosAnalytics.Pipeline.Rankings;

/// <summary>
/// The best posts and broadcasts of one period of one run, as written by aggregation and read by HTTP: national (<c>content-all</c>)
/// or one region (<c>content-region-NN</c>). <see cref="Posts"/> hold what <see cref="TopContent.KeepServable"/> keeps, by interactions;
/// <see cref="Broadcasts"/> hold every live or ended broadcast of the period, by views.
/// </summary>
public sealed record ContentSnapshot(
    string RunId,
    int Attempt,
    DateOnly MetricDay,
    Period Period,
    int? RegionCode,
    string Source,
    bool IsDemo,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ContentPostEntry> Posts,
    IReadOnlyList<BroadcastEntry> Broadcasts) : IRunSnapshot;

/// <summary>A candidate post with its page's identity and grouping.</summary>
public sealed record ContentPostEntry(
    Platform Platform,
    string PageId,
    string PageName,
    int RegionCode,
    OrganisationKind Kind,
    string PostId,
    DateTimeOffset PublishedAt,
    string TextPreview,
    IReadOnlyDictionary<string, int> Attachments,
    bool IsRepost,
    long? Views,
    long Likes,
    long Reposts,
    long Comments,
    long Interactions,
    double? ErViews);

/// <summary>A live or ended broadcast with its page's identity and grouping.</summary>
public sealed record BroadcastEntry(
    Platform Platform,
    string PageId,
    string PageName,
    int RegionCode,
    OrganisationKind Kind,
    string BroadcastId,
    string Title,
    DateTimeOffset StartedAt,
    BroadcastStatus Status,
    long Views,
    long PeakViewers,
    int DurationSeconds);

/// <summary>The summaries of every region present in one period of one run (<c>regions.json.gz</c>), best median index first.</summary>
public sealed record RegionSummarySnapshot(
    string RunId,
    int Attempt,
    DateOnly MetricDay,
    Period Period,
    string Source,
    bool IsDemo,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<RegionSummaryEntry> Regions) : IRunSnapshot;
