using GosAnalytics.LocalHost.Commands;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host's commands follow the conventions of every command line of the repository (README, "Command lines").</summary>
public sealed class LocalHostCommandLineTests
{
    private const string Usage = "Usage: dotnet run --project functions/GosAnalytics.LocalHost -- ";

    [Fact]
    public async Task Registry_import_help_lists_its_argument_and_options_with_descriptions_and_the_exit_codes()
    {
        var (exitCode, output, error) = await RunAsync(RegistryImportCommand.RunAsync, "--help");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains(Lines(output), line => line.StartsWith("<FILE>", StringComparison.Ordinal) && line.EndsWith("the CSV file to import", StringComparison.Ordinal));
        Assert.Contains(Lines(output), line => line.StartsWith("--dry-run", StringComparison.Ordinal) && line.Contains("write nothing", StringComparison.Ordinal));
        Assert.Contains("Exit codes: 0 done; 1 done, and the answer is no; 2 bad arguments or input", output);
    }

    [Fact]
    public async Task Demo_truth_help_lists_its_options_with_descriptions_and_the_exit_codes()
    {
        var (exitCode, output, error) = await RunAsync(DemoTruthCommand.RunAsync, "-h");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        foreach (var (option, description) in new[]
        {
            ("--metricDay <DAY>", "as yyyy-MM-dd"),
            ("--json <FILE>", "one JSON document"),
            ("--pages-csv <FILE>", "each page's true quality"),
            ("--posts-csv <FILE>", "each post's true content effect"),
        })
        {
            Assert.Contains(Lines(output), line => line.Contains(option, StringComparison.Ordinal) && line.Contains(description, StringComparison.Ordinal));
        }

        Assert.Contains("Exit codes: 0 done;", output);
    }

    [Fact]
    public async Task An_unknown_option_of_registry_import_is_named_with_the_synopsis_and_exits_2()
    {
        var (exitCode, output, error) = await RunAsync(RegistryImportCommand.RunAsync, "--bogus", "pages.csv");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            [
                "registry-import: unknown option '--bogus'.",
                Usage + "registry-import FILE [options]",
                "'dotnet run --project functions/GosAnalytics.LocalHost -- registry-import --help' lists the options.",
            ],
            Lines(error));
    }

    [Fact]
    public async Task An_unknown_option_of_demo_truth_is_named_with_the_synopsis_exits_2_and_writes_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truth-{Guid.NewGuid():N}.json");

        var (exitCode, output, error) = await RunAsync(DemoTruthCommand.RunAsync, "--json", path, "--pages", "pages.csv", "--Demo:PageCount=40");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal("demo-truth: unknown option '--pages'.", Lines(error)[0]);
        Assert.Equal(Usage + "demo-truth [options]", Lines(error)[1]);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Settings_pass_through_in_either_form_and_an_output_that_cannot_be_written_exits_3()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truth-{Guid.NewGuid():N}.csv");
        try
        {
            var (written, output, _) = await RunAsync(DemoTruthCommand.RunAsync, "--pages-csv", path, "--Demo__PageCount=30", "--Demo:Seed", "7", "--metric-day=2026-11-20");
            var (unwritable, _, error) = await RunAsync(DemoTruthCommand.RunAsync, "--json", Path.Combine(path, "no-such-directory", "truth.json"), "--Demo:PageCount=30");

            Assert.Equal(0, written);
            Assert.Contains($"({DemoRegistry.Size(30, seed: 7)} pages,", output);
            Assert.Equal(DemoRegistry.Size(30, seed: 7) + 1, (await File.ReadAllLinesAsync(path)).Length);
            Assert.Equal(3, unwritable);
            Assert.StartsWith("demo-truth: cannot write ", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>> command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await command(args, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
