using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// The citizens' comments left unanswered longest in one scope of a served run — the country (<paramref name="RegionCode"/> null) or a
/// region — oldest first, as <see cref="UnansweredComments.Keep"/> keeps them (<c>rankings/{run}/unanswered-{all|region-NN}.json.gz</c>).
/// Not per period: a comment waits for an answer whatever the period.
/// </summary>
public sealed record UnansweredCommentsSnapshot(RunStamp Run, int? RegionCode, IReadOnlyList<PendingCommentEntry> Comments) : IRunSnapshot;
