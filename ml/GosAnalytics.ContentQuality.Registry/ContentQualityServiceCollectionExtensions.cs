using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GosAnalytics.ContentQuality.Registry;

/// <summary>Registers the model registry and the provider that holds the content-quality model for the process.</summary>
public static class ContentQualityServiceCollectionExtensions
{
    public static IServiceCollection AddContentQualityModels(this IServiceCollection services)
    {
        services.AddOptions<ContentQualityOptions>().BindConfiguration(ContentQualityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<ContentQualityModelProvider>();
        return services;
    }
}
