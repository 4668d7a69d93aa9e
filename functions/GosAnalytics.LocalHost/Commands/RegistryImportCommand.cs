using System.CommandLine;
using Azure;
using GosAnalytics.Core.Registry;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Pipeline;
using GosAnalytics.Pipeline.Registry;
using GosAnalytics.Storage;

namespace GosAnalytics.LocalHost.Commands;

/// <summary>
/// <c>registry-import</c>: adds the pages of an analyst's CSV to the page registry of the storage the local host uses,
/// printing each problem as <c>FILE:LINE: column 'region': …</c> so that editors and terminals can jump to it.
/// </summary>
internal static class RegistryImportCommand
{
    public const string Name = "registry-import";

    /// <summary>Runs <c>registry-import ARGS</c> (the arguments after the command's name) and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        LocalHostCommands.RunAsync([Name, .. args], output, error, cancellationToken);

    internal static Command Create(IReadOnlyDictionary<string, string?> settings)
    {
        var file = new Argument<string>("FILE") { Description = "the CSV file to import" };
        var importValidRows = new Option<bool>("--import-valid-rows")
        {
            Description = "write the valid new rows even when other rows have errors [default: all or nothing]",
            Arity = ArgumentArity.Zero,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "check the file against the registry and report; write nothing", Arity = ArgumentArity.Zero };
        var command = new Command(
            Name,
            "Adds the pages of an analyst's CSV to the page registry of the storage the local host uses.\n" +
            "FILE: a header line first, platform;page;region;kind (or платформа;страница;регион;тип); ';' ',' or tab; UTF-8.\n" +
            "Each problem is printed as FILE:LINE: column 'region': …, then a summary.\n" +
            "Storage is AzureWebJobsStorage as for the local host; import while the local host runs (a dry run starts a throwaway Azurite if nothing listens).\n" +
            LocalHostCommands.SettingsHelp + "\n" +
            "Exit code 0: imported (or valid, on a dry run); 1: the file has errors; 2: usage error (no such file, unknown option); 3: storage unavailable.")
        {
            file,
            importValidRows,
            dryRun,
        };
        command.SetAction((line, cancellationToken) => ImportAsync(
            line, line.GetValue(file)!, new RegistryImportOptions(line.GetValue(importValidRows), line.GetValue(dryRun), MaxReportedProblems: int.MaxValue), settings, cancellationToken));
        return command;
    }

    private static async Task<int> ImportAsync(
        ParseResult line, string file, RegistryImportOptions options, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var (output, error) = (line.InvocationConfiguration.Output, line.InvocationConfiguration.Error);
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = exception is FileNotFoundException or DirectoryNotFoundException ? "no such file" : exception.Message;
            await CommandLineRunner.WriteUsageErrorAsync(error, line.CommandResult.Command, [$"cannot read {file}: {reason}"]);
            return ExitCodes.BadInput;
        }

        var configuration = BuildConfiguration(settings);
        var hostOptions = configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        // An emulator this command started itself would keep the pages in memory and lose them on exit: only a dry run may use one.
        if (!options.DryRun && AzuriteEndpoints.FromConnectionString(configuration[StorageClients.ConnectionName]) is { } local && !local.IsReachable())
        {
            await error.WriteLineAsync(
                $"{Name}: nothing listens at the development storage (blob port {local.BlobPort}). Start the local host first " +
                "(dotnet run --project functions/GosAnalytics.LocalHost) and import while it runs, so that the pages land in its storage; " +
                "--dry-run checks the file without it.");
            return ExitCodes.RuntimeFailure;
        }

        AzuriteProcess? azurite = null;
        try
        {
            azurite = await DevelopmentStorage.StartAzuriteIfNeededAsync(configuration, hostOptions, cancellationToken);
            var services = new ServiceCollection()
                // The printed report is this command's output; logs would only repeat it, so only warnings and errors show.
                .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .AddSingleton(configuration)
                .AddGosAnalyticsPipeline(configuration);
            await using var provider = services.BuildServiceProvider();

            // The local host creates its tables at start; this command may be the first to touch a fresh storage account.
            await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken);
            var report = await provider.GetRequiredService<RegistryImporter>().ImportAsync(content, options, cancellationToken);
            await PrintAsync(file, report, output, error);
            return report.ErrorCount > 0 ? ExitCodes.Rejected : ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or AggregateException or InvalidOperationException or FormatException or ArgumentException)
        {
            await error.WriteLineAsync($"{Name}: storage is not available ({StorageClients.ConnectionName}): {StorageFailures.Describe(exception)}");
            return ExitCodes.RuntimeFailure;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    /// <summary>Problems one per line as <c>FILE:LINE: column 'name': message</c>, then a summary of what happened.</summary>
    public static async Task PrintAsync(string file, RegistryImportReport report, TextWriter output, TextWriter error)
    {
        foreach (var problem in report.Errors)
        {
            await error.WriteLineAsync(Format(file, problem));
        }

        foreach (var duplicate in report.Duplicates)
        {
            await output.WriteLineAsync($"{file}:{duplicate.Line}: {duplicate.Platform}/{duplicate.PageId} {duplicate.Message}");
        }

        var counts = $"{Count(report.RowsRead, "row")} read: {Count(report.NewPages, "new page")}, {report.DuplicateCount} already registered"
            + (report.UpdatedPages > 0 ? $" ({report.UpdatedPages} with a new municipality or organisation)" : "") + $", {Count(report.ErrorCount, "error")}.";
        await output.WriteLineAsync(
            report.DryRun ? $"Dry run, nothing was written. {counts}"
            : report.Written ? $"Imported {Count(report.Imported, "new page")} into the registry"
                + (report.Updated > 0 ? $" and updated the municipality or organisation of {Count(report.Updated, "registered page")}" : "") + $". {counts}"
            : report.ErrorCount > 0 ? $"Nothing was written. {counts} Fix the errors and run again, or add --import-valid-rows to import the valid new pages only."
            : $"Nothing to import: every page of the file is already registered as it says. {counts}");
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Format(string file, RegistryImportError problem) =>
        CsvReader.DescribeProblem(file, problem.Line, problem.Column, problem.Message);

    private static IConfiguration BuildConfiguration(IReadOnlyDictionary<string, string?> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(LocalFunctionsHost.Defaults)
            .AddInMemoryCollection(LocalFunctionsHost.ReadLocalSettings(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json")))
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings)
            .Build();
}
