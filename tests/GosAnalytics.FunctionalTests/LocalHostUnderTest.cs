using System.Globalization;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host in this process, on a private Azurite and a free port, reached over HTTP like any client.</summary>
public sealed class LocalHostUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHostUnderTest(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/api/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    /// <summary>
    /// Starts the host with <see cref="DemoPipelineFixture.Settings"/>, changed by <paramref name="configure"/>; <paramref name="telemetry"/>
    /// receives its spans and logs.
    /// </summary>
    public static async Task<LocalHostUnderTest> StartAsync(AzuriteFixture azurite, Action<Dictionary<string, string?>>? configure = null, InMemoryTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var port = AzuriteEndpoints.OnFreePorts().BlobPort;
        var settings = DemoPipelineFixture.Settings(azurite.ConnectionString, port);
        configure?.Invoke(settings);
        var app = await LocalFunctionsHost.BuildAsync([], settings, telemetry is null ? null : telemetry.AddTo);
        await app.StartAsync();
        return new LocalHostUnderTest(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
