using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.Collectors.Ok;

internal static class OkRegistration
{
    public const string HttpClientName = "ok";

    public static IServiceCollection AddOkCollector(this IServiceCollection services)
    {
        services.AddPlatformClient<OkOptions>(OkOptions.SectionName, HttpClientName);
        return services;
    }
}
