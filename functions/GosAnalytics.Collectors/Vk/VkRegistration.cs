using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Sources;
using GosAnalytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VkOptions>>();
            var clock = sp.GetRequiredService<TimeProvider>();

            // The storage account is there in the app; a collector built alone (tests, benchmarks) keeps its tokens' rate and state
            // in its process only.
            var storage = options.Value.ShareRateThroughStorage ? sp.GetService<StorageClients>() : null;
            return new VkTokenPool(
                options,
                clock,
                sp.GetRequiredService<ILogger<VkTokenPool>>(),
                storage is null ? null : new SharedRateLedger(storage, clock),
                storage is null ? null : new VkTokenLedger(storage, clock));
        });
        services.AddSingleton<VkApiClient>();
        services.AddSingleton<VkPageSource>();
        services.AddSingleton<IPageSource>(sp => sp.GetRequiredService<VkPageSource>());
        return services;
    }
}
