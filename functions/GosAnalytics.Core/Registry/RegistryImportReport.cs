namespace GosAnalytics.Core.Registry;

/// <summary>What the analyst asked for besides the file.</summary>
/// <param name="ImportValidRows">Write the valid new rows even when other rows have errors (default: all or nothing).</param>
/// <param name="DryRun">Validate and report; write nothing.</param>
/// <param name="MaxReportedProblems">Longest <c>errors</c> and <c>duplicates</c> lists in the report; the counts are always complete.</param>
public sealed record RegistryImportOptions(bool ImportValidRows = false, bool DryRun = false, int MaxReportedProblems = RegistryImportOptions.DefaultMaxReportedProblems)
{
    /// <summary>Keeps an HTTP answer about a 10 MB file of bad rows readable; the CLI reports everything.</summary>
    public const int DefaultMaxReportedProblems = 1000;
}

/// <summary>
/// A problem with the file, a line or a cell. <paramref name="Line"/> is as a text editor counts (the header is line 1;
/// null for the file as a whole), <paramref name="Column"/> the column as the header names it (null for the whole line),
/// <paramref name="Value"/> the cell as read.
/// </summary>
public sealed record RegistryImportError(int? Line, string? Column, string? Value, string Message);

/// <summary>A valid row whose page is already registered: not written, and its registered region and kind for comparison.</summary>
public sealed record RegistryImportDuplicate(int Line, string Platform, string PageId, int RegionCode, string Kind, string Message);

/// <summary>The outcome of one import: counts, every problem by line, and whether the registry was changed.</summary>
/// <param name="RowsRead">Data lines read (blank lines not counted).</param>
/// <param name="ValidRows">Rows without errors, registered or new.</param>
/// <param name="NewPages">Valid rows whose pages are not registered yet: what an import writes.</param>
/// <param name="Imported">Pages written by this call (0 on a dry run and when errors stopped an all-or-nothing import).</param>
/// <param name="Written">Whether this call changed the registry.</param>
public sealed record RegistryImportReport(
    int RowsRead,
    int ValidRows,
    int NewPages,
    int Imported,
    int DuplicateCount,
    int ErrorCount,
    bool Written,
    bool DryRun,
    bool ImportValidRows,
    IReadOnlyList<RegistryImportDuplicate> Duplicates,
    IReadOnlyList<RegistryImportError> Errors)
{
    /// <summary>
    /// Registered pages whose municipality or organisation the file changes (its optional columns are the registry's for the pages it
    /// lists): what an import updates. Region, kind and screen name of a registered page never change.
    /// </summary>
    public int UpdatedPages { get; init; }

    /// <summary>Registered pages whose municipality or organisation this call updated (0 on a dry run and when errors stopped an all-or-nothing import).</summary>
    public int Updated { get; init; }
}
