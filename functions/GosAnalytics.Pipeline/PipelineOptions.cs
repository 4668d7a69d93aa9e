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
    /// Where page data comes from: <c>demo</c> for the generated demo region, <c>platforms</c> for the real VK, OK, Telegram and MAX
    /// collectors (settings sections <c>Vk</c>, <c>Ok</c>, <c>Telegram</c>, <c>Max</c>).
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

    /// <summary>
    /// The share of a run's planned pages it must collect to be served (0–1). A run below it — or one that collected nothing — ends
    /// <c>partial</c> (or <c>failed</c>) without moving the served pointer: the API keeps serving the last good day and says why the
    /// newer one is not shown. A partial run at or above it is served with its gaps named.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinServedCoverage { get; set; } = 0.8;

    /// <summary>
    /// How long a run may go without any of its batches reporting (and with the collect and score queues empty) before the deadline
    /// check ends it as partial, naming the batches that never reported: a lost or unreadable message cannot keep a run open forever.
    /// Longer than a batch's worst legitimate silence (five deliveries of a 10-minute lease).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RunStallTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The configured source, read before the container is built (it decides which sources are registered).</summary>
    public static string SourceFrom(IConfiguration configuration) =>
        configuration.GetSection(SectionName)[nameof(Source)] ?? DemoSource;
}
