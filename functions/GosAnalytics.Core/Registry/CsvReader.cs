using System.Text;

namespace GosAnalytics.Core.Registry;

/// <summary>One record of a CSV file: the line it starts on (1-based, as a text editor counts), its fields, and a syntax error if it has one.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>The records of a CSV file and the delimiter they were split on.</summary>
public sealed record CsvDocument(char Delimiter, IReadOnlyList<CsvRecord> Records);

/// <summary>
/// RFC 4180 reader for files analysts save from Excel or LibreOffice: the delimiter (<c>;</c>, <c>,</c> or tab) is detected
/// from the header line, because Russian Excel writes <c>;</c>; quoted fields may hold delimiters, <c>""</c> and line breaks;
/// blank lines and lines of only delimiters (Excel's empty rows) are skipped. A leading byte-order mark is ignored.
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
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var delimiter = DetectDelimiter(text);
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
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoteLine = 0;
        var fieldWasQuoted = false;
        var afterClosingQuote = false;
        string? error = null;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;
            afterClosingQuote = false;
        }

        void EndRecord()
        {
            EndField();
            if (error is not null || fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                records.Add(new CsvRecord(recordLine, fields.ToArray(), error));
            }

            fields.Clear();
            error = null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                }
                else
                {
                    // A line break inside quotes is part of the value, but the editor still shows a new line.
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == delimiter)
            {
                EndField();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
                line++;
                recordLine = line;
            }
            else if (c == '"' && field.Length == 0 && !fieldWasQuoted)
            {
                inQuotes = true;
                quoteLine = line;
                fieldWasQuoted = true;
            }
            else
            {
                if (afterClosingQuote && !char.IsWhiteSpace(c))
                {
                    error ??= "text follows a closing quote inside a value; a quote inside a quoted value is written as two quotes (\"\").";
                }

                field.Append(c);
            }
        }

        if (inQuotes)
        {
            error ??= $"the quote that opens a value on line {quoteLine} is never closed, so the rest of the file was read into that value.";
        }

        if (inQuotes || fieldWasQuoted || field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        return records;
    }
}
