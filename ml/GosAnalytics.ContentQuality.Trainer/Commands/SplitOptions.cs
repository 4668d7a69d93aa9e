using System.CommandLine;
using System.Globalization;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Trainer.Commands;

/// <summary>The held-out split options: the share of pages held out and the seed of which ones.</summary>
internal sealed class SplitOptions
{
    // The request's own defaults, so that the CLI cannot drift from what the trainer documents.
    private static readonly TrainingRequest Defaults = new([], "", "", new TrainerSettings(), default);

    private readonly Option<double?> testShare;
    private readonly Option<int?> splitSeed;

    /// <param name="modelDefault">Whether an absent option means the model's own split (evaluate, compare) rather than the trainer's default.</param>
    public SplitOptions(bool modelDefault)
    {
        var fallback = modelDefault ? "the model's, else " : "";
        testShare = CliOptions.OptionalDouble(
            "--test-share", string.Create(CultureInfo.InvariantCulture, $"share of the pages held out for evaluation [default: {fallback}{Defaults.TestShare}]"), 0.01, 0.99);
        splitSeed = CliOptions.OptionalInt(
            "--split-seed", string.Create(CultureInfo.InvariantCulture, $"seed of which pages are held out [default: {fallback}{Defaults.SplitSeed}]"), int.MinValue, int.MaxValue);
    }

    public void AddTo(Command command)
    {
        command.Add(testShare);
        command.Add(splitSeed);
    }

    /// <summary>The split the options name, else <paramref name="fallback"/> (a model's own split), else the trainer's defaults.</summary>
    public (double TestShare, int SplitSeed) Read(ParseResult line, TrainingData? fallback) =>
        (line.GetValue(testShare) ?? fallback?.TestShare ?? Defaults.TestShare, line.GetValue(splitSeed) ?? fallback?.SplitSeed ?? Defaults.SplitSeed);
}
