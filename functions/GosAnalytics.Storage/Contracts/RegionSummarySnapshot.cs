using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Storage.Contracts;

/// <summary>The summaries of every region present in one period of one run (<c>regions.json.gz</c>), best median index first.</summary>
public sealed record RegionSummarySnapshot(
    RunStamp Run,
    Period Period,
    IReadOnlyList<RegionSummaryEntry> Regions) : IRunSnapshot;
