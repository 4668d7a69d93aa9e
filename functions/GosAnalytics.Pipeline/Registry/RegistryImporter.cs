using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline.Registry;

/// <summary>
/// Adds the pages of an analyst's CSV to the registry. Every row is checked first; by default one bad row means nothing is
/// written, so a file is either in or out and can simply be fixed and sent again. Pages already registered are reported and
/// left as they are (an import adds pages; it never edits them), which also makes sending the same file twice harmless.
/// </summary>
public sealed class RegistryImporter(PageRegistry registry, ILogger<RegistryImporter> logger)
{
    public async Task<RegistryImportReport> ImportAsync(ReadOnlyMemory<byte> content, RegistryImportOptions options, CancellationToken cancellationToken) =>
        await ImportAsync(RegistryFile.Validate(content.Span), options, cancellationToken);

    public async Task<RegistryImportReport> ImportAsync(string text, RegistryImportOptions options, CancellationToken cancellationToken) =>
        await ImportAsync(RegistryFile.Validate(text), options, cancellationToken);

    private async Task<RegistryImportReport> ImportAsync(RegistryFileValidation file, RegistryImportOptions options, CancellationToken cancellationToken)
    {
        var duplicates = new List<RegistryImportDuplicate>();
        var newPages = new List<RegisteredPage>();
        if (file.Rows.Count > 0)
        {
            // One scan of the registry instead of a read per row: a file can hold thousands of pages, the registry ~130,000.
            var registered = (await registry.ListAsync(cancellationToken)).ToDictionary(page => page.Key);
            foreach (var row in file.Rows)
            {
                if (registered.TryGetValue(row.Page.Key, out var existing))
                {
                    duplicates.Add(Duplicate(row, existing));
                }
                else
                {
                    newPages.Add(row.Page);
                }
            }
        }

        var write = !options.DryRun && newPages.Count > 0 && (!file.HasErrors || options.ImportValidRows);
        if (write)
        {
            await registry.UpsertAsync(newPages, cancellationToken);
        }

        var report = new RegistryImportReport(
            file.RowsRead,
            file.Rows.Count,
            newPages.Count,
            write ? newPages.Count : 0,
            duplicates.Count,
            file.Errors.Count,
            write,
            options.DryRun,
            options.ImportValidRows,
            duplicates.Take(options.MaxReportedProblems).ToList(),
            file.Errors.OrderBy(e => e.Line ?? 0).Take(options.MaxReportedProblems).ToList());
        logger.LogInformation(
            "Registry import: {RowsRead} rows, {NewPages} new pages, {Duplicates} already registered, {Errors} errors; wrote {Imported} (dry run {DryRun}, import valid rows {ImportValidRows})",
            report.RowsRead, report.NewPages, report.DuplicateCount, report.ErrorCount, report.Imported, options.DryRun, options.ImportValidRows);
        return report;
    }

    private static RegistryImportDuplicate Duplicate(RegistryRow row, RegisteredPage existing)
    {
        var message = $"already registered: region {existing.RegionCode}, kind {existing.Kind.ToCode()}";
        if (existing.RegionCode != row.Page.RegionCode || existing.Kind != row.Page.Kind)
        {
            // An import never edits a page, so a different region or kind in the file is worth pointing out.
            message += $" (this line says region {row.Page.RegionCode}, kind {row.Page.Kind.ToCode()}; the registry is not changed)";
        }

        return new RegistryImportDuplicate(row.Line, row.Page.Platform.ToCode(), row.Page.PageId, existing.RegionCode, existing.Kind.ToCode(), message + ".");
    }
}
