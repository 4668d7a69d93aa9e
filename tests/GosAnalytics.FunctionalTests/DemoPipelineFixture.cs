using System.Text.Json;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The local host, in this process, on its own Azurite, running a small demo region through the real queues until the
/// start-up run completes. Tests then talk to it over HTTP like any client.
/// </summary>
public sealed class DemoPipelineFixture : IAsyncLifetime
{
    public const int RegionCode = 28;
    /// <summary>The demo's <c>Demo:PageCount</c>: pages on VK, OK and Telegram; the region's MAX channels come on top.</summary>
    public const int DemoPageCount = 120;

    /// <summary>Every page the run registers, ranks and serves: the <see cref="DemoPageCount"/> pages and their organisations' MAX channels.</summary>
    public static readonly int PageCount = DemoRegistry.Size(DemoPageCount, RegionCode);

    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public HttpClient Http => host!.Http;

    public StorageClients Storage => azurite.Storage;

    public int Port => host!.Port;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite);
        await WaitForCompletedRunAsync(Http, TimeSpan.FromMinutes(3));
    }

    public static Dictionary<string, string?> Settings(string connectionString, int port) => new()
    {
        [StorageClients.ConnectionName] = connectionString,
        ["LocalHost:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LocalHost:StartAzurite"] = "false",
        ["LocalHost:ReportFirstRun"] = "false",
        ["LocalHost:MasterKey"] = LocalHostUnderTest.MasterKey,
        ["LocalHost:FunctionKey"] = LocalHostUnderTest.FunctionKey,

        // Retries of a failing message come back quickly instead of after host.json's 10 s.
        ["LocalHost:VisibilityTimeout"] = "00:00:00.200",
        ["Demo:RegionCode"] = RegionCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Demo:PageCount"] = DemoPageCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Waits until the latest run has ended, and requires it completed.</summary>
    public static async Task<JsonElement> WaitForCompletedRunAsync(HttpClient http, TimeSpan timeout)
    {
        var run = await TestRuns.WaitForEndAsync(http, timeout);
        return run.GetProperty("status").GetString() == "completed" ? run : throw new InvalidOperationException($"The run did not complete: {run}");
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
