using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace GosAnalytics.Pipeline;

/// <summary>Settings of the daily run, configuration section <c>Pipeline</c> (app settings <c>Pipeline__*</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    public const string DemoSource = "demo";
    public const string PlatformsSource = "platforms";

    /// <summary>
    /// Where page data comes from: <c>demo</c> for the generated demo region, <c>platforms</c> for the real VK, OK and Telegram
    /// collectors (settings sections <c>Vk</c>, <c>Ok</c>, <c>Telegram</c>).
    /// </summary>
    [Required]
    [RegularExpression("^(demo|platforms)$", ErrorMessage = "Pipeline:Source must be 'demo' or 'platforms'.")]
    public string Source { get; set; } = DemoSource;

    /// <summary>Pages per collect batch: one VK <c>execute</c> call carries at most 25.</summary>
    [Range(1, 25)]
    public int BatchSize { get; set; } = 25;

    /// <summary>
    /// Batches of a run in the queues at once. Planning sends the first this many collect messages; scoring batch b sends batch
    /// b + this many, so the queues never hold the whole country: the work in flight — and the memory and queue length it takes — stays
    /// the same at 150,000 pages as at 1,000, and a storage emulator whose queue operations cost as much as the queue is long keeps up.
    /// </summary>
    [Range(16, 100_000)]
    public int BatchesInFlight { get; set; } = 256;

    /// <summary>Fill the page registry from the source's own catalogue before each run (the demo region knows its pages).</summary>
    public bool SeedRegistryFromSource { get; set; } = true;

    /// <summary>Pages scored concurrently within one batch (table writes dominate).</summary>
    [Range(1, 64)]
    public int ScoringParallelism { get; set; } = 8;

    /// <summary>Days a page rests after its first permanent failure (deleted, banned, closed) before it is checked again; doubles with each further failure.</summary>
    [Range(1, 90)]
    public int UnavailablePageRestDays { get; set; } = 7;

    /// <summary>The configured source, read before the container is built (it decides which sources are registered).</summary>
    public static string SourceFrom(IConfiguration configuration) =>
        configuration.GetSection(SectionName)[nameof(Source)] ?? DemoSource;
}
