using GosAnalytics.Core.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.Collectors.Telegram;

internal static class TelegramRegistration
{
    public const string HttpClientName = "telegram";

    public static IServiceCollection AddTelegramCollector(this IServiceCollection services)
    {
        services.AddPlatformClient<TelegramOptions>(TelegramOptions.SectionName, HttpClientName);

        // A singleton, because it owns the one request pacer every concurrent batch of the process shares.
        services.AddSingleton<IPageSource, TelegramPageSource>();
        return services;
    }
}
