using GosAnalytics.Pipeline.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.Collectors.Vk;

internal static class VkRegistration
{
    public const string HttpClientName = "vk";

    public static IServiceCollection AddVkCollector(this IServiceCollection services)
    {
        services.AddPlatformClient<VkOptions>(VkOptions.SectionName, HttpClientName)
            .AddHttpMessageHandler(() => new VkSendPacingHandler());
        services.AddSingleton<VkTokenPool>();
        services.AddSingleton<VkApiClient>();
        services.AddSingleton<VkPageSource>();
        services.AddSingleton<IPageSource>(sp => sp.GetRequiredService<VkPageSource>());
        return services;
    }
}
