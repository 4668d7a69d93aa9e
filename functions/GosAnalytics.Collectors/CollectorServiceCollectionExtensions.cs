using GosAnalytics.Collectors.Http;
using GosAnalytics.Collectors.Max;
using GosAnalytics.Collectors.Ok;
using GosAnalytics.Collectors.Telegram;
using GosAnalytics.Collectors.Vk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors;

/// <summary>Registers the real platform sources (VK, OK, Telegram, MAX), each with its settings section (<c>Vk</c>, <c>Ok</c>, <c>Telegram</c>, <c>Max</c>).</summary>
public static class CollectorServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformCollectors(this IServiceCollection services)
    {
        services.AddVkCollector();
        services.AddOkCollector();
        services.AddTelegramCollector();
        services.AddMaxCollector();
        return services;
    }

    /// <summary>
    /// Binds and validates a platform's options and registers its named <see cref="HttpClient"/>. The factory's request loggers
    /// are removed: they would write URLs, and a URL can carry a signature or a token.
    /// </summary>
    internal static IHttpClientBuilder AddPlatformClient<TOptions>(this IServiceCollection services, string sectionName, string clientName)
        where TOptions : PlatformClientOptions
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services.AddHttpClient(clientName, (sp, client) =>
            {
                var settings = sp.GetRequiredService<IOptions<TOptions>>().Value;
                client.BaseAddress = settings.BaseAddress;
                client.Timeout = settings.RequestTimeout;
            })
            .RemoveAllLoggers();
    }
}
