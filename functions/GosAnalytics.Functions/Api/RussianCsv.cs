using System.Globalization;
using System.Text;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// CSV for Russian Excel, the convention of every export: UTF-8 with BOM (else Excel reads Cyrillic as cp1251), ';' as separator and
/// ',' as decimal mark (the ru-RU list and decimal separators), CRLF line ends, Russian headers. Written row by row to the response
/// body: an export of the whole country is never held in memory.
/// </summary>
internal static class RussianCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Rows between flushes to the response: the client starts receiving at once, and a write costs one flush per ~100 KB.</summary>
    private const int RowsPerFlush = 256;

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>An answer that writes <paramref name="headers"/> and then each of <paramref name="rows"/> as it is enumerated.</summary>
    public static StreamedAnswer Download(string fileName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        new(ContentType, fileName, (body, cancellationToken) => WriteAsync(body, headers, rows, cancellationToken));

    public static async Task WriteAsync(Stream body, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.UTF8.GetPreamble(), cancellationToken);
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(512);
        await writer.WriteAsync(Line(line, headers));
        var written = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(Line(line, row));
            if (++written % RowsPerFlush == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The CSV of rows written at once (tests, small lists).</summary>
    public static string ToText(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        var line = new StringBuilder();
        text.Append(Line(line, headers));
        foreach (var row in rows)
        {
            text.Append(Line(line, row));
        }

        return text.ToString();
    }

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", Russian);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(long? value) => value is { } v ? Number(v) : "";

    public static string Percent(double? fraction) => fraction is { } f ? Math.Round(f * 100, 2).ToString("0.##", Russian) : "";

    public static string Date(DateOnly day) => day.ToString("dd.MM.yyyy", Russian);

    /// <summary>A moment as Moscow time, the way Russian Excel reads a date and time: <c>31.01.2025 14:05</c>.</summary>
    public static string MoscowDateTime(DateTimeOffset at) =>
        at.ToOffset(Core.Domain.MoscowTime.Offset).ToString("dd.MM.yyyy HH:mm", Russian);

    public static string YesNo(bool? value) => value switch { true => "да", false => "нет", null => "нет данных" };

    /// <summary>
    /// An id Excel would read as a number (<c>70007812345678</c>, a MAX chat id <c>-70801090403050</c>) — shown as 7,00078E+13 and
    /// stored with 15 significant digits, so that the id is lost — is written as the formula <c>="70007812345678"</c>, which Excel
    /// (and LibreOffice with "Evaluate formulas" on, its default for CSV) reads as that text. Anything else is written as text already
    /// is. The formula is a string constant made here from digits only, so it cannot carry an injection (<see cref="Escape"/>).
    /// </summary>
    public static string Id(string id) => IsNumeric(id) ? $"=\"{id}\"" : id;

    /// <summary>What Excel makes of a cell <see cref="Id"/> wrote: the text of a <c>="…"</c> constant, or the cell as it is.</summary>
    public static string ExcelText(string cell) =>
        cell.Length >= 3 && cell.StartsWith("=\"", StringComparison.Ordinal) && cell.EndsWith('"') && cell.IndexOf('"', 2) == cell.Length - 1 ? cell[2..^1] : cell;

    private static bool IsNumeric(string id)
    {
        var digits = id.AsSpan(id.StartsWith('-') ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static string Line(StringBuilder line, IReadOnlyList<string> cells)
    {
        line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(';');
            }

            line.Append(Escape(cells[i]));
        }

        return line.Append("\r\n").ToString();
    }

    /// <summary>
    /// Quotes a cell that holds a separator, quote or line break; neutralises a cell a spreadsheet could read as a formula (CSV injection:
    /// OWASP's list of first characters, <c>= + - @</c>, tab and carriage return) with a leading apostrophe. A number such as -5 stays one,
    /// and so does an id's text constant from <see cref="Id"/>.
    /// </summary>
    public static string Escape(string cell)
    {
        if (cell.Length > 0 && (cell[0] is '\t' or '\r' || ("=+-@".Contains(cell[0]) && !double.TryParse(cell, NumberStyles.Float, Russian, out _) && !IsIdConstant(cell))))
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static bool IsIdConstant(string cell) =>
        cell.Length > 3 && cell.StartsWith("=\"", StringComparison.Ordinal) && cell.EndsWith('"') && IsNumeric(cell[2..^1]);
}

/// <summary>An answer written straight to the response body (a download of any length), with its content type and file name.</summary>
public sealed class StreamedAnswer(string contentType, string fileName, Func<Stream, CancellationToken, Task> write)
{
    public string ContentType { get; } = contentType;

    public string FileName { get; } = fileName;

    public Task WriteAsync(Stream body, CancellationToken cancellationToken) => write(body, cancellationToken);
}
