using System.Net;
using System.Text.Json;

namespace GosAnalytics.FunctionalTests;

/// <summary>Bad input gets 400 application/problem+json naming the parameter — never a 500 — from the running host.</summary>
public sealed class HttpValidationTests(DemoPipelineFixture pipeline) : IClassFixture<DemoPipelineFixture>
{
    [Theory]
    [InlineData("rankings?region=999", "region")]
    [InlineData("rankings?region=abc", "region")]
    [InlineData("rankings?top=-1", "top")]
    [InlineData("rankings?top=1000000", "top")]
    [InlineData("rankings?top=0", "top")]
    [InlineData("rankings?skip=-5", "skip")]
    [InlineData("rankings?sort=nonsense", "sort")]
    [InlineData("rankings?platform=myspace", "platform")]
    [InlineData("rankings?kind=bank", "kind")]
    [InlineData("rankings?period=year", "period")]
    [InlineData("rankings?format=xml", "format")]
    [InlineData("rankings?top=5&top=6", "top")]
    [InlineData("rankings?top=5%00", "top")]
    [InlineData("rankings?region=28%00", "region")]
    [InlineData("pages/myspace/123", "platform")]
    [InlineData("pages/vk/bad%20id", "pageId")]
    [InlineData("pages/vk/1?days=0", "days")]
    [InlineData("regions?period=year", "period")]
    [InlineData("regions/999", "code")]
    [InlineData("regions/abc", "code")]
    [InlineData("regions/28?period=year", "period")]
    [InlineData("posts/top?sort=nonsense", "sort")]
    [InlineData("posts/top?top=0", "top")]
    [InlineData("posts/top?top=1000", "top")]
    [InlineData("posts/top?skip=500", "skip")]
    [InlineData("posts/top?region=999", "region")]
    [InlineData("posts/top?platform=myspace", "platform")]
    [InlineData("posts/top?kind=bank", "kind")]
    [InlineData("posts/top?period=year", "period")]
    [InlineData("broadcasts/top?top=0", "top")]
    [InlineData("broadcasts/top?top=1000", "top")]
    [InlineData("broadcasts/top?region=999", "region")]
    [InlineData("broadcasts/top?platform=myspace", "platform")]
    [InlineData("broadcasts/top?format=xml", "format")]
    [InlineData("comments/unanswered?top=0", "top")]
    [InlineData("comments/unanswered?top=101", "top")]
    [InlineData("comments/unanswered?kind=bank", "kind")]
    [InlineData("comments/unanswered?region=999", "region")]
    [InlineData("pages?search=", "search")]
    [InlineData("pages", "search")]
    [InlineData("pages?search=school&top=0", "top")]
    [InlineData("pages/vk/https%3A%2F%2Fvk.com%2Fid123", "pageId")]
    [InlineData("pages/telegram/%2BAbCdEf", "pageId")]
    public async Task Invalid_parameter_returns_400_problem_json_naming_it(string url, string parameter)
    {
        using var response = await pipeline.Http.GetAsync(url);
        await AssertProblemAsync(response, parameter);
    }

    [Theory]
    [InlineData("rankings?regoin=28", "regoin")]
    [InlineData("rankings?region=28&sortby=index", "sortby")]
    [InlineData("posts/top?days=7", "days")]
    [InlineData("broadcasts/top?kind=education", "kind")]
    [InlineData("broadcasts/top?sort=views", "sort")]
    [InlineData("comments/unanswered?period=week", "period")]
    [InlineData("pages?search=school&region=28", "region")]
    [InlineData("pages/vk/1?region=28", "region")]
    [InlineData("regions?top=5", "top")]
    [InlineData("regions/28?top=5", "top")]
    [InlineData("runs/latest?verbose=true", "verbose")]
    [InlineData("model?version=2", "version")]
    [InlineData("openapi.json?v=2", "v")]
    public async Task An_unknown_query_parameter_is_a_400_naming_it_on_every_GET_route(string url, string parameter)
    {
        using var response = await pipeline.Http.GetAsync(url);
        var problem = await AssertProblemAsync(response, parameter);
        Assert.Contains("is not known", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_takes_any_query_string_because_it_is_the_page_s_own_state()
    {
        using var response = await pipeline.Http.GetAsync("dashboard?view=content&tab=unanswered&region=28");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Several_invalid_parameters_are_all_reported()
    {
        using var response = await pipeline.Http.GetAsync("rankings?region=999&top=-1&sort=nonsense");
        var problem = await AssertProblemAsync(response, "region");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("top", out _));
        Assert.True(errors.TryGetProperty("sort", out _));
    }

    [Theory]
    [InlineData("runs?metricDay=yesterday", "metricDay")]
    [InlineData("runs?metricDay=2999-01-01", "metricDay")]
    public async Task Starting_a_run_with_a_bad_day_returns_400_and_starts_nothing(string url, string parameter)
    {
        var before = await pipeline.Http.GetStringAsync("runs/latest");
        using var response = await pipeline.Http.PostAsync(url, null);
        await AssertProblemAsync(response, parameter);
        Assert.Equal(before, await pipeline.Http.GetStringAsync("runs/latest"));
    }

    [Fact]
    public async Task Starting_a_run_with_a_malformed_body_returns_400_naming_the_body()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await pipeline.Http.PostAsync("runs", content);
        await AssertProblemAsync(response, "body");
    }

    [Fact]
    public async Task Unknown_page_returns_404_problem_json()
    {
        using var response = await pipeline.Http.GetAsync("pages/vk/999999999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string parameter)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), $"errors does not name '{parameter}': {body}");
        Assert.Contains(parameter, messages[0].GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
        return problem;
    }
}
