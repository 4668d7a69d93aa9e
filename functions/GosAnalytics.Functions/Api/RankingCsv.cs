using System.Globalization;
using System.Text;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// CSV for Russian Excel: UTF-8 with BOM (else Excel reads Cyrillic as cp1251), ';' as separator and ',' as decimal mark
/// (the ru-RU list and decimal separators), CRLF line ends, Russian headers.
/// </summary>
internal static class RankingCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private static readonly (string Key, string Header)[] ComponentColumns =
    [
        (IndexComponents.Engagement, "Вовлечённость (0–100)"),
        (IndexComponents.Reach, "Охват (0–100)"),
        (IndexComponents.Activity, "Активность (0–100)"),
        (IndexComponents.Responsiveness, "Ответы гражданам (0–100)"),
        (IndexComponents.Growth, "Рост аудитории (0–100)"),
        (IndexComponents.Compliance, "Оформление (0–100)"),
        (IndexComponents.ContentQuality, "Качество контента (0–100)"),
    ];

    public static string FileName(RankingResponse response) =>
        $"gosanalytics-rankings-{response.Run.MetricDay:yyyy-MM-dd}-{response.Period.ToCode()}{(response.Region is { } r ? $"-region-{r:D2}" : "")}.csv";

    public static byte[] Write(RankingResponse response)
    {
        var text = new StringBuilder();
        string[] headers =
        [
            "Место", "Платформа", "ID страницы", "Название", "Код региона", "Регион", "Муниципалитет", "ID организации", "Тип организации", "Подписчики", "Индекс качества (0–100)",
            .. ComponentColumns.Select(c => c.Header),
            "Постов за период", "Постов в неделю", "ER по просмотрам, %", "Охват, % подписчиков", "Доля отвеченных комментариев, %",
            "Медиана времени ответа, ч", "Прирост подписчиков, %", "Дата метрик", "Период", "Источник данных",
        ];
        AppendRow(text, headers);
        foreach (var (rank, item, _, metricDay) in response.Page.Items)
        {
            var region = Regions.TryGet(item.RegionCode, out var found) ? found.RussianName : "";
            string[] row =
            [
                Number(rank), item.Platform.ToCode(), item.PageId, item.Name, Number(item.RegionCode), region, item.Municipality ?? "", item.OrganisationId ?? "", item.Kind.RussianName(), Number(item.Subscribers), Number(item.Index),
                .. ComponentColumns.Select(c => item.Components.TryGetValue(c.Key, out var v) ? Number(v) : ""),
                Number(item.Metrics.Posts), Number(item.Metrics.PostsPerWeek), Percent(item.Metrics.ErViews), Percent(item.Metrics.ReachRate),
                Percent(item.Metrics.AnsweredShare), item.Metrics.MedianAnswerHours is { } h ? Number(h) : "", Percent(item.Metrics.SubscriberGrowth),
                metricDay.ToString("dd.MM.yyyy", Russian), response.Period.ToCode(), response.Run.IsDemo ? "демо-данные" : response.Run.Source,
            ];
            AppendRow(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", Russian);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? fraction) => fraction is { } f ? Math.Round(f * 100, 2).ToString("0.##", Russian) : "";

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            text.Append(Escape(cells[i]));
        }

        text.Append("\r\n");
    }

    /// <summary>
    /// Quotes a cell that holds a separator, quote or line break; neutralises a cell a spreadsheet could read as a formula (CSV injection:
    /// OWASP's list of first characters, <c>= + - @</c>, tab and carriage return) with a leading apostrophe. A number such as -5 stays one.
    /// </summary>
    internal static string Escape(string cell)
    {
        if (cell.Length > 0 && (cell[0] is '\t' or '\r' || ("=+-@".Contains(cell[0]) && !double.TryParse(cell, NumberStyles.Float, Russian, out _))))
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
