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

    public const string Usage =
        "Usage: dotnet run --project functions/GosAnalytics.LocalHost -- demo-truth [--metricDay yyyy-MM-dd] [--json FILE] [--pages-csv FILE] [--posts-csv FILE]\n" +
        "       (at least one output; the region comes from Demo:RegionCode, Demo:PageCount and Demo:Seed as for the pipeline)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        }
        catch (FormatException exception)
        {
            await error.WriteLineAsync($"demo-truth: {exception.Message}\n{Usage}");
            return 2;
        }

        var metricDayText = configuration["metricDay"];
        var metricDay = MoscowTime.LastCompleteDay(DateTimeOffset.UtcNow);
        if (metricDayText is not null && !DateOnly.TryParseExact(metricDayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out metricDay))
        {
            await error.WriteLineAsync($"demo-truth: --metricDay must be a date as yyyy-MM-dd; got '{metricDayText}'.\n{Usage}");
            return 2;
        }

        var outputs = new[] { "json", "pages-csv", "posts-csv" }.Where(key => !string.IsNullOrWhiteSpace(configuration[key])).ToList();
        if (outputs.Count == 0)
        {
            await error.WriteLineAsync($"demo-truth: name at least one output file.\n{Usage}");
            return 2;
        }

        DemoPageSource source;
        try
        {
            source = new DemoPageSource(configuration.GetSection(DemoSourceOptions.SectionName).Get<DemoSourceOptions>() ?? new DemoSourceOptions());
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            await error.WriteLineAsync($"demo-truth: invalid Demo settings: {exception.Message}");
            return 2;
        }

        var truth = source.DescribeTruth(metricDay);
        foreach (var key in outputs)
        {
            var path = Path.GetFullPath(configuration[key]!);
            try
            {
                await using var stream = File.Create(path);
                await (key switch
                {
                    "json" => DemoTruthWriter.WriteJsonAsync(stream, truth, cancellationToken),
                    "pages-csv" => DemoTruthWriter.WritePagesCsvAsync(stream, truth, cancellationToken),
                    _ => DemoTruthWriter.WritePostsCsvAsync(stream, truth, cancellationToken),
                });
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"demo-truth: cannot write {path}: {exception.Message}");
                return 1;
            }

            await output.WriteLineAsync($"Wrote {key} of demo region {truth.RegionCode}, metric day {metricDay:yyyy-MM-dd} ({truth.Pages.Count} pages, {truth.Posts.Count} posts): {path}");
        }

        return 0;
    }
}
