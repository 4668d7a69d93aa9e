using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// Rankings of one period of one run, as written by aggregation and read by HTTP: national (<c>all</c>) or one region.
/// Items are sorted by index, best first.
/// </summary>
public sealed record RankingSnapshot(
    RunStamp Run,
    Period Period,
    int? RegionCode,
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlyList<RankingEntry> Items) : IRunSnapshot;

/// <summary>A document aggregation writes for one attempt of a run; readers cache it by that identity.</summary>
public interface IRunSnapshot
{
    RunStamp Run { get; }
}
