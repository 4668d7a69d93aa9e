using System.ComponentModel.DataAnnotations;
using GosAnalytics.Collectors.Http;

namespace GosAnalytics.Collectors.Ok;

/// <summary>Odnoklassniki API collector, configuration section <c>Ok</c>. Keys come from settings or Key Vault references.</summary>
internal sealed class OkOptions : PlatformClientOptions
{
    public const string SectionName = "Ok";

    public OkOptions()
    {
        BaseAddress = new Uri("https://api.ok.ru/");
    }

    /// <summary>The application's public key (<c>application_key</c>).</summary>
    public string? ApplicationKey { get; set; }

    /// <summary>The application's secret key; used only to sign, never sent.</summary>
    public string? ApplicationSecretKey { get; set; }

    /// <summary>A long-lived access token of the collecting account.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Requests per second, shared by all workers of the process (OK publishes budgets per method, not a rate).</summary>
    [Range(0.05, 50)]
    public double RequestsPerSecond { get; set; } = 3;

    /// <summary>Topics read per <c>mediatopic.getTopics</c> call.</summary>
    [Range(1, 100)]
    public int TopicsPerRequest { get; set; } = 50;

    /// <summary>
    /// Most <c>mediatopic.getTopics</c> pages read for one group per run: a guard against an anchor that never ends. With 50 topics a
    /// page, 20 pages cover 1,000 topics, far more than a government page publishes in the 30-day window.
    /// </summary>
    [Range(1, 1000)]
    public int MaxTopicPagesPerGroup { get; set; } = 20;

    /// <summary>True when all three credentials are set; without them OK pages are skipped with that reason.</summary>
    public bool HasCredentials =>
        !string.IsNullOrWhiteSpace(ApplicationKey) && !string.IsNullOrWhiteSpace(ApplicationSecretKey) && !string.IsNullOrWhiteSpace(AccessToken);
}
