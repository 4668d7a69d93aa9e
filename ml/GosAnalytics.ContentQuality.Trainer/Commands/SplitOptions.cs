using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary>The held-out split options: the share of pages held out and the seed of which ones.</summary>
internal static class SplitOptions
{
    public static IReadOnlyList<OptionSpec> Options { get; } = [new("test-share", OptionKind.Value), new("split-seed", OptionKind.Value)];

    public const string Usage = "  --test-share 0.2  --split-seed 20221201   pages held out for evaluation (evaluate and compare default to the model's)\n";

    /// <summary>The split the options name, else <paramref name="fallback"/> (a model's own split), else the trainer's defaults.</summary>
    public static (double TestShare, int SplitSeed) Read(CommandLine line, TrainingData? fallback)
    {
        // The request's own defaults, so that the CLI cannot drift from what the trainer documents.
        var defaults = new TrainingRequest([], "", "", new TrainerSettings(), default);
        return (
            line.Double("test-share", fallback?.TestShare ?? defaults.TestShare, 0.01, 0.99),
            line.Int("split-seed", fallback?.SplitSeed ?? defaults.SplitSeed, int.MinValue, int.MaxValue));
    }
}
