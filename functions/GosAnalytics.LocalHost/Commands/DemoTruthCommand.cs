using System.CommandLine;
using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Demo;

namespace GosAnalytics.LocalHost.Commands;

/// <summary>
/// <c>demo-truth</c>: writes the demo generator's hidden truth (each page's true quality, each post's true content effect)
/// for evaluation — to its own files, never into the snapshots the pipeline reads.
/// </summary>
internal static class DemoTruthCommand
{
    public const string Name = "demo-truth";

    private static readonly string[] Outputs = ["--json", "--pages-csv", "--posts-csv"];

    /// <summary>Runs <c>demo-truth ARGS</c> (the arguments after the command's name) and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        LocalHostCommands.RunAsync([Name, .. args], output, error, cancellationToken);

    internal static Command Create(IReadOnlyDictionary<string, string?> settings)
    {
        var metricDay = new Option<DateOnly?>("--metricDay", "--metric-day")
        {
            Description = "the Moscow day whose truth is written, as yyyy-MM-dd [default: the last complete Moscow day]",
            HelpName = "DAY",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return day;
                }

                result.AddError($"--metricDay must be a date as yyyy-MM-dd; got '{text}'.");
                return null;
            },
        };
        var files = new[]
        {
            new Option<string?>(Outputs[0]) { Description = "write the truth as one JSON document (region, pages, posts) to FILE", HelpName = "FILE" },
            new Option<string?>(Outputs[1]) { Description = "write each page's true quality as CSV to FILE", HelpName = "FILE" },
            new Option<string?>(Outputs[2]) { Description = "write each post's true content effect as CSV to FILE", HelpName = "FILE" },
        };
        var command = new Command(
            Name,
            "Writes the demo generator's hidden truth (each page's true quality, each post's true content effect) for evaluation,\n" +
            "to its own files (at least one), never into the snapshots the pipeline reads.\n" +
            "The regions come from Demo:RegionCode, Demo:PageCount and Demo:Seed, or Demo:Regions (all, or codes such as 28,77) and\n" +
            "Demo:PageShare, as for the pipeline (e.g. --Demo:PageCount=400, --Demo:Regions=all --Demo:PageShare=0.01).\n" +
            LocalHostCommands.SettingsHelp + "\n" +
            "Exit code 0: written; 2: usage error (a bad day or Demo setting, no output); 3: an output file cannot be written.")
        {
            metricDay,
        };
        foreach (var file in files)
        {
            command.Add(file);
        }

        command.Validators.Add(result =>
        {
            if (files.All(f => string.IsNullOrWhiteSpace(result.GetValue(f))))
            {
                result.AddError($"name at least one output file: {string.Join(", ", Outputs)}.");
            }
        });
        command.SetAction((line, cancellationToken) => WriteAsync(
            line,
            line.GetValue(metricDay) ?? MoscowTime.LastCompleteDay(DateTimeOffset.UtcNow),
            [.. files.Select(f => (f.Name, line.GetValue(f))).Where(f => !string.IsNullOrWhiteSpace(f.Item2)).Select(f => (f.Name, f.Item2!))],
            settings,
            cancellationToken));
        return command;
    }

    private static async Task<int> WriteAsync(
        ParseResult line, DateOnly metricDay, IReadOnlyList<(string Option, string File)> outputs, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var (output, error) = (line.InvocationConfiguration.Output, line.InvocationConfiguration.Error);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build();
        DemoPageSource source;
        try
        {
            source = new DemoPageSource(configuration.GetSection(DemoSourceOptions.SectionName).Get<DemoSourceOptions>() ?? new DemoSourceOptions());
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            await CommandLineRunner.WriteUsageErrorAsync(error, line.CommandResult.Command, [$"invalid Demo settings: {exception.Message}"]);
            return ExitCodes.BadInput;
        }

        var truth = source.DescribeTruth(metricDay);
        foreach (var (option, file) in outputs)
        {
            var path = Path.GetFullPath(file);
            try
            {
                await using var stream = File.Create(path);
                await (option switch
                {
                    "--json" => DemoTruthWriter.WriteJsonAsync(stream, truth, cancellationToken),
                    "--pages-csv" => DemoTruthWriter.WritePagesCsvAsync(stream, truth, cancellationToken),
                    _ => DemoTruthWriter.WritePostsCsvAsync(stream, truth, cancellationToken),
                });
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"{Name}: cannot write {path}: {exception.Message}");
                return ExitCodes.RuntimeFailure;
            }

            await output.WriteLineAsync($"Wrote {option[2..]} of {Describe(truth.RegionCodes)}, metric day {metricDay:yyyy-MM-dd} ({truth.Pages.Count} pages, {truth.Posts.Count} posts): {path}");
        }

        return ExitCodes.Ok;
    }

    private static string Describe(IReadOnlyList<int> regionCodes) => regionCodes switch
    {
        [var code] => $"demo region {code}",
        _ when regionCodes.Count == Regions.All.Count => $"all {regionCodes.Count} demo regions",
        _ => $"demo regions {string.Join(", ", regionCodes)}",
    };
}
