using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.ContentQuality.Trainer.Data;

/// <summary>
/// Posts of collected snapshots (demo or stored runs) as labelling inputs: each post once, with the counters of the last
/// snapshot added, its content through the pipeline's one mapping (<see cref="PostContentMapping"/>).
/// </summary>
internal sealed class CollectedPosts
{
    /// <summary>Counters grow along 1 − e^(−age/1 day) in the demo (and similarly on the platforms): 86 % after two days.</summary>
    public static readonly TimeSpan Settling = TimeSpan.FromDays(2);

    private readonly Dictionary<string, PostOutcome> latest = new(StringComparer.Ordinal);

    public IEnumerable<PostOutcome> Outcomes => latest.Values;

    public int Count => latest.Count;

    /// <summary>
    /// Posts published before this instant are at least <see cref="Settling"/> old when the day's counters are read (the end of
    /// the metric day), so their counters are near their final values; younger posts would look worse only for being young.
    /// </summary>
    public static DateTimeOffset SettledCutoff(DateOnly metricDay) => MoscowTime.EndOfDay(metricDay) - Settling;

    /// <summary>Adds a post, replacing the counters of an earlier snapshot: add snapshots oldest metric day first.</summary>
    public void Add(string pageKey, Post post) =>
        latest[LabelledData.EffectKey(pageKey, post.PostId)] =
            new PostOutcome(pageKey, post.PostId, PostContentMapping.ToContent(post), post.Views, post.Likes, post.Reposts, post.Comments);
}
