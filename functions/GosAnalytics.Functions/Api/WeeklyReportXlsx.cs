using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// Writes the weekly report as an Excel workbook (docs/metrics.md §11.3), sheet by sheet and row by row with <see cref="OpenXmlWriter"/>:
/// no worksheet is built in memory. Russian headers, the header row frozen, column widths set, numbers as numbers with Russian-readable
/// formats, ids and names as text (so Excel never turns an id into 7,00078E+13).
/// </summary>
internal static class WeeklyReportXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The sheet of organisations: a row per organisation of the region, its pages' counts summed.</summary>
    public const string OrganisationsSheet = "По организациям";

    /// <summary>The sheet of pages: a row per page, with the organisation it belongs to.</summary>
    public const string PagesSheet = "По страницам";

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    // Cell formats, by index in the stylesheet below.
    private const uint Header = 1;
    private const uint Text = 2;
    private const uint Integer = 3;
    private const uint Decimal = 4;
    private const uint Percent = 5;

    public static string FileName(WeeklyReport report) =>
        $"gosanalytics-weekly-{report.Run.MetricDay:yyyy-MM-dd}-region-{report.RegionCode:D2}.xlsx";

    /// <summary>The work list sheets' names, in <see cref="WorkList"/> order (31 characters at most, as Excel allows).</summary>
    public static string SheetOf(WorkList list) => list switch
    {
        WorkList.NoLabel => "Без метки",
        WorkList.NoDescription => "Без описания",
        WorkList.NoPosts => "Без постов",
        _ => "Мало ответов",
    };

    public static void Write(WeeklyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        WriteStyles(workbook.AddNewPart<WorkbookStylesPart>());
        var sheets = new List<(string Name, string Id)>();

        sheets.Add((OrganisationsSheet, WriteSheet(workbook, OrganisationColumns(report), OrganisationRows(report))));
        sheets.Add((PagesSheet, WriteSheet(workbook, PagesColumns(report), PageRows(report))));
        foreach (var list in report.Worklists.Lists)
        {
            sheets.Add((SheetOf(list.List), WriteSheet(workbook, WorklistColumns(report), list.Items.Select(WorklistRow))));
        }

        sheets.Add(("Сведения", WriteSheet(workbook, [("Показатель", 34), ("Значение", 70)], AboutRows(report))));

        using var writer = OpenXmlWriter.Create(workbook);
        writer.WriteStartElement(new Workbook());
        writer.WriteStartElement(new Sheets());
        for (var i = 0; i < sheets.Count; i++)
        {
            writer.WriteElement(new Sheet { Name = sheets[i].Name, SheetId = (uint)(i + 1), Id = sheets[i].Id });
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    // ---- Sheets ----------------------------------------------------------------------------------------------------------------

    private static List<(string Header, double Width)> OrganisationColumns(WeeklyReport report)
    {
        List<(string, double)> columns =
        [
            ("Место в регионе", 10), ("ID организации", 18), ("Организация", 48), ("Тип организации", 28), ("Муниципалитет", 26), ("Платформы", 30),
        ];
        columns.AddRange(CountColumns(report));
        columns.Add(("Общий индекс (0–100), неделя", 16));
        return columns;
    }

    private static IEnumerable<Cell[]> OrganisationRows(WeeklyReport report)
    {
        foreach (var row in report.Organisations)
        {
            List<Cell> cells =
            [
                Number(row.RegionRank, Integer), TextCell(row.OrganisationId), TextCell(row.Name), TextCell(row.Kind.RussianName()), TextCell(row.Municipality ?? ""),
                TextCell(string.Join(", ", row.Platforms.Select(p => p.RussianName()))),
            ];
            cells.AddRange(CountCells(row.Weeks.Append(row.Month)));
            cells.Add(Number(row.CombinedIndex, Decimal));
            yield return [.. cells];
        }
    }

    /// <summary>Posts, likes, comments, reposts and views of each week, then of the 30 days.</summary>
    private static IEnumerable<(string Header, double Width)> CountColumns(WeeklyReport report) =>
        report.Weeks.Append(report.Month).SelectMany(span =>
        {
            var label = span == report.Month ? $"30 дней {Span(span)}" : $"неделя {Span(span)}";
            return new (string, double)[] { ($"Посты, {label}", 14), ($"Лайки, {label}", 14), ($"Комментарии, {label}", 16), ($"Репосты, {label}", 14), ($"Просмотры, {label}", 16) };
        });

    private static IEnumerable<Cell> CountCells(IEnumerable<ReportCounts> spans) =>
        spans.SelectMany(counts => new[] { Number(counts.Posts, Integer), Number(counts.Likes, Integer), Number(counts.Comments, Integer), Number(counts.Reposts, Integer), Number(counts.Views, Integer) });

    private static List<(string Header, double Width)> PagesColumns(WeeklyReport report)
    {
        List<(string, double)> columns =
        [
            ("Место в регионе", 10), ("Платформа", 15), ("ID страницы", 16), ("Название", 48), ("Короткое имя", 22), ("ID организации", 18), ("Тип организации", 28), ("Подписчики", 13),
        ];
        columns.AddRange(CountColumns(report));
        columns.Add(("Индекс качества (0–100), неделя", 16));
        columns.AddRange(ReportNames.Components.Select(c => (c.Header, 16.0)));
        return columns;
    }

    private static IEnumerable<Cell[]> PageRows(WeeklyReport report)
    {
        foreach (var row in report.Rows)
        {
            List<Cell> cells =
            [
                Number(row.RegionRank, Integer), TextCell(row.Platform.RussianName()), TextCell(row.PageId), TextCell(row.Name), TextCell(row.ScreenName),
                TextCell(row.OrganisationId ?? ""), TextCell(row.Kind.RussianName()), Number(row.Subscribers, Integer),
            ];
            cells.AddRange(CountCells(row.Weeks.Append(row.Month)));

            cells.Add(Number(row.Index, Decimal));
            cells.AddRange(ReportNames.Components.Select(c => row.Components.TryGetValue(c.Key, out var v) ? Number(v, Decimal) : Empty()));
            yield return [.. cells];
        }
    }

    private static List<(string Header, double Width)> WorklistColumns(WeeklyReport report) =>
    [
        ("Место в регионе", 10), ("Платформа", 15), ("ID страницы", 16), ("Название", 48), ("Короткое имя", 22), ("Тип организации", 28), ("Подписчики", 13),
        ("Индекс качества (0–100)", 14), ("Постов за неделю", 12), ("Комментариев граждан", 14), ("Доля отвеченных", 12), ("Медиана времени ответа, ч", 14),
    ];

    private static Cell[] WorklistRow(WorklistItem item) =>
    [
        Number(item.RegionRank, Integer), TextCell(item.Platform.RussianName()), TextCell(item.PageId), TextCell(item.Name), TextCell(item.ScreenName),
        TextCell(item.Kind.RussianName()), Number(item.Subscribers, Integer), Number(item.Index, Decimal), Number(item.Posts, Integer),
        Number(item.CitizenComments, Integer), Number(item.AnsweredShare, Percent), Number(item.MedianAnswerHours is { } h ? Math.Round(h, 1) : null, Decimal),
    ];

    private static IEnumerable<Cell[]> AboutRows(WeeklyReport report)
    {
        yield return [TextCell("Регион"), TextCell($"{report.RegionCode:D2} — {report.RegionName}")];
        yield return [TextCell("Данные за"), TextCell(report.Run.MetricDay.ToString("d MMMM yyyy", Russian))];
        yield return [TextCell("Недели"), TextCell(string.Join("; ", report.Weeks.Select(Span)))];
        yield return [TextCell("30 дней"), TextCell(Span(report.Month))];
        yield return [TextCell("Источник данных"), TextCell(report.Run.IsDemo ? Storage.Contracts.RunStamp.DemoNotice : report.Run.Source)];
        yield return [TextCell("Рассчитано"), TextCell($"{RussianCsv.MoscowDateTime(report.Run.GeneratedAt)} МСК (расчёт {report.Run.RunId}, попытка {report.Run.Attempt})")];
        yield return [TextCell("Счётчики"), TextCell("лайки, комментарии, репосты и просмотры — на момент последнего сбора; MAX не сообщает лайков и репостов (пусто)")];
        yield return [TextCell("Порог «мало ответов»"), Number(report.Worklists.AnsweredBelow, Percent)];
    }

    private static string Span(ReportSpan span) => $"{span.First.ToString("dd.MM", Russian)}–{span.Last.ToString("dd.MM.yyyy", Russian)}";

    /// <summary>One worksheet: widths, the header row frozen with a filter over it, then the rows as they come.</summary>
    private static string WriteSheet(WorkbookPart workbook, IReadOnlyList<(string Header, double Width)> columns, IEnumerable<Cell[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new StringValue("A2")]) })
        { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        writer.WriteElement(new Row(columns.Select(c => TextCell(c.Header, Header))) { RowIndex = 1 });
        var index = 1u;
        foreach (var cells in rows)
        {
            writer.WriteElement(new Row(cells) { RowIndex = ++index });
        }

        writer.WriteEndElement();
        writer.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(columns.Count)}{index}" });
        writer.WriteEndElement();
        return workbook.GetIdOfPart(part);
    }

    // ---- Cells -----------------------------------------------------------------------------------------------------------------

    private static Cell TextCell(string text, uint style = Text) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(double? value, uint style) =>
        value is { } v && double.IsFinite(v)
            ? new Cell(new CellValue(v)) { DataType = CellValues.Number, StyleIndex = style }
            : Empty();

    private static Cell Empty() => new() { StyleIndex = Text };

    /// <summary>A, B, …, Z, AA, AB, …: the letters of the 1-based column <paramref name="number"/>.</summary>
    internal static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + ((number - 1) % 26)) + name;
        }

        return name;
    }

    private static void WriteStyles(WorkbookStylesPart part)
    {
        part.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" }) { Count = 1 },
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EEF7" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 2, BorderId = 0, NumberFormatId = 49, ApplyFont = true, ApplyFill = true, ApplyAlignment = true, ApplyNumberFormat = true },
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 49, ApplyNumberFormat = true },
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 3, ApplyNumberFormat = true },
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 4, ApplyNumberFormat = true },
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 6 });
    }
}
