using System.Globalization;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Registry;

namespace GosAnalytics.ContentQuality.Trainer.Data;

/// <summary>
/// The trainer's CSV files, read with the registry's CSV reader (delimiter <c>,</c> <c>;</c> or tab from the header, quotes,
/// byte-order mark, strict UTF-8): collected outcomes labelled by <see cref="EngagementLabel"/>, or expert labels used as
/// they are. Every cell is checked and every problem reported as <c>FILE:LINE: column 'name': …</c> (docs/model-training.md).
/// </summary>
internal static class OutcomeCsv
{
    /// <summary>What each post row describes, in both files: the post as the model sees it.</summary>
    public static IReadOnlyList<string> PostColumns { get; } =
        ["pageKey", "postId", "publishedAt", "text", "photos", "videos", "links", "documents", "polls", "other", "isRepost", "isBroadcast"];

    /// <summary>The counters of a collected-outcomes file.</summary>
    public static IReadOnlyList<string> OutcomeColumns { get; } = ["views", "likes", "reposts", "comments"];

    /// <summary>The expert label column.</summary>
    public const string LabelColumn = "label";

    private static readonly string[] TrueWords = ["true", "1", "yes", "да"];
    private static readonly string[] FalseWords = ["false", "0", "no", "нет", ""];

    /// <summary>Collected outcomes (<c>--csv</c>), labelled by the page-relative engagement label.</summary>
    public static LabelledData ReadOutcomes(string file, CancellationToken cancellationToken)
    {
        var outcomes = Read(file, [.. PostColumns, .. OutcomeColumns], (row, pageKey, postId, content) => new PostOutcome(
            pageKey, postId, content, row.Counter("views", emptyIsNull: true), row.Counter("likes") ?? 0, row.Counter("reposts") ?? 0, row.Counter("comments") ?? 0),
            cancellationToken);
        return new LabelledData(EngagementLabel.Label(outcomes), ModelManifest.EngagementLabelKind, $"collected outcomes {Path.GetFileName(file)}");
    }

    /// <summary>Expert labels (<c>--expert-csv</c>): the label column is the target, ordered by page and post like engagement labels.</summary>
    public static LabelledData ReadExpertLabels(string file, CancellationToken cancellationToken)
    {
        var labelled = Read(file, [.. PostColumns, LabelColumn], (row, pageKey, postId, content) => new LabeledPost(pageKey, postId, content, row.Label()), cancellationToken);
        var ordered = labelled.OrderBy(p => p.PageKey, StringComparer.Ordinal).ThenBy(p => p.PostId, StringComparer.Ordinal).ToList();
        return new LabelledData(ordered, ModelManifest.ExpertLabelKind, $"expert labels {Path.GetFileName(file)}");
    }

    private static List<T> Read<T>(string file, IReadOnlyList<string> columns, Func<Row, string, string, PostContent, T> build, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw CliFailure.BadInput($"cannot read {file}: {reason}.");
        }

        if (!RegistryFile.TryDecode(bytes, out var text, out var decodeError))
        {
            throw new DataProblemsException(file, [new DataProblem(decodeError!.Line, null, decodeError.Message)]);
        }

        var document = CsvReader.Read(text);
        var problems = new List<DataProblem>();
        var header = ReadHeader(document, columns, problems);
        if (header is null)
        {
            throw new DataProblemsException(file, problems);
        }

        var items = new List<T>();
        var firstLineOf = new Dictionary<(string, string), int>();
        foreach (var record in document.Records.Skip(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = new Row(record, header, problems);
            if (!row.IsWellFormed())
            {
                continue;
            }

            var before = problems.Count;
            var pageKey = row.Text("pageKey");
            var postId = row.Text("postId");
            if (pageKey.Length > 0 && postId.Length > 0 && !firstLineOf.TryAdd((pageKey, postId), record.Line))
            {
                row.Fail("postId", $"post '{postId}' of page '{pageKey}' is also on line {firstLineOf[(pageKey, postId)]}.");
            }

            var publishedAt = row.Timestamp("publishedAt");
            var content = new PostContent(
                row.Raw("text"), row.Attachments("photos"), row.Attachments("videos"), row.Attachments("links"), row.Attachments("documents"),
                row.Attachments("polls"), row.Attachments("other"), row.Flag("isRepost"), row.Flag("isBroadcast"), publishedAt);
            var item = build(row, pageKey, postId, content);
            if (problems.Count == before)
            {
                items.Add(item);
            }
        }

        if (problems.Count == 0 && items.Count == 0)
        {
            problems.Add(new DataProblem(document.Records[0].Line, null, "the file has a header but no posts: add one line per post below it."));
        }

        return problems.Count == 0 ? items : throw new DataProblemsException(file, problems);
    }

    private static Dictionary<string, (int Index, string Name)>? ReadHeader(CsvDocument document, IReadOnlyList<string> columns, List<DataProblem> problems)
    {
        var expected = $"the columns are {string.Join(",", columns)}, separated by ',' ';' or a tab";
        if (document.Records.Count == 0)
        {
            problems.Add(new DataProblem(null, null, $"the file is empty: its first line must name the columns; {expected}."));
            return null;
        }

        var header = document.Records[0];
        if (header.Error is not null)
        {
            problems.Add(new DataProblem(header.Line, null, header.Error));
            return null;
        }

        var found = new Dictionary<string, (int, string)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (name.Length == 0)
            {
                continue; // Excel writes trailing delimiters for formatted but empty columns; values under them are checked per row.
            }

            var known = columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add(new DataProblem(header.Line, name, $"unknown column; {expected}."));
            }
            else if (!found.TryAdd(known, (i, name)))
            {
                problems.Add(new DataProblem(header.Line, name, $"the column appears twice (columns {found[known].Item1 + 1} and {i + 1})."));
            }
        }

        foreach (var missing in columns.Where(c => !found.ContainsKey(c)))
        {
            problems.Add(new DataProblem(header.Line, missing, $"missing from the header (the delimiter is {Describe(document.Delimiter)}); {expected}."));
        }

        return problems.Count == 0 ? found : null;
    }

    private static string Describe(char delimiter) => delimiter == '\t' ? "a tab" : $"'{delimiter}'";

    private static string Quote(string value) => $"'{(value.Length <= 60 ? value : value[..60] + "…")}'";

    /// <summary>One record's cells by column name; each failed check adds a problem and returns a placeholder.</summary>
    private sealed class Row(CsvRecord record, Dictionary<string, (int Index, string Name)> columns, List<DataProblem> problems)
    {
        public bool IsWellFormed()
        {
            if (record.Error is not null)
            {
                problems.Add(new DataProblem(record.Line, null, record.Error));
                return false;
            }

            var needed = columns.Values.Max(c => c.Index) + 1;
            if (record.Fields.Count < needed)
            {
                problems.Add(new DataProblem(record.Line, null, $"the line has {record.Fields.Count} values but the header has {needed} columns; a value holding the delimiter must be in double quotes."));
                return false;
            }

            var named = columns.Values.Select(c => c.Index).ToHashSet();
            for (var i = 0; i < record.Fields.Count; i++)
            {
                if (!named.Contains(i) && !string.IsNullOrWhiteSpace(record.Fields[i]))
                {
                    problems.Add(new DataProblem(record.Line, null, $"value {Quote(record.Fields[i].Trim())} is in column {i + 1}, which has no name in the header; a value holding the delimiter must be in double quotes."));
                    return false;
                }
            }

            return true;
        }

        public void Fail(string column, string message) => problems.Add(new DataProblem(record.Line, columns[column].Name, message));

        /// <summary>The cell as written (the post text keeps its own spacing and line breaks).</summary>
        public string Raw(string column) => record.Fields[columns[column].Index];

        public string Text(string column)
        {
            var value = Raw(column).Trim();
            if (value.Length == 0)
            {
                Fail(column, "empty; every post needs its page and post id.");
            }

            return value;
        }

        /// <summary>A whole number ≥ 0; an empty cell is 0, or null when <paramref name="emptyIsNull"/> (views a platform did not report).</summary>
        public long? Counter(string column, bool emptyIsNull = false)
        {
            var value = Raw(column).Trim();
            if (value.Length == 0)
            {
                return emptyIsNull ? null : 0;
            }

            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return count;
            }

            Fail(column, $"{Quote(value)} is not a whole number ≥ 0.");
            return 0;
        }

        /// <summary>How many attachments of a kind: a whole number ≥ 0, empty for none.</summary>
        public int Attachments(string column) => (int)Math.Min(int.MaxValue, Counter(column) ?? 0);

        public bool Flag(string column)
        {
            var value = Raw(column).Trim();
            if (TrueWords.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!FalseWords.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                Fail(column, $"{Quote(value)} is not a boolean; write true or false (1/0, yes/no, да/нет; empty is false).");
            }

            return false;
        }

        public DateTimeOffset Timestamp(string column)
        {
            if (Timestamps.TryParseUtc(Raw(column), out var instant, out var error))
            {
                return instant;
            }

            Fail(column, error);
            return default;
        }

        /// <summary>The expert's mark: a number, with a decimal point or (as Russian Excel writes it) a decimal comma.</summary>
        public float Label()
        {
            var value = Raw(LabelColumn).Trim();
            if (float.TryParse(value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var label) && float.IsFinite(label))
            {
                return label;
            }

            Fail(LabelColumn, value.Length == 0 ? "empty; every post of an expert file needs its mark." : $"{Quote(value)} is not a number.");
            return 0;
        }
    }
}
