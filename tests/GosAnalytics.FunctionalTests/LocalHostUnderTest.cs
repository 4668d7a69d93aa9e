using System.Globalization;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host in this process, on a private Azurite and a free port, reached over HTTP like any client.</summary>
public sealed class LocalHostUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;

    /// <summary>The master key every host under test is given (<c>LocalHost:MasterKey</c>).</summary>
    public const string MasterKey = "functional-tests-master-key";

    /// <summary>The function key every host under test is given (<c>LocalHost:FunctionKey</c>): it opens function-level routes only.</summary>
    public const string FunctionKey = "functional-tests-function-key";

    private LocalHostUnderTest(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
        Http = Client(port, MasterKey);
        Anonymous = Client(port, key: null);
    }

    public int Port { get; }

    /// <summary>A client that sends the master key with every request, as an operator's script would.</summary>
    public HttpClient Http { get; }

    /// <summary>A client that sends no key.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Whether the host has begun to stop (on its own: a failure it could not handle).</summary>
    public bool IsStopping => app.Lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Completes when the host has its queues, tables and containers in place.</summary>
    public Task WhenStorageReadyAsync() => app.Services.GetRequiredService<StorageRecovery>().WhenAvailableAsync(CancellationToken.None);

    public static HttpClient Client(int port, string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/api/"), Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(FunctionKeys.Header, key);
        }

        return client;
    }

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
        Anonymous.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
