using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using MemoryPack;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// The best posts and broadcasts of one period of one run for one scope — the country or a region — as aggregation writes them and
/// HTTP serves them (<c>rankings/{run}/{period}/content-{scope}.table.gz</c>: MemoryPack, gzip). Posts hold what
/// <see cref="TopContent.KeepServable"/> keeps, stored by column in the default order (by interactions), with the order of each
/// <see cref="ContentSort"/> precomputed (<see cref="TopContent.Order(IEnumerable{ContentPostEntry}, ContentSort)"/>: qualifying posts only, at most
/// <see cref="TopContent.CandidatesPerPage"/> of a page). Broadcasts hold every live or ended broadcast of the period, by views.
/// Pages are stored once and referenced by position. Missing counters are −1, missing ratios NaN.
/// </summary>
[MemoryPackable]
public sealed partial class ContentTable : IRunSnapshot
{
    public RunStamp Run { get; set; } = null!;

    public Period Period { get; set; }

    /// <summary>Null for the country.</summary>
    public int? RegionCode { get; set; }

    public Platform[] PagePlatforms { get; set; } = [];

    public string[] PageIds { get; set; } = [];

    public string[] PageNames { get; set; } = [];

    public int[] PageRegions { get; set; } = [];

    public OrganisationKind[] PageKinds { get; set; } = [];

    public int[] PostPages { get; set; } = [];

    public string[] PostIds { get; set; } = [];

    public DateTimeOffset[] PublishedAt { get; set; } = [];

    public string[] Previews { get; set; } = [];

    /// <summary>Attachment kinds and counts, <c>photo:3,video:1</c>.</summary>
    public string[] Attachments { get; set; } = [];

    public bool[] IsRepost { get; set; } = [];

    public long[] Views { get; set; } = [];

    /// <summary>−1 where the platform does not report the counter (likes and reposts on MAX, and so interactions), as <see cref="Views"/>.</summary>
    public long[] Likes { get; set; } = [];

    public long[] Reposts { get; set; } = [];

    public long[] Comments { get; set; } = [];

    public long[] Interactions { get; set; } = [];

    public double[] ErViews { get; set; } = [];

    public double[] ContentScores { get; set; } = [];

    /// <summary>Per <see cref="ContentSort"/> (in enum order): positions of the posts that list serves, best first.</summary>
    public int[][] PostOrders { get; set; } = [];

    public int[] BroadcastPages { get; set; } = [];

    public string[] BroadcastIds { get; set; } = [];

    public string[] BroadcastTitles { get; set; } = [];

    public DateTimeOffset[] BroadcastStarts { get; set; } = [];

    public BroadcastStatus[] BroadcastStatuses { get; set; } = [];

    public long[] BroadcastViews { get; set; } = [];

    public long[] BroadcastPeaks { get; set; } = [];

    public int[] BroadcastDurations { get; set; } = [];

    /// <summary>The pages' screen names, for their addresses. Last, so that a table written before it reads as one without them (empty).</summary>
    public string[] PageScreenNames { get; set; } = [];

    /// <summary>
    /// The address the platform gave each post (<see cref="ContentPost.Url"/>), null where it gave none. Last, so that a table written before
    /// it reads as one without them (empty: every post's address composed).
    /// </summary>
    public string?[] PostUrls { get; set; } = [];

    [MemoryPackIgnore]
    public int PostCount => PostIds.Length;

    [MemoryPackIgnore]
    public int BroadcastCount => BroadcastIds.Length;

    /// <summary>
    /// A table of <paramref name="posts"/> (what <see cref="TopContent.KeepServable"/> kept, in its order) and
    /// <paramref name="broadcasts"/> (in <see cref="TopContent.Order(IEnumerable{BroadcastEntry})"/> order).
    /// </summary>
    public static ContentTable Build(RunStamp run, Period period, int? regionCode, IReadOnlyList<ContentPostEntry> posts, IReadOnlyList<BroadcastEntry> broadcasts)
    {
        var pages = new Dictionary<(Platform, string), int>();
        var pageList = new List<ContentPage>();
        int PageOf(ContentPage page)
        {
            if (!pages.TryGetValue((page.Platform, page.PageId), out var index))
            {
                pages[(page.Platform, page.PageId)] = index = pageList.Count;
                pageList.Add(page);
            }

            return index;
        }

        var table = new ContentTable
        {
            Run = run,
            Period = period,
            RegionCode = regionCode,
            PostPages = [.. posts.Select(p => PageOf(p.Page))],
            PostIds = [.. posts.Select(p => p.Post.PostId)],
            PublishedAt = [.. posts.Select(p => p.Post.PublishedAt)],
            Previews = [.. posts.Select(p => p.Post.TextPreview)],
            Attachments = [.. posts.Select(p => string.Join(",", p.Post.Attachments.Select(a => $"{a.Key}:{a.Value.ToString(CultureInfo.InvariantCulture)}")))],
            IsRepost = [.. posts.Select(p => p.Post.IsRepost)],
            Views = [.. posts.Select(p => p.Post.Views ?? -1)],
            Likes = [.. posts.Select(p => p.Post.Likes ?? -1)],
            Reposts = [.. posts.Select(p => p.Post.Reposts ?? -1)],
            Comments = [.. posts.Select(p => p.Post.Comments)],
            Interactions = [.. posts.Select(p => p.Post.Interactions ?? -1)],
            ErViews = [.. posts.Select(p => p.Post.ErViews ?? double.NaN)],
            ContentScores = [.. posts.Select(p => p.Post.ContentScore ?? double.NaN)],
            PostUrls = [.. posts.Select(p => p.Post.Url)],
            BroadcastPages = [.. broadcasts.Select(b => PageOf(b.Page))],
            BroadcastIds = [.. broadcasts.Select(b => b.Broadcast.BroadcastId)],
            BroadcastTitles = [.. broadcasts.Select(b => b.Broadcast.Title)],
            BroadcastStarts = [.. broadcasts.Select(b => b.Broadcast.StartedAt)],
            BroadcastStatuses = [.. broadcasts.Select(b => b.Broadcast.Status)],
            BroadcastViews = [.. broadcasts.Select(b => b.Broadcast.Views)],
            BroadcastPeaks = [.. broadcasts.Select(b => b.Broadcast.PeakViewers)],
            BroadcastDurations = [.. broadcasts.Select(b => b.Broadcast.DurationSeconds)],
        };
        table.PagePlatforms = [.. pageList.Select(p => p.Platform)];
        table.PageIds = [.. pageList.Select(p => p.PageId)];
        table.PageNames = [.. pageList.Select(p => p.PageName)];
        table.PageRegions = [.. pageList.Select(p => p.RegionCode)];
        table.PageKinds = [.. pageList.Select(p => p.Kind)];
        table.PageScreenNames = [.. pageList.Select(p => p.ScreenName)];

        var positionOf = new Dictionary<ContentPostEntry, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < posts.Count; i++)
        {
            positionOf[posts[i]] = i;
        }

        table.PostOrders = [.. EnumCodes.All<ContentSort>().Select(sort => TopContent.Order(posts, sort).Select(p => positionOf[p]).ToArray())];
        return table;
    }

    /// <summary>The positions <paramref name="sort"/> lists, best first.</summary>
    public int[] OrderOf(ContentSort sort) => PostOrders[(int)sort];

    public ContentPage PageAt(int page) =>
        new(PagePlatforms[page], PageIds[page], PageNames[page], PageRegions[page], PageKinds[page], page < PageScreenNames.Length ? PageScreenNames[page] : "");

    public ContentPostEntry PostAt(int position) => new(
        PageAt(PostPages[position]),
        new ContentPost(
            PostIds[position],
            PublishedAt[position],
            Previews[position],
            ParseAttachments(Attachments[position]),
            IsRepost[position],
            Views[position] < 0 ? null : Views[position],
            Likes[position] < 0 ? null : Likes[position],
            Reposts[position] < 0 ? null : Reposts[position],
            Comments[position],
            Interactions[position] < 0 ? null : Interactions[position],
            double.IsNaN(ErViews[position]) ? null : ErViews[position],
            double.IsNaN(ContentScores[position]) ? null : ContentScores[position],
            PostUrls is { } urls && position < urls.Length ? urls[position] : null));

    public BroadcastEntry BroadcastAt(int position) => new(
        PageAt(BroadcastPages[position]),
        new ContentBroadcast(
            BroadcastIds[position],
            BroadcastTitles[position],
            BroadcastStarts[position],
            BroadcastStatuses[position],
            BroadcastViews[position],
            BroadcastPeaks[position],
            BroadcastDurations[position]));

    private static Dictionary<string, int> ParseAttachments(string text)
    {
        var attachments = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            attachments[part[..colon]] = int.Parse(part.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        }

        return attachments;
    }
}
