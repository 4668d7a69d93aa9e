using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;

namespace GosAnalytics.Demo.Tests;

/// <summary>The default demo region collected once for a metric day, shared by the demo tests.</summary>
public sealed class DemoRegionFixture
{
    public DemoRegionFixture()
    {
        Source = new DemoPageSource();
        Snapshots = Collect(Source, Source.ListPages(), MetricDay);
        Truth = Source.DescribeTruth(MetricDay);
    }

    public static DateOnly MetricDay { get; } = new(2026, 11, 28);

    public DemoPageSource Source { get; }

    public IReadOnlyList<PageSnapshot> Snapshots { get; }

    public DemoTruth Truth { get; }

    public static CollectRequest Request(DateOnly metricDay, Platform platform, IReadOnlyList<RegisteredPage> pages) =>
        new("test-run", metricDay, MoscowTime.EndOfDay(metricDay), platform, pages);

    /// <summary>Collects pages the way the pipeline does: one request per platform (batch size does not matter to the demo).</summary>
    public static IReadOnlyList<PageSnapshot> Collect(DemoPageSource source, IEnumerable<RegisteredPage> pages, DateOnly metricDay)
    {
        var result = new List<PageSnapshot>();
        foreach (var group in pages.GroupBy(page => page.Platform))
        {
            var batch = source.CollectAsync(Request(metricDay, group.Key, group.ToList()), CancellationToken.None).GetAwaiter().GetResult();
            Assert.Empty(batch.Skipped);
            result.AddRange(batch.Pages);
        }

        return result;
    }
}

/// <summary>The demo's pages split as it draws them: VK, OK and Telegram pages first (their counts are the documented ones), then MAX channels.</summary>
internal static class DemoPagesByPlatform
{
    public static List<RegisteredPage> OnVkOkTelegram(this IEnumerable<RegisteredPage> pages) => pages.Where(page => page.Platform != Platform.Max).ToList();

    public static List<RegisteredPage> MaxChannels(this IEnumerable<RegisteredPage> pages) => pages.Where(page => page.Platform == Platform.Max).ToList();
}
