using GosAnalytics.Storage;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>The local storage rule shared by the local host and its commands: a development connection with nothing listening gets an Azurite.</summary>
internal static class DevelopmentStorage
{
    /// <summary>
    /// Starts Azurite when <c>AzureWebJobsStorage</c> is the development storage (or a loopback Azurite connection) and nothing
    /// listens there; null when storage is a real account, already running, or <see cref="LocalHostOptions.StartAzurite"/> is off.
    /// The caller owns the returned emulator and disposes it to stop it.
    /// </summary>
    public static async Task<AzuriteProcess?> StartAzuriteIfNeededAsync(IConfiguration configuration, LocalHostOptions options, CancellationToken cancellationToken)
    {
        if (!options.StartAzurite)
        {
            return null;
        }

        var endpoints = AzuriteEndpoints.FromConnectionString(configuration[StorageClients.ConnectionName]);
        if (endpoints is null)
        {
            return null;
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        return await AzuriteProcess.EnsureRunningAsync(endpoints, loggerFactory.CreateLogger("Azurite"), cancellationToken);
    }
}
