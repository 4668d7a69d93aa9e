using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;

namespace GosAnalytics.Demo;

/// <summary>
/// A deterministic generated region of official pages (госпаблики) on VK, OK and Telegram: pages, posts with Russian texts,
/// live broadcasts and citizens' comments. Output depends only on the options, the page and the requested window and moment,
/// never on the wall clock, call order or batch composition. Model and guarantees: docs/demo-data.md.
/// </summary>
/// <remarks>Thread-safe: the catalogue is immutable and every call generates with its own buffers.</remarks>
public sealed class DemoPageSource : IPageSource, IPageCatalogSource
{
    public const string SourceName = "demo";

    private readonly DemoCatalog catalog;
    private readonly IReadOnlyList<RegisteredPage> registered;

    public DemoPageSource()
        : this(new DemoSourceOptions())
    {
    }

    public DemoPageSource(DemoSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        catalog = DemoCatalog.Build(options);
        registered = catalog.Pages.Select(page => page.Registered).ToArray();
    }

    public DemoSourceOptions Options { get; }

    public string Name => SourceName;

    public bool IsDemo => true;

    public bool Supports(Platform platform) => Enum.IsDefined(platform);

    /// <summary>The registry of the demo region, in catalogue order.</summary>
    public IReadOnlyList<RegisteredPage> ListPages() => registered;

    /// <summary>The page's title as the platform would show it, or null when the page is not in the demo region.</summary>
    public string? TitleOf(PageKey key) => catalog.TryGet(key, out var page) ? page.Title : null;

    public async Task<BatchCollection> CollectAsync(CollectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Options.SimulatedLatencyMs > 0)
        {
            await Task.Delay(Options.SimulatedLatencyMs, cancellationToken);
        }

        var generator = new DemoGenerator(catalog.Region);
        var snapshots = new List<PageSnapshot>(request.Pages.Count);
        var skipped = new List<SkippedPage>();
        var seen = new HashSet<PageKey>();
        foreach (var requested in request.Pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(requested.Key))
            {
                continue;
            }

            if (requested.Platform != request.Platform)
            {
                skipped.Add(new SkippedPage(requested.Platform, requested.PageId, $"page is on {requested.Platform.ToCode()}, the batch is for {request.Platform.ToCode()}"));
            }
            else if (!catalog.TryGet(requested.Key, out var page))
            {
                skipped.Add(new SkippedPage(requested.Platform, requested.PageId, $"page not found in demo region {Options.RegionCode}"));
            }
            else
            {
                snapshots.Add(generator.Snapshot(page, request.WindowStart, request.AsOf));
            }
        }

        return new BatchCollection(snapshots, skipped);
    }

    /// <summary>
    /// One page's snapshot for a daily run of <paramref name="metricDay"/> (window of <see cref="Periods.CollectionWindowDays"/> days,
    /// counters read at the end of the day), or null when the page is not in the demo region.
    /// </summary>
    public PageSnapshot? Snapshot(PageKey key, DateOnly metricDay)
    {
        if (!catalog.TryGet(key, out var page))
        {
            return null;
        }

        var start = MoscowTime.StartOfDay(metricDay.AddDays(1 - Periods.CollectionWindowDays));
        return new DemoGenerator(catalog.Region).Snapshot(page, start, MoscowTime.EndOfDay(metricDay));
    }

    /// <summary>The hidden truth of every page and of every post in the window of <paramref name="metricDay"/>.</summary>
    public DemoTruth DescribeTruth(DateOnly metricDay)
    {
        var start = MoscowTime.StartOfDay(metricDay.AddDays(1 - Periods.CollectionWindowDays));
        var end = MoscowTime.EndOfDay(metricDay);
        var generator = new DemoGenerator(catalog.Region);
        var pages = new List<DemoPageTruth>(catalog.Pages.Count);
        var posts = new List<DemoPostTruth>();
        foreach (var page in catalog.Pages)
        {
            pages.Add(new DemoPageTruth(
                page.Platform,
                page.PageId,
                page.Title,
                page.Kind,
                page.Quality,
                page.IsDead,
                page.PostsPerWeek,
                page.ReachAt1000,
                page.LikesEffect,
                page.RepostsEffect,
                page.CommentsEffect,
                page.CommentsOpen,
                page.ReplyProbability,
                page.ReplyMedianHours,
                page.BroadcastsPerDay * 30,
                Enum.GetValues<DemoTextStyle>().ToDictionary(style => style, style => page.StyleWeights[(int)style])));
            foreach (var post in generator.PostsBetween(page, start, end, newestFirst: false))
            {
                posts.Add(new DemoPostTruth(page.Platform, page.PageId, post.PostId, post.PublishedAt, post.Style, post.ContentEffect));
            }
        }

        return new DemoTruth(Options.RegionCode, Options.Seed, metricDay, start, end, pages, posts);
    }
}
