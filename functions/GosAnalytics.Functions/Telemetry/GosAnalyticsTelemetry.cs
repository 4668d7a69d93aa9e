using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using GosAnalytics.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GosAnalytics.Functions.Telemetry;

/// <summary>
/// OpenTelemetry for the Functions app and the local host alike (docs/operations.md, "Traces and metrics"). What is recorded is
/// always the same: the pipeline's stage spans and meter (<see cref="PipelineStages"/>), the Azure SDK's own spans (storage
/// operations), outgoing HTTP (the platforms) and incoming HTTP (the API), .NET runtime metrics, and logs with their scopes — with
/// every URL's query left out. Where it goes depends on the settings: Azure Monitor when <see cref="ConnectionStringSetting"/> is set
/// (as infra does on Azure), an OTLP collector when <see cref="OtlpEndpointSetting"/> is set, the console when
/// <see cref="ConsoleSetting"/> is true. With none of them nothing is recorded at all.
/// </summary>
public static class GosAnalyticsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>ClientId=&lt;id&gt;;Authorization=AAD</c>: send with that managed identity (the component refuses key-authenticated telemetry).</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ConsoleSetting = "Telemetry:Console";

    /// <summary>The Azure SDK's own spans (one per storage operation) need this switch (or <c>AZURE_EXPERIMENTAL_ENABLE_ACTIVITY_SOURCE</c>).</summary>
    private const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>The isolated worker's invocation span ("Invoke", a child of the Functions host's): on Azure, the parent of every stage span.</summary>
    private const string FunctionsWorkerSource = "Microsoft.Azure.Functions.Worker";

    /// <summary>The Azure SDK's HTTP span; an HttpClient span below it is the same request again.</summary>
    private const string AzureHttpSource = "Azure.Core.Http";

    /// <summary>Configures what is recorded and, when a destination is configured, turns telemetry on.</summary>
    /// <param name="serviceName">The <c>service.name</c> of this process; on Azure the Functions defaults name it after the app.</param>
    /// <returns>The OpenTelemetry builder when telemetry is on, else null.</returns>
    public static OpenTelemetryBuilder? AddGosAnalyticsTelemetry(this IServiceCollection services, IConfiguration configuration, string? serviceName = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);

        // What is recorded, registered always: these apply to whichever providers exist, including ones a test adds.
        services.ConfigureOpenTelemetryTracerProvider(tracing =>
        {
            tracing
                .AddSource(PipelineStages.ActivitySourceName)
                .AddSource(FunctionsWorkerSource)
                .AddSource("Azure.*")
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => System.Diagnostics.Activity.Current?.Parent?.Source.Name != AzureHttpSource)
                .AddAspNetCoreInstrumentation()
                .AddProcessor(new UrlQueryRedaction())
                .SetSampler(new HousekeepingSampler());
            if (serviceName is not null)
            {
                tracing.ConfigureResource(resource => resource.AddService(serviceName));
            }
        });
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
        {
            metrics
                .AddMeter(PipelineStages.MeterName)
                .AddHttpClientInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation();
            if (serviceName is not null)
            {
                metrics.ConfigureResource(resource => resource.AddService(serviceName));
            }
        });
        services.ConfigureOpenTelemetryLoggerProvider(logging =>
        {
            if (serviceName is not null)
            {
                logging.ConfigureResource(resource => resource.AddService(serviceName));
            }
        });

        // The stage scopes (run id, attempt, batch…) become attributes of every log record.
        services.Configure<OpenTelemetryLoggerOptions>(options =>
        {
            options.IncludeScopes = true;
            options.IncludeFormattedMessage = true;
        });

        var connectionString = configuration[ConnectionStringSetting];
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var console = configuration.GetValue<bool>(ConsoleSetting);
        if (string.IsNullOrWhiteSpace(connectionString) && !otlp && !console)
        {
            return null;
        }

        var telemetry = services.AddOpenTelemetry().WithTracing().WithMetrics().WithLogging();
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = CredentialFor(configuration[AuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        if (otlp)
        {
            // The endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* settings.
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter());
        }

        if (console)
        {
            // Logs already go to the console.
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter());
        }

        return telemetry;
    }

    /// <summary>
    /// The managed identity that <see cref="AuthenticationSetting"/> names (<c>Authorization=AAD</c>, with the user-assigned identity's
    /// <c>ClientId</c> or without it for the system-assigned one), or null for key-based ingestion.
    /// </summary>
    internal static TokenCredential? CredentialFor(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
