using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The filters and paging of <c>GET /api/rankings</c>.</summary>
public sealed record RankingQuery(
    int? Region,
    Platform? Platform,
    OrganisationKind? Kind,
    Period Period,
    string Sort,
    int Top,
    int Skip)
{
    public const int MaxTop = 500;
    public const int DefaultTop = 50;
    public const int MaxSkip = 1_000_000;
    public const string SortByIndex = "index";

    public static IReadOnlyList<string> SortKeys { get; } = [SortByIndex, .. IndexComponents.All];
}
