using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Registry;

namespace GosAnalytics.ContentQuality.Trainer.Data;

/// <summary>Labelled posts read from one source, ready for training or evaluation.</summary>
/// <param name="Examples">The posts in a stable order (by page, then post).</param>
/// <param name="LabelKind">How the labels were made: engagement or expert.</param>
/// <param name="Source">What was read, for the manifest and the report; never holds a connection string.</param>
/// <param name="HiddenEffects">
/// On demo data only: the generator's hidden content effect by <see cref="EffectKey"/>, to check that the model learnt content
/// rather than the label's noise.
/// </param>
internal sealed record LabelledData(
    IReadOnlyList<LabeledPost> Examples,
    string LabelKind,
    string Source,
    IReadOnlyDictionary<string, double>? HiddenEffects = null)
{
    public static string EffectKey(string pageKey, string postId) => $"{pageKey}/{postId}";

    /// <summary>Spearman of <paramref name="scores"/> with the hidden effects of <paramref name="posts"/>, or null without demo truth.</summary>
    public double? HiddenEffectSpearman(IReadOnlyList<LabeledPost> posts, IReadOnlyList<float> scores)
    {
        if (HiddenEffects is null)
        {
            return null;
        }

        var paired = new List<float>(posts.Count);
        var effects = new List<float>(posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            if (HiddenEffects.TryGetValue(EffectKey(posts[i].PageKey, posts[i].PostId), out var effect))
            {
                paired.Add(scores[i]);
                effects.Add((float)effect);
            }
        }

        return paired.Count < 2 ? null : Correlation.Spearman(paired, effects);
    }
}

/// <summary>A problem with input data: <c>FILE:LINE: column 'name': message</c>, as editors and terminals jump to it.</summary>
/// <param name="Line">The line as a text editor counts it (the header is line 1); null for the file as a whole.</param>
/// <param name="Column">The column as the header names it; null for the whole line.</param>
internal sealed record DataProblem(int? Line, string? Column, string Message)
{
    public string Format(string file) => CsvReader.DescribeProblem(file, Line, Column, Message);
}

/// <summary>Input that cannot be used, with every problem found in one pass; the CLI prints them and writes nothing.</summary>
internal sealed class DataProblemsException(string file, IReadOnlyList<DataProblem> problems)
    : Exception($"{file}: {problems.Count} problems")
{
    public string File { get; } = file;

    public IReadOnlyList<DataProblem> Problems { get; } = problems;
}
