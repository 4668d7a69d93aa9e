namespace GosAnalytics.ContentQuality.Trainer.Tests;

/// <summary>The conventions the trainer shares with the local host's commands (README, "Command lines"): help, usage errors, exit codes.</summary>
public sealed class CommandLineTests
{
    private const string Usage = "Usage: dotnet run --project ml/GosAnalytics.ContentQuality.Trainer -- ";

    [Theory]
    [InlineData("train", "--out", "where model.zip and manifest.json are written")]
    [InlineData("train", "--expert-csv", "expert marks")]
    [InlineData("evaluate", "--model", "a directory written by train")]
    [InlineData("compare", "--candidate", "the candidate: a directory written by train")]
    [InlineData("promote", "--force", "promote even when the current model has a lower RMSE on the same data")]
    [InlineData("list", "--registry-storage", "the registry to list")]
    public async Task Help_on_a_command_lists_its_options_with_descriptions_and_the_exit_codes_on_stdout_and_exits_0(string command, string option, string description)
    {
        var result = await Cli.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var optionLine = Assert.Single(result.Output.Split('\n'), line => line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.Contains(description, optionLine);
        Assert.Contains("Exit codes: 0 done; 1 done, and the answer is no; 2 bad arguments or input", result.Output);
    }

    [Fact]
    public async Task Help_without_a_command_lists_every_command_and_help_before_a_command_works_like_its_help_option()
    {
        var root = await Cli.RunAsync("--help");
        var before = await Cli.RunAsync("help", "promote");

        Assert.Equal(0, root.ExitCode);
        foreach (var command in new[] { "train", "evaluate", "compare", "promote", "list" })
        {
            Assert.Contains($"  {command} ", root.Output);
        }

        Assert.Equal(0, before.ExitCode);
        Assert.Equal((await Cli.RunAsync("promote", "--help")).Output, before.Output);
    }

    [Theory]
    [InlineData("train", "--demo", "--out", "{temp}")]
    [InlineData("evaluate", "--model", "{temp}", "--demo")]
    [InlineData("compare", "--candidate", "{temp}", "--registry-storage", "--demo")]
    [InlineData("promote", "--candidate", "{temp}", "--registry-storage")]
    [InlineData("list", "--registry-storage")]
    public async Task An_unknown_option_is_named_on_stderr_with_the_synopsis_exits_2_and_nothing_runs(params string[] line)
    {
        using var temp = new TempDirectory();
        var output = temp.File("out");
        string[] args = [.. line.Select(a => a.Replace("{temp}", output, StringComparison.Ordinal)), "--bogus", "value"];

        var result = await Cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"{line[0]}: unknown option '--bogus'.", lines[0]);
        Assert.StartsWith(Usage + line[0], lines[1]);
        Assert.Equal($"'dotnet run --project ml/GosAnalytics.ContentQuality.Trainer -- {line[0]} --help' lists the options.", lines[2]);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task An_unknown_command_and_no_command_are_usage_errors_that_list_the_commands()
    {
        var unknown = await Cli.RunAsync("fit", "--demo");
        var none = await Cli.RunAsync();

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown command 'fit'; the commands are train, evaluate, compare, promote, list.", unknown.Error);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("name a command: train, evaluate, compare, promote, list.", none.Error);
        Assert.Contains(Usage + "COMMAND [options]", none.Error);
    }

    [Fact]
    public async Task A_value_that_is_missing_or_is_another_option_names_the_option_and_exits_2()
    {
        var missing = await Cli.RunAsync("train", "--demo", "--out");
        var swallowed = await Cli.RunAsync("train", "--out", "--demo");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--out", missing.Error);
        Assert.Equal(2, swallowed.ExitCode);
        Assert.Contains("train: --out needs a value; '--demo' is an option.", swallowed.Error);
    }

    [Fact]
    public async Task A_number_out_of_range_names_the_option_its_range_and_the_value()
    {
        var result = await Cli.RunAsync("train", "--demo", "--out", "unused", "--leaves", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("train: --leaves must be a whole number from 2 to 1000; got '1'.", result.Error);
    }

    [Fact]
    public async Task Options_of_one_data_source_with_another_are_refused()
    {
        var result = await Cli.RunAsync("train", "--csv", "posts.csv", "--region", "28", "--out", "unused");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("train: --region goes with --demo, not --csv.", result.Error);
    }
}
