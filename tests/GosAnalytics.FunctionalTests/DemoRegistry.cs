using GosAnalytics.Demo;

namespace GosAnalytics.FunctionalTests;

/// <summary>How many pages a demo registry holds: <c>Demo:PageCount</c> pages on VK, OK and Telegram, and the MAX channels of their organisations.</summary>
internal static class DemoRegistry
{
    public static int Size(int demoPageCount, int regionCode = 28, int? seed = null)
    {
        var options = new DemoSourceOptions { RegionCode = regionCode, PageCount = demoPageCount };
        return new DemoPageSource(seed is { } value ? options with { Seed = value } : options).ListPages().Count;
    }
}
