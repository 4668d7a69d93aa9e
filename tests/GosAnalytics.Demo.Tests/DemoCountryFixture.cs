using System.Diagnostics;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo.Tests;

/// <summary>The whole synthetic country (every subject, full page share), built once and shared by the country tests.</summary>
public sealed class DemoCountryFixture
{
    public DemoCountryFixture()
    {
        var watch = Stopwatch.StartNew();
        Source = new DemoPageSource(new DemoSourceOptions { Regions = "all" });
        BuildTime = watch.Elapsed;
        PagesByRegion = Source.ListPages().GroupBy(page => page.RegionCode).ToDictionary(group => group.Key, group => (IReadOnlyList<RegisteredPage>)group.ToList());
    }

    public DemoPageSource Source { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>The registry of each region, in catalogue order.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<RegisteredPage>> PagesByRegion { get; }
}
