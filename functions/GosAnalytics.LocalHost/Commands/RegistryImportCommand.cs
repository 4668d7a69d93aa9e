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

    public const int ExitOk = 0;
    public const int ExitFileErrors = 1;
    public const int ExitUsage = 2;
    public const int ExitStorage = 3;

    public const string Usage =
        "Usage: dotnet run --project functions/GosAnalytics.LocalHost -- registry-import FILE [--import-valid-rows] [--dry-run] [--AzureWebJobsStorage=CONNECTION]\n" +
        "  FILE                 CSV, header line first: platform;page;region;kind (or платформа;страница;регион;тип), ';' ',' or tab, UTF-8\n" +
        "  --import-valid-rows  write the valid new rows even when other rows have errors (default: all or nothing)\n" +
        "  --dry-run            check the file against the registry and report; write nothing\n" +
        "  Storage is AzureWebJobsStorage from --AzureWebJobsStorage, the environment, local.settings.json or UseDevelopmentStorage=true,\n" +
        "  as for the local host; import while the local host runs (a dry run starts a throwaway Azurite if nothing listens). Other settings: --Section:Key=value.\n" +
        "  Exit codes: 0 imported (or valid, on a dry run), 1 the file has errors, 2 usage error, 3 storage unavailable.";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var arguments, out var usageError))
        {
            if (usageError is null)
            {
                await output.WriteLineAsync(Usage);
                return ExitOk;
            }

            await error.WriteLineAsync($"{Name}: {usageError}\n{Usage}");
            return ExitUsage;
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(arguments.File, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = exception is FileNotFoundException or DirectoryNotFoundException ? "no such file" : exception.Message;
            await error.WriteLineAsync($"{Name}: cannot read {arguments.File}: {reason}\n{Usage}");
            return ExitUsage;
        }

        var configuration = BuildConfiguration(arguments.Settings);
        var hostOptions = configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        // An emulator this command started itself would keep the pages in memory and lose them on exit: only a dry run may use one.
        if (!arguments.DryRun && AzuriteEndpoints.FromConnectionString(configuration[StorageClients.ConnectionName]) is { } local && !local.IsReachable())
        {
            await error.WriteLineAsync(
                $"{Name}: nothing listens at the development storage (blob port {local.BlobPort}). Start the local host first " +
                "(dotnet run --project functions/GosAnalytics.LocalHost) and import while it runs, so that the pages land in its storage; " +
                "--dry-run checks the file without it.");
            return ExitStorage;
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
            var options = new RegistryImportOptions(arguments.ImportValidRows, arguments.DryRun, MaxReportedProblems: int.MaxValue);
            var report = await provider.GetRequiredService<RegistryImporter>().ImportAsync(content, options, cancellationToken);
            await PrintAsync(arguments.File, report, output, error);
            return report.ErrorCount > 0 ? ExitFileErrors : ExitOk;
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or AggregateException or InvalidOperationException or FormatException or ArgumentException)
        {
            // The SDK wraps its retries in an AggregateException whose own message is about retry settings, not the cause.
            var cause = exception is AggregateException { InnerExceptions: [var first, ..] } ? first.Message : exception.Message;
            await error.WriteLineAsync($"{Name}: storage is not available ({StorageClients.ConnectionName}): {cause}");
            return ExitStorage;
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

        var counts = $"{Count(report.RowsRead, "row")} read: {Count(report.NewPages, "new page")}, {report.DuplicateCount} already registered, {Count(report.ErrorCount, "error")}.";
        await output.WriteLineAsync(
            report.DryRun ? $"Dry run, nothing was written. {counts}"
            : report.Written ? $"Imported {Count(report.Imported, "new page")} into the registry. {counts}"
            : report.ErrorCount > 0 ? $"Nothing was written. {counts} Fix the errors and run again, or add --import-valid-rows to import the valid new pages only."
            : $"Nothing to import: every page of the file is already registered. {counts}");
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

    /// <summary>False with a null error for --help; false with an error for a usage mistake.</summary>
    private static bool TryParse(string[] args, out Arguments arguments, out string? usageError)
    {
        arguments = new Arguments("", false, false, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase));
        usageError = null;
        string? file = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    return false;
                case "--import-valid-rows":
                    arguments = arguments with { ImportValidRows = true };
                    continue;
                case "--dry-run":
                    arguments = arguments with { DryRun = true };
                    continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal) && IsSetting(arg[2..].Split('=', 2)[0]))
            {
                // Settings as the local host takes them: --Key=value or --Key value, '__' or ':' between sections.
                var parts = arg[2..].Split('=', 2);
                var value = parts.Length == 2 ? parts[1] : i + 1 < args.Length ? args[++i] : null;
                if (value is null)
                {
                    usageError = $"setting {arg} has no value.";
                    return false;
                }

                arguments.Settings[parts[0].Replace("__", ":", StringComparison.Ordinal)] = value;
                continue;
            }

            if (arg.StartsWith('-') && arg.Length > 1)
            {
                usageError = $"unknown option '{arg}'.";
                return false;
            }

            if (file is not null)
            {
                usageError = $"one file at a time; got '{file}' and '{arg}'.";
                return false;
            }

            file = arg;
        }

        if (file is null)
        {
            usageError = "name the CSV file to import.";
            return false;
        }

        arguments = arguments with { File = file };
        return true;
    }

    private static bool IsSetting(string key) =>
        key.Contains(':', StringComparison.Ordinal) || key.Contains("__", StringComparison.Ordinal)
        || key.Equals(StorageClients.ConnectionName, StringComparison.OrdinalIgnoreCase);

    private sealed record Arguments(string File, bool ImportValidRows, bool DryRun, Dictionary<string, string?> Settings);
}
