using GosAnalytics.ContentQuality.Registry;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Pipeline.Collect;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Registry;
using GosAnalytics.Pipeline.Score;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GosAnalytics.Pipeline;

/// <summary>
/// Wires the stages of a daily run and the read side over one storage account. Page sources (the demo region or the platform
/// collectors) are registered by the caller; the Functions app and the local host do it in one place.
/// </summary>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddGosAnalyticsPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Validate().Count == 0, "Index options are invalid: check Index:Weights (known components, non-negative, not all zero).")
            .ValidateOnStart();

        services.AddOptions<ServeOptions>().BindConfiguration(ServeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddGosAnalyticsStorage(configuration);
        services.AddContentQualityModels();

        services.AddSingleton<PageSources>();
        services.AddSingleton<BatchWindow>();
        services.AddSingleton<RunFanIn>();
        services.AddSingleton<RunFailures>();
        services.AddSingleton<QueueSteps>();
        services.AddSingleton<RunDeadlines>();
        services.AddSingleton<RunFinisher>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton<BatchCollector>();
        services.AddSingleton<BatchScorer>();
        services.AddSingleton<RunAggregator>();

        services.AddSingleton<RankingReader>();
        services.AddSingleton<ServedDays>();
        services.AddSingleton<HistoryService>();
        services.AddSingleton<RankingService>();
        services.AddSingleton<PageProfileService>();
        services.AddSingleton<WorklistService>();
        services.AddSingleton<WeeklyReportService>();
        services.AddSingleton<RegionService>();
        services.AddSingleton<OrganisationService>();
        services.AddSingleton<TopContentService>();
        services.AddSingleton<PageSearchService>();
        services.AddSingleton<RunStatusService>();
        services.AddSingleton<ModelInfoService>();
        services.AddSingleton<RegistryImporter>();

        // The MAX channel inbox: section Max is shared with the MAX collector's settings, so unknown keys are not an error.
        services.AddOptions<MaxInboxOptions>().BindConfiguration(MaxInboxOptions.SectionName)
            .Validate(o => o.IsWebhookSecretValid, MaxInboxOptions.InvalidSecretMessage)
            .ValidateOnStart();
        services.AddSingleton<MaxChannelInbox>();
        services.AddSingleton<MaxWebhook>();
        services.AddSingleton<MaxUpdatePoller>();
        return services;
    }
}
