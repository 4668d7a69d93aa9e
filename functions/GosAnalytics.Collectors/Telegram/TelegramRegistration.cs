using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.Collectors.Telegram;

internal static class TelegramRegistration
{
    public const string HttpClientName = "telegram";

    public static IServiceCollection AddTelegramCollector(this IServiceCollection services)
    {
        services.AddPlatformClient<TelegramOptions>(TelegramOptions.SectionName, HttpClientName);
        return services;
    }
}
