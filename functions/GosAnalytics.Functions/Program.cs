using GosAnalytics.Functions;
using GosAnalytics.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// OpenTelemetry from the worker (host.json "telemetryMode": "OpenTelemetry" does the same for the host): the stage spans, storage
// and HTTP dependencies, metrics and logs go to Application Insights through APPLICATIONINSIGHTS_CONNECTION_STRING.
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
builder.Services.AddGosAnalyticsTelemetry(builder.Configuration);

builder.Services.AddGosAnalytics(builder.Configuration);
builder.Build().Run();
