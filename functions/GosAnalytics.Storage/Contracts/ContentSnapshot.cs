using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// The best posts and broadcasts of one period of one run, as written by aggregation and read by HTTP: national (<c>content-all</c>)
/// or one region (<c>content-region-NN</c>). <see cref="Posts"/> hold what <see cref="TopContent.KeepServable"/> keeps, by interactions;
/// <see cref="Broadcasts"/> hold every live or ended broadcast of the period, by views.
/// </summary>
public sealed record ContentSnapshot(
    RunStamp Run,
    Period Period,
    int? RegionCode,
    IReadOnlyList<ContentPostEntry> Posts,
    IReadOnlyList<BroadcastEntry> Broadcasts) : IRunSnapshot;

/// <summary>The summaries of every region present in one period of one run (<c>regions.json.gz</c>), best median index first.</summary>
public sealed record RegionSummarySnapshot(
    RunStamp Run,
    Period Period,
    IReadOnlyList<RegionSummaryEntry> Regions) : IRunSnapshot;
