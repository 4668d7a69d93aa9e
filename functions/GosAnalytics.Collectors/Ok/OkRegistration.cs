using GosAnalytics.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GosAnalytics.Collectors.Ok;

internal static class OkRegistration
{
    public const string HttpClientName = "ok";

    public static IServiceCollection AddOkCollector(this IServiceCollection services)
    {
        services.AddPlatformClient<OkOptions>(OkOptions.SectionName, HttpClientName);

        // One client per process: it owns the pacer that every OK call of every worker shares.
        services.TryAddSingleton<OkApiClient>();
        services.AddSingleton<IPageSource, OkPageSource>();
        return services;
    }
}
