using System.ComponentModel.DataAnnotations;

namespace GosAnalytics.ContentQuality.Registry;

/// <summary>Settings of content-quality scoring, bound from section <c>ContentQuality</c>.</summary>
public sealed class ContentQualityOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "ContentQuality";

    /// <summary>How often scoring checks the registry's current pointer for a newly promoted model (seconds).</summary>
    [Range(1, 86_400)]
    public int ModelRefreshSeconds { get; set; } = 60;
}
