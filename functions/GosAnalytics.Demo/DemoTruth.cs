using System.Globalization;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;

namespace GosAnalytics.Demo;

/// <summary>Text style of a post; the mix depends on the page's hidden quality.</summary>
public enum DemoTextStyle
{
    /// <summary>Lively and concrete: details, a quote, a question or call to action, sometimes emoji and hashtags.</summary>
    Good,

    /// <summary>Ordinary informational note, a sentence or three.</summary>
    Plain,

    /// <summary>Officialese: «В соответствии с … в целях … осуществляется …».</summary>
    Bureaucratic,

    /// <summary>A word or two, or media with no text.</summary>
    Short,

    /// <summary>A repost, usually with no text of its own.</summary>
    Repost,
}

/// <summary>
/// The hidden parameters behind the demo regions on one metric day: what an evaluation compares the pipeline's scores with.
/// Never part of a snapshot; written to its own file by <see cref="DemoTruthWriter"/>.
/// </summary>
/// <param name="RegionCodes">The generated regions, ascending; each page also names its own.</param>
public sealed record DemoTruth(
    IReadOnlyList<int> RegionCodes,
    int Seed,
    DateOnly MetricDay,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<DemoPageTruth> Pages,
    IReadOnlyList<DemoPostTruth> Posts);

/// <summary>A page's hidden parameters. Formulas: docs/demo-data.md.</summary>
/// <param name="Quality">How well the page is run, standard normal; drives activity, engagement, text style and replies.</param>
/// <param name="PostsPerWeek">Expected posts a week outside dormant weeks.</param>
/// <param name="ReachAt1000">Expected views ÷ subscribers of an average post on a 1,000-subscriber page.</param>
/// <param name="ReplyProbability">Chance that a citizen's comment gets an answer.</param>
/// <param name="ReplyMedianHours">Median delay of an answer.</param>
/// <param name="StyleShares">Probability of each text style, by style name.</param>
public sealed record DemoPageTruth(
    Platform Platform,
    string PageId,
    int RegionCode,
    string Title,
    OrganisationKind Kind,
    double Quality,
    bool IsDead,
    double PostsPerWeek,
    double ReachAt1000,
    double LikesEffect,
    double RepostsEffect,
    double CommentsEffect,
    bool CommentsOpen,
    double ReplyProbability,
    double ReplyMedianHours,
    double BroadcastsPer30Days,
    IReadOnlyDictionary<DemoTextStyle, double> StyleShares);

/// <summary>A post's true content effect: the log-shift its own content gives to interactions (and 0.4 of it to views).</summary>
public sealed record DemoPostTruth(
    Platform Platform,
    string PageId,
    string PostId,
    DateTimeOffset PublishedAt,
    DemoTextStyle Style,
    double ContentEffect);

/// <summary>Writes <see cref="DemoTruth"/> as JSON (the project's convention) or as CSV tables.</summary>
public static class DemoTruthWriter
{
    public static Task WriteJsonAsync(Stream stream, DemoTruth truth, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(stream, truth, JsonConventions.Options, cancellationToken);

    /// <summary>One row per post: <c>platform,pageId,postId,publishedAt,style,contentEffect</c>.</summary>
    public static async Task WritePostsCsvAsync(Stream stream, DemoTruth truth, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("platform,pageId,postId,publishedAt,style,contentEffect".AsMemory(), cancellationToken);
        foreach (var post in truth.Posts)
        {
            var line = string.Join(',',
                post.Platform.ToCode(),
                post.PageId,
                post.PostId,
                post.PublishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                post.Style.ToString().ToLowerInvariant(),
                post.ContentEffect.ToString("0.####", CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }

    /// <summary>One row per page: <c>platform,pageId,regionCode,kind,quality,isDead,postsPerWeek,reachAt1000,replyProbability,replyMedianHours,commentsOpen</c>.</summary>
    public static async Task WritePagesCsvAsync(Stream stream, DemoTruth truth, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("platform,pageId,regionCode,kind,quality,isDead,postsPerWeek,reachAt1000,replyProbability,replyMedianHours,commentsOpen".AsMemory(), cancellationToken);
        foreach (var page in truth.Pages)
        {
            var line = string.Join(',',
                page.Platform.ToCode(),
                page.PageId,
                page.RegionCode.ToString(CultureInfo.InvariantCulture),
                page.Kind.ToCode(),
                Number(page.Quality),
                page.IsDead ? "true" : "false",
                Number(page.PostsPerWeek),
                Number(page.ReachAt1000),
                Number(page.ReplyProbability),
                Number(page.ReplyMedianHours),
                page.CommentsOpen ? "true" : "false");
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
