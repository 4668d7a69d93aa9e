using GosAnalytics.Pipeline.ContentQuality;
using GosAnalytics.Pipeline.Rankings;
using GosAnalytics.Pipeline.Runs;
using GosAnalytics.Pipeline.Serving;
using GosAnalytics.Pipeline.Sources;
using GosAnalytics.Pipeline.Sources.Demo;
using GosAnalytics.Pipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline;

/// <summary>Wires the pipeline. The Functions app and the local host call the same method, so both run the same services.</summary>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddGosAnalyticsPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Validate().Count == 0, "Index options are invalid: check Index:Weights (known components, non-negative, not all zero).")
            .ValidateOnStart();
        services.AddOptions<DemoSourceOptions>().BindConfiguration(DemoSourceOptions.SectionName);
        services.AddOptions<ContentQualityOptions>().BindConfiguration(ContentQualityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.AddSingleton<JsonBlobStore>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<PageRegistry>();
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ContentQualityModelProvider>();
        services.AddHostedService<StorageInitializer>();

        if (string.Equals(PipelineOptions.SourceFrom(configuration), PipelineOptions.DemoSource, StringComparison.OrdinalIgnoreCase))
        {
            // Real platform sources are registered by the collectors project when Pipeline:Source is 'platforms'.
            services.AddSingleton(sp => new DemoPageSource(sp.GetRequiredService<IOptions<DemoSourceOptions>>().Value));
            services.AddSingleton<IPageSource>(sp => sp.GetRequiredService<DemoPageSource>());
        }

        services.AddSingleton<PageSources>();

        services.AddSingleton<RunCoordinator>();
        services.AddSingleton<BatchCollector>();
        services.AddSingleton<BatchScorer>();
        services.AddSingleton<RunAggregator>();

        services.AddSingleton<RankingReader>();
        services.AddSingleton<RankingService>();
        services.AddSingleton<PageProfileService>();
        services.AddSingleton<RegionService>();
        services.AddSingleton<TopContentService>();
        services.AddSingleton<RunStatusService>();
        services.AddSingleton<ModelInfoService>();
        services.AddSingleton<Registry.RegistryImporter>();

        // HTTP functions return IActionResult; their JSON follows the project's one convention.
        services.AddMvcCore().AddJsonOptions(o => PipelineJson.Configure(o.JsonSerializerOptions));
        return services;
    }
}

/// <summary>Creates containers, tables and queues once when the process starts.</summary>
internal sealed class StorageInitializer(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
