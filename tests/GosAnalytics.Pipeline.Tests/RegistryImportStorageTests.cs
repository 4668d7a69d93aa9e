using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Pipeline.Registry;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The importer against a real table on a private Azurite: what it writes, what it leaves alone, and what it reports.</summary>
public sealed class RegistryImportStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private PageRegistry Registry => new(azurite.Storage);

    private RegistryImporter Importer => new(Registry, NullLogger<RegistryImporter>.Instance);

    [Fact]
    public async Task A_file_with_one_bad_row_writes_nothing_and_leaves_the_registry_unchanged()
    {
        var (a, b) = (RegistryCsv.NewPageId(), RegistryCsv.NewPageId());
        await Registry.UpsertAsync([new RegisteredPage(Platform.Vk, RegistryCsv.NewPageId(), "", 28, OrganisationKind.Culture)], CancellationToken.None);
        var before = await Registry.ListAsync(CancellationToken.None);

        var report = await Importer.ImportAsync(RegistryCsv.Of($"vk;club{a};28;education", $"vk;public{b};28;sport", "vk;club1;99a;education"), new RegistryImportOptions(), CancellationToken.None);

        Assert.Equal((3, 2, 2, 0, 1, false), (report.RowsRead, report.ValidRows, report.NewPages, report.Imported, report.ErrorCount, report.Written));
        Assert.Equal(new RegistryImportError(4, "region", "99a", Assert.Single(report.Errors).Message), report.Errors[0]);
        Assert.Equal(before, await Registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Importing_valid_rows_writes_only_the_valid_ones_and_still_reports_the_errors()
    {
        var (a, b, c) = (RegistryCsv.NewPageId(), RegistryCsv.NewPageId(), RegistryCsv.NewPageId());

        var report = await Importer.ImportAsync(
            RegistryCsv.Of($"vk;https://vk.com/club{a};28;education", $"telegram;t.me/chan{b};28;Образование", $"vk;club{c};28;bank"),
            new RegistryImportOptions(ImportValidRows: true),
            CancellationToken.None);

        Assert.Equal((2, 2, true, 1), (report.NewPages, report.Imported, report.Written, report.ErrorCount));
        Assert.Equal(("kind", 4), (report.Errors[0].Column, report.Errors[0].Line));
        Assert.Equal(new RegisteredPage(Platform.Vk, a, "", 28, OrganisationKind.Education), await Registry.GetAsync(new PageKey(Platform.Vk, a), CancellationToken.None));
        Assert.Equal(new RegisteredPage(Platform.Telegram, $"chan{b}", $"chan{b}", 28, OrganisationKind.Education), await Registry.GetAsync(new PageKey(Platform.Telegram, $"chan{b}"), CancellationToken.None));
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Vk, c), CancellationToken.None));
    }

    [Fact]
    public async Task Municipality_and_organisation_are_written_to_the_registry_and_read_back()
    {
        var (a, b) = (RegistryCsv.NewPageId(), RegistryCsv.NewPageId());
        var file = "platform;page;region;kind;municipality;organisation;organisation name\n" +
            $"vk;club{a};28;education;Тамбовский муниципальный округ;org-{a};МОБУ СОШ с. Лазо\n" +
            $"ok;{b};28;education;Тамбовский муниципальный округ;org-{a};\n";

        var report = await Importer.ImportAsync(file, new RegistryImportOptions(), CancellationToken.None);

        Assert.Equal((2, 0), (report.Imported, report.ErrorCount));
        var vk = (await Registry.GetAsync(new PageKey(Platform.Vk, a), CancellationToken.None))!;
        var ok = (await Registry.GetAsync(new PageKey(Platform.Ok, b), CancellationToken.None))!;
        Assert.Equal(("Тамбовский муниципальный округ", $"org-{a}", "МОБУ СОШ с. Лазо"), (vk.Municipality, vk.OrganisationId, vk.OrganisationName));
        Assert.Equal(("Тамбовский муниципальный округ", $"org-{a}", (string?)null), (ok.Municipality, ok.OrganisationId, ok.OrganisationName));
        Assert.Contains(vk, await Registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pages_already_registered_are_reported_line_by_line_and_not_changed()
    {
        var (known, fresh) = (RegistryCsv.NewPageId(), RegistryCsv.NewPageId());
        var registered = new RegisteredPage(Platform.Vk, known, "", 28, OrganisationKind.Education);
        await Registry.UpsertAsync([registered], CancellationToken.None);

        var report = await Importer.ImportAsync(RegistryCsv.Of($"vk;club{fresh};28;sport", $"vk;https://vk.com/public{known};27;culture"), new RegistryImportOptions(), CancellationToken.None);

        var duplicate = Assert.Single(report.Duplicates);
        Assert.Equal((3, "vk", known, 28, "education"), (duplicate.Line, duplicate.Platform, duplicate.PageId, duplicate.RegionCode, duplicate.Kind));
        Assert.Equal("already registered: region 28, kind education (this line says region 27, kind culture; they are not changed).", duplicate.Message);
        Assert.Equal((1, 1, true, 0), (report.Imported, report.DuplicateCount, report.Written, report.ErrorCount));
        Assert.Equal(registered, await Registry.GetAsync(registered.Key, CancellationToken.None));
        Assert.NotNull(await Registry.GetAsync(new PageKey(Platform.Vk, fresh), CancellationToken.None));
    }

    [Fact]
    public async Task A_file_sent_again_with_municipality_and_organisation_links_pages_registered_without_them_and_changes_nothing_else()
    {
        var (vkId, okId) = (RegistryCsv.NewPageId(), RegistryCsv.NewPageId());
        var resting = new PageUnavailability("closed", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 8), 1);
        var vk = new RegisteredPage(Platform.Vk, vkId, "", 28, OrganisationKind.Education);
        var ok = new RegisteredPage(Platform.Ok, okId, "", 28, OrganisationKind.Education);
        await Registry.UpsertAsync([vk, ok], CancellationToken.None);
        await Registry.SaveAvailabilityAsync([ok with { Unavailable = resting }], CancellationToken.None);
        var file = "platform;page;region;kind;municipality;organisation;organisation name\n" +
            $"vk;club{vkId};28;education;Тамбовский муниципальный округ;org-{vkId};МОБУ СОШ с. Лазо\n" +
            $"ok;{okId};27;culture;Тамбовский муниципальный округ;org-{vkId};МОБУ СОШ с. Лазо\n";

        var report = await Importer.ImportAsync(file, new RegistryImportOptions(), CancellationToken.None);
        var again = await Importer.ImportAsync(file, new RegistryImportOptions(), CancellationToken.None);

        Assert.Equal((0, 2, 2, 2, true), (report.NewPages, report.DuplicateCount, report.UpdatedPages, report.Updated, report.Written));
        Assert.EndsWith("; its municipality and organisation are taken from this line.", report.Duplicates[0].Message);
        Assert.Contains("they are not changed", report.Duplicates[1].Message);
        var linked = vk with { Municipality = "Тамбовский муниципальный округ", OrganisationId = $"org-{vkId}", OrganisationName = "МОБУ СОШ с. Лазо" };
        Assert.Equal(linked, await Registry.GetAsync(vk.Key, CancellationToken.None));
        // Region, kind and what collection learnt stay: only the affiliation moves.
        Assert.Equal(
            ok with { Unavailable = resting, Municipality = linked.Municipality, OrganisationId = linked.OrganisationId, OrganisationName = linked.OrganisationName },
            await Registry.GetAsync(ok.Key, CancellationToken.None));
        Assert.Equal((0, 0, false), (again.UpdatedPages, again.Updated, again.Written));
    }

    [Fact]
    public async Task A_file_without_the_optional_columns_leaves_an_affiliation_as_it_is_and_one_with_empty_cells_clears_it()
    {
        var id = RegistryCsv.NewPageId();
        var linked = new RegisteredPage(Platform.Vk, id, "", 28, OrganisationKind.Culture) { Municipality = "город Белогорск", OrganisationId = $"org-{id}", OrganisationName = "ДК" };
        await Registry.UpsertAsync([linked], CancellationToken.None);

        var without = await Importer.ImportAsync(RegistryCsv.Of($"vk;club{id};28;culture"), new RegistryImportOptions(), CancellationToken.None);
        var unchanged = await Registry.GetAsync(linked.Key, CancellationToken.None);
        var emptied = await Importer.ImportAsync($"platform;page;region;kind;municipality;organisation\nvk;club{id};28;culture;;\n", new RegistryImportOptions(), CancellationToken.None);

        Assert.Equal((0, false), (without.UpdatedPages, without.Written));
        Assert.Equal(linked, unchanged);
        Assert.Equal((1, 1), (emptied.UpdatedPages, emptied.Updated));
        // The registered name belonged to the organisation the page has left.
        Assert.Equal(linked with { Municipality = null, OrganisationId = null, OrganisationName = null }, await Registry.GetAsync(linked.Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_moved_to_another_organisation_by_a_file_without_names_keeps_no_name_of_the_old_one()
    {
        var id = RegistryCsv.NewPageId();
        var linked = new RegisteredPage(Platform.Vk, id, "", 28, OrganisationKind.Culture) { OrganisationId = $"old-{id}", OrganisationName = "Старое название" };
        await Registry.UpsertAsync([linked], CancellationToken.None);

        var same = await Importer.ImportAsync($"platform;page;region;kind;organisation\nvk;club{id};28;culture;old-{id}\n", new RegistryImportOptions(), CancellationToken.None);
        var moved = await Importer.ImportAsync($"platform;page;region;kind;organisation\nvk;club{id};28;culture;new-{id}\n", new RegistryImportOptions(), CancellationToken.None);

        Assert.Equal(0, same.UpdatedPages);
        Assert.Equal(1, moved.Updated);
        Assert.Equal(linked with { OrganisationId = $"new-{id}", OrganisationName = null }, await Registry.GetAsync(linked.Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_dry_run_counts_the_registered_pages_it_would_link_and_writes_nothing()
    {
        var id = RegistryCsv.NewPageId();
        var page = new RegisteredPage(Platform.Vk, id, "", 28, OrganisationKind.Culture);
        await Registry.UpsertAsync([page], CancellationToken.None);

        var report = await Importer.ImportAsync($"platform;page;region;kind;municipality\nvk;club{id};28;culture;город Белогорск\n", new RegistryImportOptions(DryRun: true), CancellationToken.None);

        Assert.Equal((1, 0, false), (report.UpdatedPages, report.Updated, report.Written));
        Assert.Equal(page, await Registry.GetAsync(page.Key, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_page_twice_in_a_file_is_an_error_of_the_later_line_and_stops_the_import()
    {
        var id = RegistryCsv.NewPageId();
        var before = await Registry.ListAsync(CancellationToken.None);

        var report = await Importer.ImportAsync(RegistryCsv.Of($"vk;club{id};28;sport", $"vk;{id};28;sport"), new RegistryImportOptions(), CancellationToken.None);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "page"), (error.Line, error.Column));
        Assert.Contains("duplicate of line 2", error.Message);
        Assert.False(report.Written);
        Assert.Equal(before, await Registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Importing_the_same_file_again_reports_every_page_as_a_duplicate_and_changes_nothing()
    {
        var file = RegistryCsv.Of($"vk;club{RegistryCsv.NewPageId()};28;sport", $"ok;https://ok.ru/group/{RegistryCsv.NewPageId()};28;culture", $"telegram;@again{RegistryCsv.NewPageId()};28;youth");
        var first = await Importer.ImportAsync(file, new RegistryImportOptions(), CancellationToken.None);
        var after = await Registry.ListAsync(CancellationToken.None);

        var second = await Importer.ImportAsync(file, new RegistryImportOptions(), CancellationToken.None);

        Assert.Equal((3, true), (first.Imported, first.Written));
        Assert.Equal((0, 0, 3, false, 0), (second.NewPages, second.Imported, second.DuplicateCount, second.Written, second.ErrorCount));
        Assert.Equal([2, 3, 4], second.Duplicates.Select(d => d.Line));
        Assert.Equal(after, await Registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_imported_and_writes_nothing()
    {
        var id = RegistryCsv.NewPageId();

        var report = await Importer.ImportAsync(RegistryCsv.Of($"vk;club{id};28;sport"), new RegistryImportOptions(DryRun: true), CancellationToken.None);

        Assert.Equal((1, 0, false, true), (report.NewPages, report.Imported, report.Written, report.DryRun));
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Vk, id), CancellationToken.None));
    }

    [Fact]
    public async Task The_report_lists_at_most_the_requested_number_of_problems_but_counts_them_all()
    {
        var report = await Importer.ImportAsync(RegistryCsv.Of("vk;club1;0;sport", "vk;club2;0;sport", "vk;club3;0;sport"), new RegistryImportOptions(MaxReportedProblems: 2), CancellationToken.None);

        Assert.Equal(3, report.ErrorCount);
        Assert.Equal([2, 3], report.Errors.Select(e => e.Line));
    }
}
