using System.ComponentModel.DataAnnotations;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>How the read side caches, configuration section <c>Serve</c> (app settings <c>Serve__*</c>).</summary>
public sealed class ServeOptions
{
    public const string SectionName = "Serve";

    /// <summary>
    /// How long an instance keeps the latest-run pointer before reading it again: a completed run is served at most this many seconds
    /// after it completes. Every read answer depends on the pointer, so without this each request would read a blob first.
    /// </summary>
    [Range(0, 3600)]
    public double LatestRunCacheSeconds { get; set; } = 5;

    /// <summary>Memory for finished answers (JSON and CSV bodies with their compressed forms), kept until a newer run is served.</summary>
    [Range(0, 4096)]
    public int AnswerCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// Memory for documents of earlier served runs: the ranking tables and region summaries that history and the previous period's
    /// changes read (a region's table of a day is ≈ 0.1–5 MB in memory, the country's ≈ 90 MB). Least recently used go first.
    /// </summary>
    [Range(0, 16384)]
    public int PastDocumentCacheMegabytes { get; set; } = 256;
}
