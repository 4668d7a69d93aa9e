using System.Buffers;
using System.Text;
using System.Text.Unicode;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Registry;

/// <summary>A valid row of a registry file: its line and the page it registers.</summary>
public sealed record RegistryRow(int Line, RegisteredPage Page);

/// <summary>A registry file checked on its own, without the registry: valid rows, every error, and how many data lines it has.</summary>
/// <param name="OptionalColumns">The optional columns its header names (<see cref="RegistryFile.OptionalColumns"/>, canonical names): an
/// import takes their values, an empty cell included, as the registry's for pages already registered.</param>
public sealed record RegistryFileValidation(int RowsRead, IReadOnlyList<RegistryRow> Rows, IReadOnlyList<RegistryImportError> Errors, IReadOnlyList<string>? OptionalColumns = null)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// Reads and checks a registry CSV: columns <c>platform</c>, <c>page</c>, <c>region</c>, <c>kind</c> (or платформа, страница,
/// регион, тип) in any order, optionally <c>municipality</c>, <c>organisation</c> and <c>organisation name</c> (муниципалитет,
/// организация, название организации), one page per line. Every row is checked, so one pass reports every problem of the file.
/// </summary>
public static class RegistryFile
{
    public const string PlatformColumn = "platform";
    public const string PageColumn = "page";
    public const string RegionColumn = "region";
    public const string KindColumn = "kind";
    public const string MunicipalityColumn = "municipality";
    public const string OrganisationColumn = "organisation";
    public const string OrganisationNameColumn = "organisation name";

    /// <summary>The longest municipality and organisation name kept (after normalisation): longer is a pasted paragraph, not a name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest organisation id: an ОГРН has 13 digits, a region's own ids are short codes.</summary>
    public const int MaxOrganisationIdLength = 64;

    /// <summary>The columns every file must have.</summary>
    public static IReadOnlyList<string> Columns { get; } = [PlatformColumn, PageColumn, RegionColumn, KindColumn];

    /// <summary>Columns a file may add; a file without them imports as before.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = [MunicipalityColumn, OrganisationColumn, OrganisationNameColumn];

    private static readonly Dictionary<string, string> ColumnAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        [PlatformColumn] = PlatformColumn,
        ["платформа"] = PlatformColumn,
        [PageColumn] = PageColumn,
        ["страница"] = PageColumn,
        [RegionColumn] = RegionColumn,
        ["регион"] = RegionColumn,
        [KindColumn] = KindColumn,
        ["тип"] = KindColumn,
        [MunicipalityColumn] = MunicipalityColumn,
        ["муниципалитет"] = MunicipalityColumn,
        [OrganisationColumn] = OrganisationColumn,
        ["organization"] = OrganisationColumn,
        ["организация"] = OrganisationColumn,
        [OrganisationNameColumn] = OrganisationNameColumn,
        ["organization name"] = OrganisationNameColumn,
        ["название организации"] = OrganisationNameColumn,
    };

    private const string ExpectedHeader = "platform, page, region and kind (or платформа, страница, регион, тип), optionally municipality, organisation and "
        + "organisation name (муниципалитет, организация, название организации), separated by ';', ',' or a tab";

    /// <summary>Checks a file as uploaded: UTF-8 with or without a byte-order mark (UTF-16 with a mark is read too).</summary>
    public static RegistryFileValidation Validate(ReadOnlySpan<byte> content) =>
        TryDecode(content, out var text, out var error) ? Validate(text) : new RegistryFileValidation(0, [], [error!]);

    public static RegistryFileValidation Validate(string text)
    {
        var document = CsvReader.Read(text);
        if (document.Records.Count == 0)
        {
            return new RegistryFileValidation(0, [], [new RegistryImportError(null, null, null, $"The file is empty: its first line must name the columns {ExpectedHeader}.")]);
        }

        var header = document.Records[0];
        var errors = new List<RegistryImportError>();
        var columns = ReadHeader(header, document.Delimiter, errors);
        var rowsRead = document.Records.Count - 1;
        if (columns is null)
        {
            return new RegistryFileValidation(rowsRead, [], errors);
        }

        if (rowsRead == 0)
        {
            errors.Add(new RegistryImportError(header.Line, null, null, "The file has a header but no pages: add one line per page below it."));
        }

        var rows = new List<RegistryRow>();
        var firstLineOf = new Dictionary<PageKey, int>();
        foreach (var record in document.Records.Skip(1))
        {
            if (ReadRow(record, columns, document.Delimiter, errors) is not { } page)
            {
                continue;
            }

            if (firstLineOf.TryGetValue(page.Key, out var first))
            {
                var value = Cell(record, columns.IndexOf[PageColumn]);
                errors.Add(new RegistryImportError(record.Line, columns.NameOf[PageColumn], Shorten(value), $"{PageIdentifiers.Quote(value)} is a duplicate of line {first} (both are {page.Key})."));
                continue;
            }

            firstLineOf[page.Key] = record.Line;
            rows.Add(new RegistryRow(record.Line, page));
        }

        return new RegistryFileValidation(rowsRead, rows, errors, [.. OptionalColumns.Where(columns.IndexOf.ContainsKey)]);
    }

    /// <summary>Strict decoding: a file saved in Windows-1251 must fail with its line, not import as mojibake.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> content, out string text, out RegistryImportError? error)
    {
        error = null;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // Excel's "Unicode text" is UTF-16 with a byte-order mark.
            var encoding = content[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            text = encoding.GetString(content[2..]);
            return true;
        }

        var bytes = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            text = new string(chars, 0, written);
            return true;
        }

        var line = 1 + bytes[..read].Count((byte)'\n');
        error = new RegistryImportError(line, null, null,
            $"The file is not UTF-8 text (byte 0x{bytes[read]:X2} on this line; Windows-1251?): save it from Excel as \"CSV UTF-8\".");
        text = "";
        return false;
    }

    private static HeaderMap? ReadHeader(CsvRecord header, char delimiter, List<RegistryImportError> errors)
    {
        if (header.Error is not null)
        {
            errors.Add(new RegistryImportError(header.Line, null, null, Sentence(header.Error)));
            return null;
        }

        var names = header.Fields.Select(f => CollapseSpaces(f)).ToArray();
        if (!names.Any(ColumnAliases.ContainsKey))
        {
            var found = string.Join(", ", names.Where(n => n.Length > 0).Take(4).Select(PageIdentifiers.Quote));
            errors.Add(new RegistryImportError(header.Line, null, null, $"The first line must be a header naming the columns {ExpectedHeader}; found {found}."));
            return null;
        }

        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var nameOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var headerErrors = errors.Count;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (name.Length == 0)
            {
                continue; // Excel writes trailing delimiters for formatted but empty columns; values under them are checked per row.
            }

            if (!ColumnAliases.TryGetValue(name, out var column))
            {
                errors.Add(new RegistryImportError(header.Line, name, null, $"Unknown column {PageIdentifiers.Quote(name)}: the columns are {ExpectedHeader}."));
            }
            else if (indexOf.TryGetValue(column, out var earlier))
            {
                errors.Add(new RegistryImportError(header.Line, name, null, $"Column {PageIdentifiers.Quote(name)} appears twice (columns {earlier + 1} and {i + 1})."));
            }
            else
            {
                indexOf[column] = i;
                nameOf[column] = name;
            }
        }

        foreach (var column in Columns.Where(c => !indexOf.ContainsKey(c)))
        {
            errors.Add(new RegistryImportError(header.Line, column, null, $"Column '{column}' is missing from the header (the delimiter is {Describe(delimiter)}): the columns are {ExpectedHeader}."));
        }

        return errors.Count > headerErrors ? null : new HeaderMap(indexOf, nameOf, names.Length);
    }

    private static RegisteredPage? ReadRow(CsvRecord record, HeaderMap columns, char delimiter, List<RegistryImportError> errors)
    {
        if (record.Error is not null)
        {
            errors.Add(new RegistryImportError(record.Line, null, null, Sentence(record.Error)));
            return null;
        }

        var needed = columns.IndexOf.Values.Max() + 1;
        if (record.Fields.Count < needed)
        {
            errors.Add(new RegistryImportError(record.Line, null, null,
                $"The line has {record.Fields.Count} values but the header has {columns.Count} columns (the delimiter is {Describe(delimiter)})."));
            return null;
        }

        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (!columns.IndexOf.ContainsValue(i) && !string.IsNullOrWhiteSpace(record.Fields[i]))
            {
                errors.Add(new RegistryImportError(record.Line, null, Shorten(record.Fields[i]),
                    $"Value {PageIdentifiers.Quote(record.Fields[i].Trim())} is in column {i + 1}, which has no name in the header; a value containing {Describe(delimiter)} must be in double quotes."));
                return null;
            }
        }

        var page = ReadPage(
            Cell(record, columns.IndexOf[PlatformColumn]),
            Cell(record, columns.IndexOf[PageColumn]),
            Cell(record, columns.IndexOf[RegionColumn]),
            Cell(record, columns.IndexOf[KindColumn]),
            out var cellErrors,
            OptionalCell(record, columns, MunicipalityColumn),
            OptionalCell(record, columns, OrganisationColumn),
            OptionalCell(record, columns, OrganisationNameColumn));
        errors.AddRange(cellErrors.Select(e =>
            new RegistryImportError(record.Line, columns.NameOf[e.Column], Shorten(Cell(record, columns.IndexOf[e.Column])), e.Message)));
        return page;
    }

    /// <summary>
    /// Reads one page from the values of a registry row — what a CSV line holds, or what an operator confirms for a MAX channel —
    /// with the same checks and messages; null with <paramref name="errors"/> (by canonical column name) when a value is wrong. The
    /// municipality, organisation id and organisation name are optional (empty: none).
    /// </summary>
    public static RegisteredPage? ReadPage(
        string platformText,
        string pageText,
        string regionText,
        string kindText,
        out IReadOnlyList<RegistryCellError> errors,
        string? municipalityText = null,
        string? organisationText = null,
        string? organisationNameText = null)
    {
        var found = new List<RegistryCellError>();
        var platformOk = RegistryValues.TryParsePlatform(platformText.Trim(), out var platform, out var platformError);
        if (!platformOk)
        {
            found.Add(new RegistryCellError(PlatformColumn, platformError));
        }

        var identity = default(PageIdentity);
        if (platformOk && !PageIdentifiers.TryNormalize(platform, pageText.Trim(), out identity, out var pageError))
        {
            found.Add(new RegistryCellError(PageColumn, pageError));
        }
        else if (!platformOk && string.IsNullOrWhiteSpace(pageText))
        {
            found.Add(new RegistryCellError(PageColumn, "empty; expected the page's address, screen name or id."));
        }

        if (!RegistryValues.TryParseRegion(regionText.Trim(), out var region, out var regionError))
        {
            found.Add(new RegistryCellError(RegionColumn, regionError));
        }

        if (!RegistryValues.TryParseKind(kindText.Trim(), out var kind, out var kindError))
        {
            found.Add(new RegistryCellError(KindColumn, kindError));
        }

        var municipality = ReadName(municipalityText, MunicipalityColumn, "municipality", found);
        var organisationId = ReadOrganisationId(organisationText, found);
        var organisationName = ReadName(organisationNameText, OrganisationNameColumn, "organisation name", found);
        if (organisationName is not null && organisationId is null && !found.Any(e => e.Column == OrganisationColumn))
        {
            found.Add(new RegistryCellError(OrganisationNameColumn,
                $"{PageIdentifiers.Quote(organisationName)} names an organisation but column '{OrganisationColumn}' gives no id for it: the id links the organisation's pages."));
        }

        errors = found;
        return found.Count > 0 ? null : new RegisteredPage(platform, identity.PageId, identity.ScreenName, region, kind)
        {
            Municipality = municipality,
            OrganisationId = organisationId,
            OrganisationName = organisationName,
        };
    }

    /// <summary>Trimmed, every run of white space (a line break, a no-break space) one space: "Тамбовский  муниципальный округ" is one municipality.</summary>
    public static string CollapseSpaces(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// An organisation id as written, trimmed: 1–<see cref="MaxOrganisationIdLength"/> letters, digits, '-', '_' or '.', so that it can
    /// stand in an address (<c>/api/organisations/{id}</c>) unescaped by hand. Compared exactly.
    /// </summary>
    public static bool IsOrganisationId(string text) =>
        text.Length is > 0 and <= MaxOrganisationIdLength && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string? ReadOrganisationId(string? text, List<RegistryCellError> found)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (!IsOrganisationId(value))
        {
            found.Add(new RegistryCellError(OrganisationColumn,
                $"{PageIdentifiers.Quote(value)} is not an organisation id: expected 1–{MaxOrganisationIdLength} letters, digits, '-', '_' or '.' with no spaces (e.g. the body's ИНН or ОГРН)."));
            return null;
        }

        return value;
    }

    private static string? ReadName(string? text, string column, string what, List<RegistryCellError> found)
    {
        var value = CollapseSpaces(text);
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > MaxNameLength || value.Any(char.IsControl))
        {
            found.Add(new RegistryCellError(column,
                $"{PageIdentifiers.Quote(value.Length > 40 ? value[..40] + "…" : value)} is not a {what}: expected a name of at most {MaxNameLength} characters on one line."));
            return null;
        }

        return value;
    }

    private static string Cell(CsvRecord record, int index) => record.Fields[index].Trim();

    private static string? OptionalCell(CsvRecord record, HeaderMap columns, string column) =>
        columns.IndexOf.TryGetValue(column, out var index) ? Cell(record, index) : null;

    private static string Shorten(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= 200 ? trimmed : trimmed[..200] + "…";
    }

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Describe(char delimiter) => delimiter == '\t' ? "a tab" : $"'{delimiter}'";

    /// <summary>Where each known column is in the file (index and header text), and how many columns the header has.</summary>
    private sealed record HeaderMap(Dictionary<string, int> IndexOf, Dictionary<string, string> NameOf, int Count);
}

/// <summary>A wrong value of a registry row: its canonical column (<c>platform</c>, <c>page</c>, <c>region</c>, <c>kind</c>) and why.</summary>
public sealed record RegistryCellError(string Column, string Message);
