using System.ComponentModel.DataAnnotations;

namespace GosAnalytics.Pipeline;

/// <summary>Settings of the daily run, configuration section <c>Pipeline</c> (app settings <c>Pipeline__*</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Where page data comes from: <c>demo</c> for the generated demo region.</summary>
    [Required]
    [RegularExpression("^demo$", ErrorMessage = "Pipeline:Source must be 'demo' (real platform collectors come with their own settings).")]
    public string Source { get; set; } = "demo";

    /// <summary>Pages per collect batch: one VK <c>execute</c> call carries at most 25.</summary>
    [Range(1, 25)]
    public int BatchSize { get; set; } = 25;

    /// <summary>Fill the page registry from the source's own catalogue before each run (the demo region knows its pages).</summary>
    public bool SeedRegistryFromSource { get; set; } = true;

    /// <summary>Pages scored concurrently within one batch (table writes dominate).</summary>
    [Range(1, 64)]
    public int ScoringParallelism { get; set; } = 8;
}
