using System.Text;
using CsvHelper;

namespace GosAnalytics.Core.Registry;

/// <summary>One record of a CSV file: the line it starts on (1-based, as a text editor counts), its fields, and a syntax error if it has one.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>The records of a CSV file and the delimiter they were split on.</summary>
public sealed record CsvDocument(char Delimiter, IReadOnlyList<CsvRecord> Records);

/// <summary>
/// RFC 4180 reader for files analysts save from Excel or LibreOffice: the delimiter (<c>;</c>, <c>,</c> or tab) is detected
/// from the header line, because Russian Excel writes <c>;</c>; quoted fields may hold delimiters, <c>""</c> and line breaks;
/// blank lines and lines of only delimiters (Excel's empty rows) are skipped. A leading byte-order mark is ignored.
/// The tokenizing (fields, quotes, line numbers) is CsvHelper's; this class picks the delimiter, drops empty rows and words
/// the quoting errors so that every record is still returned and every problem of a file is reported in one pass.
/// </summary>
public static class CsvReader
{
    /// <summary>Candidates in order of preference when the header has as many of one as of another.</summary>
    private static readonly char[] Candidates = [';', '\t', ','];

    public static IReadOnlyList<char> Delimiters => Candidates;

    /// <summary>
    /// A problem as every CLI of the project prints it, so editors and CI logs can jump to it:
    /// <c>FILE:LINE: column 'name': message</c>, without the column or line when the problem concerns a whole line or file.
    /// </summary>
    public static string DescribeProblem(string file, int? line, string? column, string message) => (line, column) switch
    {
        ({ } l, { } c) => $"{file}:{l}: column '{c}': {message}",
        ({ } l, null) => $"{file}:{l}: {message}",
        _ => $"{file}: {message}",
    };

    public static CsvDocument Read(string text)
    {
        // CsvHelper drops one leading byte-order mark itself, so the text is given to it as it is.
        var delimiter = DetectDelimiter(text.StartsWith('\uFEFF') ? text[1..] : text);
        return new CsvDocument(delimiter, Split(text, delimiter));
    }

    /// <summary>The candidate that occurs most often outside quotes on the first non-blank line.</summary>
    public static char DetectDelimiter(string text)
    {
        var counts = new int[Candidates.Length];
        var inQuotes = false;
        var seenContent = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\r' or '\n')
            {
                if (seenContent)
                {
                    break;
                }
            }
            else if (!inQuotes)
            {
                var index = Array.IndexOf(Candidates, c);
                if (index >= 0)
                {
                    counts[index]++;
                }
            }

            seenContent |= !char.IsWhiteSpace(c);
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Candidates[best];
    }

    private static List<CsvRecord> Split(string text, char delimiter)
    {
        var malformed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            TrackLineNumbers = true,
            // The delimiter is ours: a first line "sep=;" is data (a header error), as it always was.
            DetectSeparatorHint = false,
            // Malformed quoting is recovered (the default): a quote inside an unquoted value is text, text after a closing
            // quote is appended to the value, an unclosed quote runs to the end of the file. The record is noted here and
            // the problem worded below.
            OnMalformedRecord = record => malformed.Add(record.RecordNumber),
        };

        var records = new List<CsvRecord>();
        using var reader = CsvHelper.CsvReader.Create(new StringReader(text), options);
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            var line = checked((int)reader.LineNumber);
            var error = malformed.Contains(reader.RowNumber) ? QuotingError(reader, line) : null;
            if (error is not null || fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                records.Add(new CsvRecord(line, fields, error));
            }
        }

        return records;
    }

    /// <summary>
    /// The first quoting error of a record CsvHelper found malformed, or null when its only problems are harmless here: a quote
    /// inside an unquoted value (<c>ООО "Ромашка"</c>) and white space after a closing quote.
    /// </summary>
    private static string? QuotingError(CsvHelper.CsvReader reader, int line)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var raw = Encoding.UTF8.GetString(reader.GetRawSpan(i));
            if (!raw.StartsWith('"'))
            {
                continue;
            }

            var close = ClosingQuote(raw);
            if (close < 0)
            {
                // Only the last value of the file can be unclosed; its quote opens after the line breaks of the values before it.
                var quoteLine = line + LineBreaks(Encoding.UTF8.GetString(reader.RawRecord)) - LineBreaks(raw);
                return $"the quote that opens a value on line {quoteLine} is never closed, so the rest of the file was read into that value.";
            }

            foreach (var c in raw.AsSpan(close + 1))
            {
                if (!char.IsWhiteSpace(c))
                {
                    return "text follows a closing quote inside a value; a quote inside a quoted value is written as two quotes (\"\").";
                }
            }
        }

        return null;
    }

    /// <summary>The index of the quote that closes a value starting with a quote (<c>""</c> inside is an escaped quote), or -1.</summary>
    private static int ClosingQuote(string raw)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != '"')
            {
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    /// <summary>Line breaks as an editor counts them: CR LF, LF and a lone CR each once.</summary>
    private static int LineBreaks(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }
}
