using System.Globalization;
using System.Text;
using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// A region's work lists as CSV for Russian Excel, as <see cref="RankingCsv"/> writes rankings (UTF-8 with BOM, ';', decimal comma, CRLF,
/// Russian headers); the list is a column, so one file holds all four. Page ids are written as <c>="…"</c> so that Excel keeps them as
/// text instead of turning a long numeric id into 7,00078E+13.
/// </summary>
internal static class WorklistCsv
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static string FileName(WorklistResponse response) =>
        $"gosanalytics-worklists-{response.Run.MetricDay:yyyy-MM-dd}-{response.Period.ToCode()}-region-{response.RegionCode:D2}"
        + (response.Lists.Count == 1 ? $"-{response.Lists[0].List.ToCode()}" : "") + ".csv";

    public static byte[] Write(WorklistResponse response)
    {
        var text = new StringBuilder();
        Append(text,
        [
            "Список", "Место в регионе", "Платформа", "ID страницы", "Название", "Короткое имя", "Тип организации", "Подписчики", "Индекс качества (0–100)",
            "Постов за период", "Комментариев граждан", "Доля отвеченных, %", "Медиана времени ответа, ч", "Регион", "Дата метрик", "Период",
        ]);
        foreach (var list in response.Lists)
        {
            foreach (var item in list.Items)
            {
                Append(text,
                [
                    RankingCsv.Escape(ReportNames.Of(list.List)), Number(item.RegionRank), RankingCsv.Escape(item.Platform.RussianName()), TextCell(item.PageId),
                    RankingCsv.Escape(item.Name), TextCell(item.ScreenName), RankingCsv.Escape(item.Kind.RussianName()), Number(item.Subscribers), Decimal(item.Index),
                    Number(item.Posts), Number(item.CitizenComments), item.AnsweredShare is { } share ? Decimal(share * 100) : "",
                    item.MedianAnswerHours is { } hours ? Decimal(hours) : "", RankingCsv.Escape($"{response.RegionCode:D2} {response.RegionName}"),
                    response.Run.MetricDay.ToString("dd.MM.yyyy", Russian), RankingCsv.Escape(PeriodName(response.Period)),
                ]);
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>An id or screen name Excel must keep as text: <c>="70007812345"</c>. Other text is escaped as any cell.</summary>
    internal static string TextCell(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '@')
            ? $"\"=\"\"{value}\"\"\""
            : RankingCsv.Escape(value);

    private static string PeriodName(Period period) => period switch
    {
        Period.Day => "день",
        Period.Week => "неделя",
        _ => "30 дней",
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Decimal(double value) => Math.Round(value, 2).ToString("0.##", Russian);

    /// <summary>Cells already escaped (or deliberately a formula), joined with ';' and ended with CRLF.</summary>
    private static void Append(StringBuilder text, IReadOnlyList<string> cells)
    {
        text.AppendJoin(';', cells);
        text.Append("\r\n");
    }
}
