using GosAnalytics.Core.Domain;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>Labels read answers carry besides the run stamp: a region's Russian name.</summary>
internal static class ResponseLabels
{
    /// <summary>The Russian name of a validated region filter, or null when there is none.</summary>
    public static string? RegionName(int? regionCode) => regionCode is { } code ? Regions.Get(code).RussianName : null;
}
