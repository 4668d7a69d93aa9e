using GosAnalytics.Collectors;
using GosAnalytics.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.Functions;

/// <summary>Everything the functions need. The Functions app and the local host call this one method, so both run the same services.</summary>
public static class GosAnalyticsServices
{
    public static IServiceCollection AddGosAnalytics(this IServiceCollection services, IConfiguration configuration) =>
        services.AddGosAnalyticsPipeline(configuration).AddPlatformCollectors(configuration);
}
