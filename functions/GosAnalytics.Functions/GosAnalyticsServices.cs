using GosAnalytics.Collectors;
using GosAnalytics.Core.Json;
using GosAnalytics.Demo;
using GosAnalytics.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.Functions;

/// <summary>Everything the functions need. The Functions app and the local host call this one method, so both run the same services.</summary>
public static class GosAnalyticsServices
{
    public static IServiceCollection AddGosAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGosAnalyticsPipeline(configuration);

        // Pipeline:Source picks the page sources: the generated demo region, or the real VK, OK and Telegram collectors.
        if (string.Equals(PipelineOptions.SourceFrom(configuration), PipelineOptions.PlatformsSource, StringComparison.OrdinalIgnoreCase))
        {
            services.AddPlatformCollectors();
        }
        else
        {
            services.AddDemoSource();
        }

        // Read answers are made once per served run and query (ETag, gzip/Brotli), then served from memory.
        services.AddSingleton<GosAnalytics.Functions.Api.AnswerCache>();

        // HTTP functions return IActionResult; their JSON follows the project's one convention.
        services.AddMvcCore().AddJsonOptions(o => JsonConventions.Configure(o.JsonSerializerOptions));
        return services;
    }
}
