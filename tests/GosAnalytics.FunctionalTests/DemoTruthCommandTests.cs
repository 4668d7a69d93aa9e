using System.Text.Json;
using GosAnalytics.LocalHost.Commands;

namespace GosAnalytics.FunctionalTests;

public sealed class DemoTruthCommandTests
{
    [Fact]
    public async Task Demo_truth_is_written_to_its_own_file_with_every_page()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truth-{Guid.NewGuid():N}.json");
        try
        {
            var exitCode = await DemoTruthCommand.RunAsync(
                ["--metricDay", "2026-11-20", "--json", path, "--Demo:PageCount", "40"], TextWriter.Null, TextWriter.Null, CancellationToken.None);

            Assert.Equal(0, exitCode);
            using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            Assert.Equal(DemoRegistry.Size(40), truth.RootElement.GetProperty("pages").GetArrayLength());
            Assert.Equal("2026-11-20", truth.RootElement.GetProperty("metricDay").GetString());
            Assert.True(truth.RootElement.GetProperty("posts").GetArrayLength() > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new[] { "--metricDay", "20.11.2026", "--json", "x.json" }, "--metricDay")]
    [InlineData(new[] { "--metricDay", "2026-11-20" }, "output")]
    [InlineData(new[] { "--json", "x.json", "--Demo:PageCount", "0" }, "Demo")]
    public async Task Bad_arguments_say_what_is_wrong_and_exit_non_zero(string[] args, string mentioned)
    {
        var error = new StringWriter();
        var exitCode = await DemoTruthCommand.RunAsync(args, TextWriter.Null, error, CancellationToken.None);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(mentioned, error.ToString());
        Assert.False(File.Exists("x.json"));
    }
}
