using GosAnalytics.TestSupport.HttpFuzz;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The fast version of the bench's <c>fuzz</c> command (docs/operations.md, "HTTP fuzz"): the same generator and the same rules, a few
/// hundred requests against a local host process on its own Azurite.
/// </summary>
public sealed class HttpFuzzTests
{
    [Fact]
    public async Task Four_hundred_hostile_requests_over_every_route_get_no_5xx_only_problems_naming_the_parameter_and_no_stack_trace()
    {
        var report = await FuzzSession.RunAsync(new FuzzOptions(Requests: 400, Seed: 20261207, FunctionKey: LocalHostUnderTest.MasterKey) { HostSettings = [$"--LocalHost:MasterKey={LocalHostUnderTest.MasterKey}"] }, TextWriter.Null, CancellationToken.None);

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(0, report.ServerErrors);
        Assert.Equal(400, report.Requests);
        Assert.NotEmpty(report.Routes);
        Assert.All(report.Routes, route => Assert.True(report.ByRoute.ContainsKey(route), $"{route} got no request:\n{report.ToMarkdown()}"));

        // The hostile kinds the rules matter for did happen: errors of every sort, a body over 30 MB, aborted uploads.
        foreach (var status in new[] { "400", "404", "405", "413", FuzzReport.AbortedStatus })
        {
            Assert.True(report.ByStatus.ContainsKey(status), $"No request was answered {status}:\n{report.ToMarkdown()}");
        }
    }
}
