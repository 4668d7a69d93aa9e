using GosAnalytics.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Demo;

/// <summary>Registers the generated demo region as the page source of every platform.</summary>
public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoSource(this IServiceCollection services)
    {
        services.AddOptions<DemoSourceOptions>().BindConfiguration(DemoSourceOptions.SectionName);
        services.AddSingleton(sp => new DemoPageSource(sp.GetRequiredService<IOptions<DemoSourceOptions>>().Value));
        services.AddSingleton<IPageSource>(sp => sp.GetRequiredService<DemoPageSource>());
        return services;
    }
}
