using GosAnalytics.Core.Domain;
using GosAnalytics.LocalHost.Commands;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary><c>registry-import</c> end to end against a private Azurite, the connection passed as the local host takes settings.</summary>
public sealed class RegistryImportCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("registry-import-").FullName;

    private PageRegistry Registry => new(azurite.Storage);

    [Fact]
    public async Task A_valid_file_is_imported_and_the_command_exits_0()
    {
        var (a, b) = (RegistryCsv.NewPageId(), RegistryCsv.NewPageId());
        var file = Write("pages.csv", $"платформа;страница;регион;тип\nвк;https://vk.com/club{a};28;Образование\nok;{b};28;culture\n");

        var (exitCode, output, error) = await RunAsync(file);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Imported 2 new pages into the registry. 2 rows read: 2 new pages, 0 already registered, 0 errors.", output);
        Assert.NotNull(await Registry.GetAsync(new PageKey(Platform.Vk, a), CancellationToken.None));
        Assert.NotNull(await Registry.GetAsync(new PageKey(Platform.Ok, b), CancellationToken.None));
    }

    [Fact]
    public async Task Errors_are_printed_as_file_line_column_and_nothing_is_imported_with_exit_code_1()
    {
        var id = RegistryCsv.NewPageId();
        var file = Write("bad.csv", $"platform;page;region;kind\nvk;club{id};28;education\nvk;club5;99a;education\nmyspace;x;28;sport\n");

        var (exitCode, output, error) = await RunAsync(file);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            [
                $"{file}:3: column 'region': '99a' is not a region code: expected one of the 89 federal subject codes from 1 to 95 (e.g. 28 for Amur oblast).",
                $"{file}:4: column 'platform': 'myspace' is not a platform: expected vk, ok, telegram or max (or вк, вконтакте, ок, одноклассники, телеграм, макс).",
            ],
            Lines(error));
        Assert.Contains("Nothing was written. 3 rows read: 1 new page, 0 already registered, 2 errors.", output);
        Assert.Contains("--import-valid-rows", output);
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Vk, id), CancellationToken.None));
    }

    [Fact]
    public async Task With_import_valid_rows_the_valid_rows_are_written_and_the_errors_still_printed()
    {
        var id = RegistryCsv.NewPageId();
        var file = Write("mixed.csv", $"platform,page,region,kind\nvk,club{id},28,education\nvk,https://vk.com/id1,28,education\n");

        var (exitCode, output, error) = await RunAsync(file, "--import-valid-rows");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{file}:3: column 'page': 'https://vk.com/id1' is a user profile, not a community", Assert.Single(Lines(error)));
        Assert.Contains("Imported 1 new page into the registry.", output);
        Assert.NotNull(await Registry.GetAsync(new PageKey(Platform.Vk, id), CancellationToken.None));
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_prints_each_duplicate_and_exits_0()
    {
        var id = RegistryCsv.NewPageId();
        var file = Write("twice.csv", $"platform;page;region;kind\nvk;club{id};28;education\n");
        Assert.Equal(0, (await RunAsync(file)).ExitCode);

        var (exitCode, output, _) = await RunAsync(file);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{file}:2: vk/{id} already registered: region 28, kind education.", Lines(output));
        Assert.Contains("Nothing to import", output);
    }

    [Fact]
    public async Task A_dry_run_checks_the_file_and_writes_nothing()
    {
        var id = RegistryCsv.NewPageId();
        var file = Write("dry.csv", $"platform;page;region;kind\nvk;club{id};28;education\n");

        var (exitCode, output, _) = await RunAsync(file, "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Contains("Dry run, nothing was written. 1 row read: 1 new page, 0 already registered, 0 errors.", output);
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Vk, id), CancellationToken.None));
    }

    [Theory]
    [InlineData(new string[0], "name the CSV file")]
    [InlineData(new[] { "no-such-file.csv" }, "no such file")]
    [InlineData(new[] { "pages.csv", "--force" }, "unknown option '--force'")]
    [InlineData(new[] { "a.csv", "b.csv" }, "one file at a time")]
    public async Task Usage_errors_say_what_is_wrong_show_the_usage_and_exit_2(string[] args, string mentioned)
    {
        var error = new StringWriter();

        var exitCode = await RegistryImportCommand.RunAsync(args, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains(mentioned, error.ToString());
        Assert.Contains("Usage: dotnet run --project functions/GosAnalytics.LocalHost -- registry-import FILE", error.ToString());
    }

    [Fact]
    public async Task A_storage_setting_that_is_not_a_connection_string_exits_3_naming_the_setting()
    {
        var file = Write("any.csv", "platform;page;region;kind\nvk;club1;28;education\n");
        var error = new StringWriter();

        var exitCode = await RegistryImportCommand.RunAsync([file, "--AzureWebJobsStorage=not-a-connection-string"], TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.Contains("storage is not available (AzureWebJobsStorage)", error.ToString());
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var output = new StringWriter();

        Assert.Equal(0, await RegistryImportCommand.RunAsync(["--help"], output, TextWriter.Null, CancellationToken.None));
        Assert.Contains("--import-valid-rows", output.ToString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task An_import_with_no_storage_listening_refuses_instead_of_writing_into_a_throwaway_emulator()
    {
        var file = Write("nowhere.csv", $"platform;page;region;kind\nvk;club{RegistryCsv.NewPageId()};28;education\n");
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await RegistryImportCommand.RunAsync([file, $"--{StorageClients.ConnectionName}={LocalHost.Hosting.AzuriteEndpoints.OnFreePorts().ConnectionString}"], output, error, CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.Contains("Start the local host first", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = [file, .. options, $"--{StorageClients.ConnectionName}={azurite.ConnectionString}", "--LocalHost:StartAzurite=false"];
        var exitCode = await RegistryImportCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
