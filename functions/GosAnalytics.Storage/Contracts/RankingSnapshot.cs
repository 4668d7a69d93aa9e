using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// Rankings of one period of one run, as written by aggregation and read by HTTP: national (<c>all</c>) or one region.
/// Items are sorted by index, best first.
/// </summary>
public sealed record RankingSnapshot(
    string RunId,
    int Attempt,
    DateOnly MetricDay,
    Period Period,
    int? RegionCode,
    string Source,
    bool IsDemo,
    DateTimeOffset GeneratedAt,
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlyList<RankingEntry> Items) : IRunSnapshot;

/// <summary>A document aggregation writes for one attempt of a run; readers cache it by that identity.</summary>
public interface IRunSnapshot
{
    string RunId { get; }

    int Attempt { get; }
}

/// <summary>The pointer blob: which completed run HTTP serves.</summary>
public sealed record LatestRankings(string RunId, int Attempt, DateOnly MetricDay, string Source, bool IsDemo, DateTimeOffset CompletedAt);

