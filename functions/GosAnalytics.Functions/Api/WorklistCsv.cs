using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// A region's work lists as CSV for Russian Excel (<see cref="RussianCsv"/>); the list is a column, so one file holds all four. Ids
/// Excel would turn into numbers are written as text (<see cref="RussianCsv.Id"/>).
/// </summary>
internal static class WorklistCsv
{
    public static IReadOnlyList<string> Headers { get; } =
    [
        "Список", "Место в регионе", "Платформа", "ID страницы", "Название", "Короткое имя", "Тип организации", "Подписчики", "Индекс качества (0–100)",
        "Постов за период", "Комментариев граждан", "Доля отвеченных, %", "Медиана времени ответа, ч", "Код региона", "Регион", "Дата метрик", "Период",
    ];

    public static string FileName(WorklistResponse response) =>
        $"gosanalytics-worklists-{response.Run.MetricDay:yyyy-MM-dd}-{response.Period.ToCode()}-region-{response.RegionCode:D2}"
        + (response.Lists.Count == 1 ? $"-{response.Lists[0].List.ToCode()}" : "") + ".csv";

    public static StreamedAnswer Download(WorklistResponse response) =>
        RussianCsv.Download(FileName(response), Headers, response.Lists.SelectMany(list => list.Items.Select(item => Row(list.List, item, response))));

    private static IReadOnlyList<string> Row(WorkList list, WorklistItem item, WorklistResponse response) =>
    [
        ReportNames.Of(list), RussianCsv.Number(item.RegionRank), item.Platform.RussianName(), RussianCsv.Id(item.PageId), item.Name,
        RussianCsv.Id(item.ScreenName), item.Kind.RussianName(), RussianCsv.Number(item.Subscribers), RussianCsv.Number(item.Index),
        RussianCsv.Number(item.Posts), RussianCsv.Number(item.CitizenComments), RussianCsv.Percent(item.AnsweredShare),
        item.MedianAnswerHours is { } hours ? RussianCsv.Number(hours) : "", RussianCsv.Number(response.RegionCode), response.RegionName,
        RussianCsv.Date(response.Run.MetricDay), response.Period.RussianName(),
    ];
}
