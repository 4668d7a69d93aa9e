using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.TestSupport;

/// <summary>A private in-memory Azurite on free ports, started by the test and stopped after it.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public AzuriteEndpoints Endpoints { get; } = AzuriteEndpoints.OnFreePorts();

    public string ConnectionString => Endpoints.ConnectionString;

    public StorageClients Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync(Endpoints, NullLogger.Instance, CancellationToken.None);
        Storage = StorageClients.FromConnectionString(ConnectionString);
        await Storage.EnsureCreatedAsync(CancellationToken.None);
    }

    /// <summary>Stops the emulator: storage refuses connections until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
            azurite = null;
        }
    }

    /// <summary>Starts a new, empty emulator on the same ports (as an in-memory Azurite restarted: every queue, table and blob gone).</summary>
    public async Task StartAgainAsync() =>
        azurite = await AzuriteProcess.StartAsync(Endpoints, NullLogger.Instance, CancellationToken.None);

    /// <summary>Deletes every blob of a container, so that tests sharing this emulator each start from an empty one.</summary>
    public async Task EmptyContainerAsync(string name)
    {
        var container = Storage.Container(name);
        await foreach (var blob in container.GetBlobsAsync())
        {
            await container.DeleteBlobAsync(blob.Name);
        }
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
