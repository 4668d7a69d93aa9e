using System.Net;
using System.Text;
using System.Text.Json;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The local host enforces each function's authorization level as the Functions host does: admin routes take the master key,
/// function routes a function key or the master key, in the <c>x-functions-key</c> header or the <c>code</c> query parameter;
/// anonymous routes take none.
/// </summary>
public sealed class FunctionKeyTests(RegistryHostFixture host) : IClassFixture<RegistryHostFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(LocalHostUnderTest.FunctionKey)]
    public async Task Starting_a_run_without_the_master_key_is_a_401_problem_that_does_not_echo_the_key(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "runs");
        if (key is not null)
        {
            request.Headers.Add(FunctionKeys.Header, key);
        }

        using var response = await host.Anonymous.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(FunctionKeys.Header, problem.GetProperty("detail").GetString());
        var body = problem.GetRawText();
        Assert.DoesNotContain(LocalHostUnderTest.MasterKey, body);
        Assert.DoesNotContain(LocalHostUnderTest.FunctionKey, body);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("code")]
    public async Task The_master_key_opens_the_admin_route_in_the_header_or_the_code_parameter(string where)
    {
        // A metric day in the future: the request passes the key check and stops at validation, starting nothing.
        var url = where == "code" ? $"runs?metricDay=2999-01-01&code={LocalHostUnderTest.MasterKey}" : "runs?metricDay=2999-01-01";
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (where == "header")
        {
            request.Headers.Add(FunctionKeys.Header, LocalHostUnderTest.MasterKey);
        }

        using var response = await host.Anonymous.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("metricDay", out _));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(LocalHostUnderTest.FunctionKey, HttpStatusCode.OK)]
    [InlineData(LocalHostUnderTest.MasterKey, HttpStatusCode.OK)]
    public async Task The_registry_route_takes_a_function_key_or_the_master_key(string? code, HttpStatusCode expected)
    {
        var url = code is null ? "registry?dryRun=true" : $"registry?dryRun=true&code={Uri.EscapeDataString(code)}";
        using var content = new StringContent(RegistryCsv.Of($"vk;club{RegistryCsv.NewPageId()};28;education"), Encoding.UTF8, "text/csv");

        using var response = await host.Anonymous.PostAsync(url, content);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            await AssertProblemAsync(response, expected);
        }
    }

    [Theory]
    [InlineData("openapi.json", HttpStatusCode.OK)]
    [InlineData("dashboard", HttpStatusCode.OK)]
    [InlineData("model", HttpStatusCode.OK)]
    [InlineData("runs/latest", HttpStatusCode.NotFound)]
    [InlineData("rankings", HttpStatusCode.NotFound)]
    public async Task Anonymous_routes_need_no_key(string url, HttpStatusCode expected)
    {
        using var response = await host.Anonymous.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
