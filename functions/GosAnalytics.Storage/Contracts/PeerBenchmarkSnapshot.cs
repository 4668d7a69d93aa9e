using GosAnalytics.Core.Advice;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// Every peer group's medians in one period of one run (<c>peer-benchmarks.json.gz</c>), written at aggregation beside the rankings:
/// a page profile's advice reads its group from it, one small document per period.
/// </summary>
public sealed record PeerBenchmarkSnapshot(
    RunStamp Run,
    Period Period,
    IReadOnlyList<PeerBenchmark> Groups) : IRunSnapshot;
