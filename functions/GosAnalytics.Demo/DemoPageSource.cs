using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;

namespace GosAnalytics.Demo;

/// <summary>
/// Deterministic generated official pages (госпаблики) on VK, OK and Telegram: one region, or the synthetic country (every
/// federal subject, each with its realistic page count). Pages, posts with Russian texts, live broadcasts and citizens'
/// comments. Output depends only on the options, the page and the requested window and moment, never on the wall clock, call
/// order, batch composition or which other regions are generated. Model and guarantees: docs/demo-data.md.
/// </summary>
/// <remarks>Thread-safe: the catalogue is immutable and every call generates with its own buffers.</remarks>
public sealed class DemoPageSource : IPageSource, IPageCatalogSource
{
    public const string SourceName = "demo";

    private readonly DemoCatalog[] catalogs;
    private readonly DemoCatalog?[] byCode = new DemoCatalog?[100];
    private readonly Dictionary<PageKey, DemoPage> byKey;
    private readonly IReadOnlyList<RegisteredPage> registered;
    private readonly string notFound;

    public DemoPageSource()
        : this(new DemoSourceOptions())
    {
    }

    public DemoPageSource(DemoSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        catalogs = [.. options.Plan().Select(plan => DemoCatalog.Build(plan, options.Seed))];
        RegionCodes = [.. catalogs.Select(catalog => catalog.Region.Code)];
        foreach (var catalog in catalogs)
        {
            byCode[catalog.Region.Code] = catalog;
        }

        var pages = catalogs.SelectMany(catalog => catalog.Pages).ToArray();
        byKey = new Dictionary<PageKey, DemoPage>(pages.Length);
        foreach (var page in pages)
        {
            byKey.Add(page.Registered.Key, page);
        }

        registered = Array.ConvertAll(pages, page => page.Registered);
        notFound = options.NamesRegions
            ? $"page not found in the demo regions ({(RegionCodes.Count == Regions.All.Count ? "all" : string.Join(", ", RegionCodes))})"
            : $"page not found in demo region {options.RegionCode}";
    }

    public DemoSourceOptions Options { get; }

    /// <summary>The subject codes of the generated regions, ascending.</summary>
    public IReadOnlyList<int> RegionCodes { get; }

    public string Name => SourceName;

    public bool IsDemo => true;

    public bool Supports(Platform platform) => Enum.IsDefined(platform);

    /// <summary>The registry of every generated page: by region code, then in catalogue order.</summary>
    public IReadOnlyList<RegisteredPage> ListPages() => registered;

    /// <summary>The page's title as the platform would show it, or null when the page is not generated.</summary>
    public string? TitleOf(PageKey key) => byKey.TryGetValue(key, out var page) ? page.Title : null;

    public async Task<BatchCollection> CollectAsync(CollectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Options.SimulatedLatencyMs > 0)
        {
            await Task.Delay(Options.SimulatedLatencyMs, cancellationToken);
        }

        var generators = new Generators(this);
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
            else if (!byKey.TryGetValue(requested.Key, out var page))
            {
                skipped.Add(new SkippedPage(requested.Platform, requested.PageId, notFound));
            }
            else
            {
                snapshots.Add(generators.For(page).Snapshot(page, request.WindowStart, request.AsOf));
            }
        }

        return new BatchCollection(snapshots, skipped);
    }

    /// <summary>
    /// One page's snapshot for a daily run of <paramref name="metricDay"/> (window of <see cref="Periods.CollectionWindowDays"/> days,
    /// counters read at the end of the day), or null when the page is not generated.
    /// </summary>
    public PageSnapshot? Snapshot(PageKey key, DateOnly metricDay)
    {
        if (!byKey.TryGetValue(key, out var page))
        {
            return null;
        }

        var start = MoscowTime.StartOfDay(metricDay.AddDays(1 - Periods.CollectionWindowDays));
        return new Generators(this).For(page).Snapshot(page, start, MoscowTime.EndOfDay(metricDay));
    }

    /// <summary>The hidden truth of every page and of every post in the window of <paramref name="metricDay"/>, region by region.</summary>
    public DemoTruth DescribeTruth(DateOnly metricDay)
    {
        var start = MoscowTime.StartOfDay(metricDay.AddDays(1 - Periods.CollectionWindowDays));
        var end = MoscowTime.EndOfDay(metricDay);
        var pages = new List<DemoPageTruth>(registered.Count);
        var posts = new List<DemoPostTruth>();
        foreach (var catalog in catalogs)
        {
            var generator = new DemoGenerator(catalog.Region);
            foreach (var page in catalog.Pages)
            {
                pages.Add(new DemoPageTruth(
                    page.Platform,
                    page.PageId,
                    catalog.Region.Code,
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
        }

        return new DemoTruth(RegionCodes, Options.Seed, metricDay, start, end, pages, posts);
    }

    /// <summary>
    /// The generators of one call, one per region met: a batch usually holds pages of one region, so this costs one
    /// generator, never work in proportion to the country.
    /// </summary>
    private sealed class Generators(DemoPageSource source)
    {
        private readonly Dictionary<int, DemoGenerator> byRegion = new(1);

        public DemoGenerator For(DemoPage page)
        {
            var code = page.Registered.RegionCode;
            if (!byRegion.TryGetValue(code, out var generator))
            {
                generator = new DemoGenerator(source.byCode[code]!.Region);
                byRegion.Add(code, generator);
            }

            return generator;
        }
    }
}
