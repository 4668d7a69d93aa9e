using System.Diagnostics;
using System.Text.Json;
using Azure.Identity;
using GosAnalytics.Functions.Telemetry;
using GosAnalytics.LocalHost.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.FunctionalTests;

/// <summary>Where telemetry goes, what it leaves out, and the run report's percentile — without a host.</summary>
public sealed class TelemetryConfigurationTests
{
    [Fact]
    public void Telemetry_is_off_until_a_destination_is_configured()
    {
        var services = new ServiceCollection();

        var telemetry = services.AddGosAnalyticsTelemetry(Configuration([]));

        Assert.Null(telemetry);
        using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<OpenTelemetry.Trace.TracerProvider>());
    }

    [Theory]
    [InlineData(GosAnalyticsTelemetry.ConsoleSetting, "true")]
    [InlineData(GosAnalyticsTelemetry.OtlpEndpointSetting, "http://localhost:4317")]
    [InlineData(GosAnalyticsTelemetry.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/")]
    public void Each_destination_turns_telemetry_on(string setting, string value)
    {
        Assert.NotNull(new ServiceCollection().AddGosAnalyticsTelemetry(Configuration(new() { [setting] = value })));
    }

    [Fact]
    public void Application_insights_is_reached_with_the_managed_identity_the_authentication_string_names()
    {
        Assert.IsType<ManagedIdentityCredential>(GosAnalyticsTelemetry.CredentialFor("ClientId=5b7d0e2c-1111-2222-3333-444455556666;Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(GosAnalyticsTelemetry.CredentialFor("Authorization=AAD"));
        Assert.Null(GosAnalyticsTelemetry.CredentialFor(null));
        Assert.Null(GosAnalyticsTelemetry.CredentialFor(""));
        Assert.Null(GosAnalyticsTelemetry.CredentialFor("ClientId=abc"));
    }

    [Fact]
    public void Spans_keep_urls_and_paths_without_their_query()
    {
        using var span = new Activity("POST");
        span.SetTag("url.full", "https://api.vk.com/method/execute?access_token=vk1.a.secret&v=5.199");
        span.SetTag("http.url", "https://ok.ru/fb.do?session_key=abc#frag");
        span.SetTag("http.target", "/api/runs?code=function-key");
        span.SetTag("url.query", "?code=function-key");
        span.SetTag("url.path", "/api/runs");

        new UrlQueryRedaction().OnEnd(span);

        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["url.full"] = "https://api.vk.com/method/execute",
                ["http.url"] = "https://ok.ru/fb.do",
                ["http.target"] = "/api/runs",
                ["url.path"] = "/api/runs",
            },
            span.TagObjects.ToDictionary(tag => tag.Key, tag => tag.Value));
    }

    [Fact]
    public void The_functions_host_exports_opentelemetry_too()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));

        Assert.Equal("OpenTelemetry", hostJson.RootElement.GetProperty("telemetryMode").GetString());
    }

    [Theory]
    [InlineData(new double[0], 0)]
    [InlineData(new[] { 4.0 }, 4)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 19)]
    [InlineData(new[] { 1.0, 2, 3 }, 3)]
    public void The_run_reports_95th_percentile_is_the_nearest_rank(double[] sorted, double expected)
    {
        Assert.Equal(expected, StageRecorder.Percentile(sorted, 0.95));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
