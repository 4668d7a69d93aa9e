using System.Net;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Functions.Dashboard;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary><c>POST /api/registry</c> through the local host's HTTP routing, on its own Azurite, with no pipeline run.</summary>
public sealed class RegistryImportHttpTests(RegistryHostFixture host) : IClassFixture<RegistryHostFixture>
{
    private static readonly JsonElement OpenApi = JsonDocument.Parse(DashboardAssets.OpenApi).RootElement.Clone();

    private PageRegistry Registry => new(host.Storage);

    [Fact]
    public async Task A_valid_file_is_imported_and_answered_with_a_200_report()
    {
        var (a, b) = (RegistryCsv.NewPageId(), RegistryCsv.NewPageId());

        using var response = await PostAsync("registry", RegistryCsv.Of($"vk;club{a};28;education", $"telegram;https://t.me/s/http{b};28;youth"));

        var report = await AssertJsonAsync(response, HttpStatusCode.OK, "application/json", "200");
        Assert.Equal(2, report.GetProperty("imported").GetInt32());
        Assert.True(report.GetProperty("written").GetBoolean());
        Assert.Equal(0, report.GetProperty("errors").GetArrayLength());
        Assert.NotNull(await Registry.GetAsync(new PageKey(Platform.Vk, a), CancellationToken.None));
        Assert.NotNull(await Registry.GetAsync(new PageKey(Platform.Telegram, $"http{b}"), CancellationToken.None));
    }

    [Fact]
    public async Task A_file_with_row_errors_is_a_400_problem_carrying_each_error_and_nothing_is_written()
    {
        var id = RegistryCsv.NewPageId();
        var before = await Registry.ListAsync(CancellationToken.None);

        using var response = await PostAsync("registry", RegistryCsv.Of($"vk;club{id};28;education", "vk;club5;99a;education"));

        var problem = await AssertJsonAsync(response, HttpStatusCode.BadRequest, "application/problem+json", "400");
        Assert.Contains("line 3, column 'region'", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        var error = Assert.Single(problem.GetProperty("report").GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("region", error.GetProperty("column").GetString());
        Assert.Equal("99a", error.GetProperty("value").GetString());
        Assert.StartsWith("'99a' is not a region code", error.GetProperty("message").GetString());
        Assert.False(problem.GetProperty("report").GetProperty("written").GetBoolean());
        Assert.Equal(before, await Registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task With_importValidRows_the_valid_rows_are_written_and_the_answer_is_200_with_the_errors()
    {
        var id = RegistryCsv.NewPageId();

        using var response = await PostAsync("registry?importValidRows=true", RegistryCsv.Of($"vk;club{id};28;education", "vk;club5;28;bank"));

        var report = await AssertJsonAsync(response, HttpStatusCode.OK, "application/json", "200");
        Assert.Equal((1, 1), (report.GetProperty("imported").GetInt32(), report.GetProperty("errorCount").GetInt32()));
        Assert.NotNull(await Registry.GetAsync(new PageKey(Platform.Vk, id), CancellationToken.None));
    }

    [Fact]
    public async Task A_dry_run_of_a_valid_file_is_200_and_writes_nothing()
    {
        var id = RegistryCsv.NewPageId();

        using var response = await PostAsync("registry?dryRun=true", RegistryCsv.Of($"vk;club{id};28;education"));

        var report = await AssertJsonAsync(response, HttpStatusCode.OK, "application/json", "200");
        Assert.Equal((1, false), (report.GetProperty("newPages").GetInt32(), report.GetProperty("written").GetBoolean()));
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Vk, id), CancellationToken.None));
    }

    [Theory]
    [InlineData("registry?dryRun=maybe", "dryRun")]
    [InlineData("registry?importValidRows=1", "importValidRows")]
    [InlineData("registry?dryRun=true&dryRun=false", "dryRun")]
    public async Task A_bad_query_parameter_is_a_400_naming_it(string url, string parameter)
    {
        using var response = await PostAsync(url, RegistryCsv.Of("vk;club1;28;education"));

        var problem = await AssertJsonAsync(response, HttpStatusCode.BadRequest, "application/problem+json", "400");
        Assert.Contains(parameter, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_body_is_a_400_naming_the_body()
    {
        using var response = await PostAsync("registry", "");

        var problem = await AssertJsonAsync(response, HttpStatusCode.BadRequest, "application/problem+json", "400");
        Assert.Contains("body", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    [Fact]
    public async Task A_body_over_10_MB_is_a_413_problem()
    {
        using var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        using var response = await host.Http.PostAsync("registry", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_multipart_form_is_a_415_problem_asking_for_the_file_itself()
    {
        using var form = new MultipartFormDataContent { { new StringContent(RegistryCsv.Of("vk;club1;28;education")), "file", "pages.csv" } };
        using var response = await host.Http.PostAsync("registry", form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> PostAsync(string url, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await host.Http.PostAsync(url, content);
    }

    /// <summary>Asserts status and media type, and that the body matches the OpenAPI document's schema for this response.</summary>
    private static async Task<JsonElement> AssertJsonAsync(HttpResponseMessage response, HttpStatusCode status, string mediaType, string documentedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var schema = OpenApi.GetProperty("paths").GetProperty("/api/registry").GetProperty("post").GetProperty("responses")
            .GetProperty(documentedStatus).GetProperty("content").GetProperty(mediaType).GetProperty("schema");
        var errors = OpenApiSchemaValidator.Validate(OpenApi, schema, json);
        Assert.True(errors.Count == 0, $"The {documentedStatus} answer does not match its documented schema:\n{string.Join("\n", errors)}\n{body}");
        return json;
    }
}

/// <summary>The local host on its own Azurite and port, serving HTTP only: no start-up run, so the registry holds only what tests import.</summary>
public sealed class RegistryHostFixture : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public HttpClient Http => host!.Http;

    /// <summary>A client that sends no key.</summary>
    public HttpClient Anonymous => host!.Anonymous;

    public StorageClients Storage => azurite.Storage;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings["LocalHost:RunTimersAtStartup"] = "false";

            // Far from any test run, so that the daily timer never seeds demo pages into the registry under test.
            settings["DailyRunSchedule"] = "0 0 0 1 1 *";
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}
