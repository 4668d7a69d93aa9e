using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline.Registry;

/// <summary>
/// Adds the pages of an analyst's CSV to the registry. Every row is checked first; by default one bad row means nothing is
/// written, so a file is either in or out and can simply be fixed and sent again. Pages already registered are reported; their
/// region, kind and screen name stay as registered, but the file's municipality and organisation columns (where its header has
/// them) become theirs — so a region links the pages it registered before those columns existed by sending its file again.
/// Sending the same file twice changes nothing the second time.
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
        var updatedPages = new List<RegisteredPage>();
        if (file.Rows.Count > 0)
        {
            // One scan of the registry instead of a read per row: a file can hold thousands of pages, the registry ~130,000.
            var registered = (await registry.ListAsync(cancellationToken)).ToDictionary(page => page.Key);
            foreach (var row in file.Rows)
            {
                if (registered.TryGetValue(row.Page.Key, out var existing))
                {
                    var updated = Reaffiliated(existing, row.Page, file.OptionalColumns ?? []);
                    if (updated is not null)
                    {
                        updatedPages.Add(updated);
                    }

                    duplicates.Add(Duplicate(row, existing, updated is not null));
                }
                else
                {
                    newPages.Add(row.Page);
                }
            }
        }

        var write = !options.DryRun && newPages.Count + updatedPages.Count > 0 && (!file.HasErrors || options.ImportValidRows);
        if (write)
        {
            await registry.UpsertAsync(newPages, cancellationToken);
            await registry.SaveAffiliationsAsync(updatedPages, cancellationToken);
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
            file.Errors.OrderBy(e => e.Line ?? 0).Take(options.MaxReportedProblems).ToList())
        {
            UpdatedPages = updatedPages.Count,
            Updated = write ? updatedPages.Count : 0,
        };
        logger.LogInformation(
            "Registry import: {RowsRead} rows, {NewPages} new pages, {Duplicates} already registered ({UpdatedPages} with a new municipality or organisation), {Errors} errors; wrote {Imported} and updated {Updated} (dry run {DryRun}, import valid rows {ImportValidRows})",
            report.RowsRead, report.NewPages, report.DuplicateCount, report.UpdatedPages, report.ErrorCount, report.Imported, report.Updated, options.DryRun, options.ImportValidRows);
        return report;
    }

    /// <summary>
    /// <paramref name="existing"/> with the municipality and organisation <paramref name="row"/> gives in the optional columns the file
    /// has (<paramref name="columns"/>; an empty cell clears), or null when nothing changes. A registered organisation name belongs to the
    /// organisation it named: it goes when a file without the name column moves the page to another organisation.
    /// </summary>
    private static RegisteredPage? Reaffiliated(RegisteredPage existing, RegisteredPage row, IReadOnlyList<string> columns)
    {
        var municipality = columns.Contains(RegistryFile.MunicipalityColumn) ? row.Municipality : existing.Municipality;
        var organisationId = columns.Contains(RegistryFile.OrganisationColumn) ? row.OrganisationId : existing.OrganisationId;
        var organisationName = columns.Contains(RegistryFile.OrganisationNameColumn) ? row.OrganisationName
            : organisationId == existing.OrganisationId ? existing.OrganisationName : null;
        return municipality == existing.Municipality && organisationId == existing.OrganisationId && organisationName == existing.OrganisationName
            ? null
            : existing with { Municipality = municipality, OrganisationId = organisationId, OrganisationName = organisationName };
    }

    private static RegistryImportDuplicate Duplicate(RegistryRow row, RegisteredPage existing, bool reaffiliated)
    {
        var message = $"already registered: region {existing.RegionCode}, kind {existing.Kind.ToCode()}";
        if (existing.RegionCode != row.Page.RegionCode || existing.Kind != row.Page.Kind)
        {
            // An import never changes a page's region or kind, so a different one in the file is worth pointing out.
            message += $" (this line says region {row.Page.RegionCode}, kind {row.Page.Kind.ToCode()}; they are not changed)";
        }

        if (reaffiliated)
        {
            message += "; its municipality and organisation are taken from this line";
        }

        return new RegistryImportDuplicate(row.Line, row.Page.Platform.ToCode(), row.Page.PageId, existing.RegionCode, existing.Kind.ToCode(), message + ".");
    }
}
