using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The labels every read answer carries: the demo notice and a region's Russian name.</summary>
public static class ResponseLabels
{
    public const string DemoNotice = "Демонстрационные данные: сгенерированный регион, не реальные страницы.";

    /// <summary>Anything served from demo data says so.</summary>
    public static string? NoticeFor(LatestRankings latest) => latest.IsDemo ? DemoNotice : null;

    /// <summary>The Russian name of a validated region filter, or null when there is none.</summary>
    public static string? RegionName(int? regionCode) => regionCode is { } code ? Regions.Get(code).RussianName : null;
}
