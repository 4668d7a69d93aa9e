using GosAnalytics.Core.Domain;

namespace GosAnalytics.Storage.Contracts;

/// <summary>The raw snapshot of one collected batch, stored as gzip JSON in Blob Storage. Same format for every source.</summary>
public sealed record RawSnapshot(
    int SchemaVersion,
    string RunId,
    DateOnly MetricDay,
    Platform Platform,
    int BatchIndex,
    string Source,
    bool IsDemo,
    DateTimeOffset CollectedAt,
    DateTimeOffset WindowStart,
    IReadOnlyList<PageSnapshot> Pages,
    IReadOnlyList<SkippedPage> Skipped,
    IReadOnlyList<string>? Notices = null)
{
    public const int CurrentSchemaVersion = 1;
}
