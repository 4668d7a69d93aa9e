using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace GosAnalytics.Storage;

/// <summary>Registers the storage clients (one set per process) and the stores over them.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddGosAnalyticsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClients>().Operations);
        services.TryAddSingleton<JsonBlobStore>();
        services.TryAddSingleton<PackedBlobStore>();
        services.TryAddSingleton<ServedPointerStore>();
        services.TryAddSingleton<RunProgressStore>();
        services.TryAddSingleton<WorkQueue>();
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<ServedDayStore>();
        services.TryAddSingleton<PageRegistry>();
        services.TryAddSingleton<MetricsStore>();
        services.TryAddSingleton<MaxChannelStore>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}

/// <summary>
/// Creates containers, tables and queues once when the process starts (the Functions app; the local host replaces it with one that
/// also waits out an outage and recreates what an emulator lost).
/// </summary>
public sealed class StorageInitializer(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
