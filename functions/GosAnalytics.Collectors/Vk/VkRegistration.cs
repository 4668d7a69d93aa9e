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

        // Data annotations do not reach into the token list; a rate of 0 would otherwise fail every collect call later.
        services.AddOptions<VkOptions>().Validate(
            options => options.Tokens.All(VkOptions.IsValid),
            "Each Vk:Tokens entry needs a Token, RequestsPerSecond between 0.1 and 60 (or unset) and DailyWallGetBudget of at least 1.");
        services.AddSingleton<VkTokenPool>();
        services.AddSingleton<VkApiClient>();
        services.AddSingleton<VkPageSource>();
        services.AddSingleton<IPageSource>(sp => sp.GetRequiredService<VkPageSource>());
        return services;
    }
}
