using System.ComponentModel.DataAnnotations;

namespace GosAnalytics.Core.Scoring;

/// <summary>
/// Settings of the quality index, bound from configuration section <c>Index</c>
/// (app setting <c>Index__Weights__engagement</c>, or <c>Index:Weights:engagement</c> in JSON). See docs/metrics.md §5.
/// </summary>
public sealed class IndexOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Index";

    /// <summary>
    /// Component name (see <see cref="IndexComponents"/>) → weight ≥ 0. Weights need not sum to 1: the index divides by the
    /// sum of the weights of the components present. A component missing here has weight 0 and is left out of the index.
    /// Keys are case-insensitive, like configuration keys; configuration binding merges into these defaults.
    /// </summary>
    public Dictionary<string, double> Weights { get; set; } = DefaultWeights();

    /// <summary>Smallest peer group ranked on its own; smaller groups fall back to (platform, band), then (platform).</summary>
    [Range(1, int.MaxValue)]
    public int MinPeerGroupSize { get; set; } = 10;

    /// <summary>Posts per week that earn the full activity score (regional rules converge on ≥ 3).</summary>
    [Range(0.001, 1_000)]
    public double PostingNormPerWeek { get; set; } = 3;

    /// <summary>Median answer time (hours) at or below which the speed part of responsiveness is full.</summary>
    [Range(0.001, 8_760)]
    public double AnswerTimeTargetHours { get; set; } = 1;

    /// <summary>Median answer time (hours) at or above which the speed part of responsiveness is zero.</summary>
    [Range(0.001, 8_760)]
    public double AnswerTimeLimitHours { get; set; } = 24;

    /// <summary>
    /// The default weights: engagement 0.20, reach 0.15, activity 0.15, responsiveness 0.20, growth 0.05, compliance 0.10,
    /// content quality 0.15.
    /// </summary>
    public static Dictionary<string, double> DefaultWeights() => new(StringComparer.OrdinalIgnoreCase)
    {
        [IndexComponents.Engagement] = 0.20,
        [IndexComponents.Reach] = 0.15,
        [IndexComponents.Activity] = 0.15,
        [IndexComponents.Responsiveness] = 0.20,
        [IndexComponents.Growth] = 0.05,
        [IndexComponents.Compliance] = 0.10,
        [IndexComponents.ContentQuality] = 0.15,
    };

    /// <summary>
    /// Checks the options (data annotations plus the rules they cannot express); an empty list means valid.
    /// Called at startup so a mistyped weight fails the deployment instead of silently skewing every ranking.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();

        var annotationResults = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), annotationResults, validateAllProperties: true);
        errors.AddRange(annotationResults.Select(result => $"{SectionName}: {result.ErrorMessage}"));

        if (AnswerTimeLimitHours <= AnswerTimeTargetHours)
        {
            errors.Add($"{SectionName}:AnswerTimeLimitHours ({AnswerTimeLimitHours}) must be greater than AnswerTimeTargetHours ({AnswerTimeTargetHours}).");
        }

        if (Weights is null)
        {
            errors.Add($"{SectionName}:Weights is missing.");
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var total = 0.0;
        foreach (var (name, weight) in Weights)
        {
            if (!IndexComponents.All.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{SectionName}:Weights:{name} is not an index component; known: {string.Join(", ", IndexComponents.All)}.");
                continue;
            }

            if (!seen.Add(name))
            {
                errors.Add($"{SectionName}:Weights:{name} is given more than once (names are case-insensitive).");
            }

            if (!double.IsFinite(weight) || weight < 0)
            {
                errors.Add($"{SectionName}:Weights:{name} must be a finite number ≥ 0, not {weight}.");
                continue;
            }

            total += weight;
        }

        if (total <= 0)
        {
            errors.Add($"{SectionName}:Weights are all zero; at least one component needs a positive weight.");
        }

        return errors;
    }

    /// <summary>The weight of <paramref name="component"/> (case-insensitive), 0 when not configured.</summary>
    internal double WeightOf(string component)
    {
        foreach (var (name, weight) in Weights)
        {
            if (string.Equals(name, component, StringComparison.OrdinalIgnoreCase))
            {
                return weight;
            }
        }

        return 0;
    }
}
