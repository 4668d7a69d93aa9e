using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.Functions.Api;

/// <summary>The Russian names the exports (ranking and work list CSV, weekly workbook) write, as the dashboard shows them; platforms: <see cref="PlatformNames.RussianName"/>.</summary>
internal static class ReportNames
{
    public static string Of(WorkList list) => list switch
    {
        WorkList.NoLabel => "Без метки «Госорганизация»",
        WorkList.NoDescription => "Без описания",
        WorkList.NoPosts => "Без постов за период",
        _ => "Мало ответов гражданам",
    };

    /// <summary>Components in the index's order with their column headers.</summary>
    public static IReadOnlyList<(string Key, string Header)> Components { get; } =
    [
        (IndexComponents.Engagement, "Вовлечённость (0–100)"),
        (IndexComponents.Reach, "Охват (0–100)"),
        (IndexComponents.Activity, "Активность (0–100)"),
        (IndexComponents.Responsiveness, "Ответы гражданам (0–100)"),
        (IndexComponents.Growth, "Рост аудитории (0–100)"),
        (IndexComponents.Compliance, "Оформление (0–100)"),
        (IndexComponents.ContentQuality, "Качество контента (0–100)"),
    ];
}
