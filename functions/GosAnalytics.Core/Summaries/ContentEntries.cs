using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Summaries;

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

