using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Sources;
using GosAnalytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors.Max;

internal static class MaxRegistration
{
    public const string HttpClientName = "max";

    public static IServiceCollection AddMaxCollector(this IServiceCollection services)
    {
        services.AddPlatformClient<MaxOptions>(MaxOptions.SectionName, HttpClientName)
            .AddHttpMessageHandler(sp => new MaxSendPacingHandler(sp.GetRequiredService<TimeProvider>()));

        // One client per process: it owns the gate that every call with the bot token shares. The storage account is there in the
        // app; a collector built alone (tests, benchmarks) keeps the bot's rate in its process only.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MaxOptions>>();
            var clock = sp.GetRequiredService<TimeProvider>();
            var storage = options.Value.ShareRateThroughStorage ? sp.GetService<StorageClients>() : null;
            return new MaxApiClient(
                sp.GetRequiredService<IHttpClientFactory>(),
                options,
                clock,
                sp.GetRequiredService<ILogger<MaxApiClient>>(),
                storage is null ? null : new SharedRateLedger(storage, clock));
        });
        services.AddSingleton<MaxPageSource>();
        services.AddSingleton<IPageSource>(sp => sp.GetRequiredService<MaxPageSource>());
        services.AddSingleton<IMaxUpdateFeed, MaxUpdateFeed>();
        return services;
    }
}
