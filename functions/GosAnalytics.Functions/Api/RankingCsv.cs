using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// The ranking as CSV for Russian Excel (<see cref="RussianCsv"/>): every page of the filtered scope, one row each, with its address,
/// the government label, views and citizens' comments; ids that Excel would turn into numbers are written as text.
/// </summary>
internal static class RankingCsv
{
    public const string ContentType = RussianCsv.ContentType;

    public static IReadOnlyList<string> Headers { get; } =
    [
        "Место", "Платформа", "ID страницы", "Название", "Ссылка (url)", "Код региона", "Регион", "Муниципалитет", "ID организации", "Тип организации", "Метка «Госорганизация»",
        "Подписчики", "Индекс качества (0–100)",
        .. ReportNames.Components.Select(c => c.Header),
        "Постов за период", "Постов в неделю", "Просмотры", "Комментарии граждан", "ER по просмотрам, %", "Охват, % подписчиков",
        "Доля отвеченных комментариев, %", "Медиана времени ответа, ч", "Прирост подписчиков, %", "Дата метрик", "Период", "Источник данных",
        "Изменение места к прошлому периоду", "Изменение индекса к прошлому периоду",
    ];

    public static string FileName(RankingExport export) =>
        $"gosanalytics-rankings-{export.Run.MetricDay:yyyy-MM-dd}-{export.Query.Period.ToCode()}{(export.Query.Region is { } r ? $"-region-{r:D2}" : "")}.csv";

    public static StreamedAnswer Download(RankingExport export) =>
        RussianCsv.Download(FileName(export), Headers, export.Items.Select(item => Row(item, export)));

    public static IReadOnlyList<string> Row(RankingItem ranked, RankingExport export)
    {
        var item = ranked.Entry;
        var m = item.Metrics;
        return
        [
            RussianCsv.Number(ranked.Rank), item.Platform.RussianName(), RussianCsv.Id(item.PageId), item.Name, ranked.Url ?? "",
            RussianCsv.Number(item.RegionCode), Regions.TryGet(item.RegionCode, out var region) ? region.RussianName : "",
            item.Municipality ?? "", RussianCsv.Id(item.OrganisationId ?? ""), item.Kind.RussianName(),
            RussianCsv.YesNo(item.Platform.ShowsGovernmentLabel() ? item.HasGovernmentLabel : null),
            RussianCsv.Number(item.Subscribers), RussianCsv.Number(item.Index),
            .. ReportNames.Components.Select(c => item.Components.TryGetValue(c.Key, out var v) ? RussianCsv.Number(v) : ""),
            RussianCsv.Number(m.Posts), RussianCsv.Number(m.PostsPerWeek), RussianCsv.Number(m.Views), RussianCsv.Number(m.CitizenComments),
            RussianCsv.Percent(m.ErViews), RussianCsv.Percent(m.ReachRate), RussianCsv.Percent(m.AnsweredShare),
            m.MedianAnswerHours is { } h ? RussianCsv.Number(h) : "", RussianCsv.Percent(m.SubscriberGrowth),
            RussianCsv.Date(ranked.MetricDay), export.Query.Period.RussianName(), export.Run.IsDemo ? "демо-данные" : export.Run.Source,
            ranked.RankChange is { } places ? RussianCsv.Number(places) : "", ranked.IndexChange is { } points ? RussianCsv.Number(points) : "",
        ];
    }

    /// <summary>Kept for the cell rules' tests: <see cref="RussianCsv.Escape"/>.</summary>
    internal static string Escape(string cell) => RussianCsv.Escape(cell);
}
