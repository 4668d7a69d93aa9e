using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo;

/// <summary>
/// The identity scheme of the synthetic country: page ids, OK topic ids and screen names stay unique per platform across
/// every region, while each region's are drawn from that region alone, so a region never depends on which others are
/// generated. Amur oblast (<see cref="LegacyRegion"/>) keeps the ranges and names it always had: the default content model
/// was trained on it and its output is pinned. Ranges and examples: docs/demo-data.md, "The synthetic country".
/// </summary>
internal static class DemoIds
{
    /// <summary>The region whose ids and names predate the country and stay as they were.</summary>
    public const int LegacyRegion = 28;

    /// <summary>Width of each region's VK group id range: 8–9 digits like real groups, ≤ 980,000,000 for code 99.</summary>
    private const long VkRegionSpan = 7_500_000;

    /// <summary>Width of each region's Telegram channel id range (10 digits like real channels).</summary>
    private const long TelegramRegionSpan = 50_000_000;

    /// <summary>Offset of a region's OK group ids: above the legacy draw (&lt; 10¹⁰), still 14 digits for code 99.</summary>
    private const long OkRegionStride = 100_000_000_000;

    /// <summary>Offset of a region's OK topic ids: above the legacy ones (page index · 10⁶ &lt; 2·10¹¹).</summary>
    private const long OkPostRegionStride = 1_000_000_000_000;

    /// <summary>
    /// A page id drawn for <paramref name="region"/> with one draw, as before the country existed: Amur oblast from the legacy
    /// range, every other code from its own range, disjoint from the legacy one and from each other's.
    /// </summary>
    public static long DrawPageId(ref DemoRandom rng, Platform platform, int region)
    {
        var legacy = region == LegacyRegion;
        return platform switch
        {
            Platform.Ok => 70_000_000_000_000L + (legacy ? 0 : region * OkRegionStride) + rng.Next(1, 1_000_000_000) * 10L + rng.Next(10),
            // MAX channel chat ids are negative, 14 digits like -70801090403050.
            Platform.Max => -(70_800_000_000_000L + (legacy ? 0 : region * OkRegionStride) + rng.Next(1, 1_000_000_000) * 10L + rng.Next(10)),
            Platform.Telegram => legacy ? 1_100_000_000L + rng.Next(1_000_000_000) : 2_200_000_000L + region * TelegramRegionSpan + rng.Next((int)TelegramRegionSpan),
            _ => legacy ? 30_000_000L + rng.Next(199_000_000) : 230_000_000L + region * VkRegionSpan + rng.Next((int)VkRegionSpan),
        };
    }

    /// <summary>
    /// An OK topic id: OK topic ids are global, so they carry the page (its index in its region) and, outside Amur oblast,
    /// the region. <paramref name="sequence"/> is the wall's own sequence number, below 10⁶.
    /// </summary>
    public static long OkPostId(int region, int pageIndex, long sequence) =>
        150_000_000_000_000L + (region == LegacyRegion ? 0 : region * OkPostRegionStride) + pageIndex * 1_000_000L + sequence;

    /// <summary>
    /// <paramref name="name"/> as a screen name of <paramref name="region"/>: outside Amur oblast it carries the region's slug as
    /// one of its '_'-separated parts («school5_zarechny_tatarstan», but «gubernator_tatarstan» as it is). Screen names are
    /// global on the platforms, and region slugs are never a place's slug (<see cref="DemoRegionsFile"/> checks), so names of
    /// two regions cannot meet.
    /// </summary>
    public static string WithRegion(string name, int region, string regionSlug) =>
        region == LegacyRegion || name.Split('_').Contains(regionSlug, StringComparer.Ordinal) ? name : $"{name}_{regionSlug}";

    /// <summary>
    /// The <paramref name="number"/>-th candidate screen name for <paramref name="slug"/> outside Amur oblast (the first is the
    /// slug itself); the number goes before a trailing region slug: «minsoc2_belobl», «school_berezovka2_belobl».
    /// </summary>
    public static string Numbered(string slug, int number, int region, string regionSlug)
    {
        if (number <= 1)
        {
            return WithRegion(slug, region, regionSlug);
        }

        var suffix = "_" + regionSlug;
        return slug.EndsWith(suffix, StringComparison.Ordinal)
            ? $"{slug[..^suffix.Length]}{number}{suffix}"
            : WithRegion($"{slug}{number}", region, regionSlug);
    }
}
