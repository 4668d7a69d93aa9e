using System.Text;

namespace GosAnalytics.ContentQuality.Training;

/// <summary>
/// Splits by page, not by post: every post of a page falls on the same side, so evaluation measures how the model does on
/// pages it has never seen, not how well it remembers a page's style. The side depends only on the page key and the seed.
/// </summary>
public static class PageSplit
{
    /// <summary>True when the page's posts belong to the test set.</summary>
    /// <param name="pageKey">The page, e.g. <c>vk_123456</c>.</param>
    /// <param name="testShare">The share of pages held out, between 0 and 1.</param>
    /// <param name="seed">Changes which pages are held out.</param>
    public static bool IsTest(string pageKey, double testShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(pageKey);
        ArgumentOutOfRangeException.ThrowIfNegative(testShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(testShare, 1);
        return Fraction(pageKey, seed) < testShare;
    }

    /// <summary>A stable value in [0, 1) of the page and seed (FNV-1a over the UTF-8 key, then a 64-bit finaliser).</summary>
    private static double Fraction(string pageKey, int seed)
    {
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var b in Encoding.UTF8.GetBytes(pageKey))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        // Mixes the low bits into the high ones, which FNV alone leaves poorly spread for short similar keys.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return (hash >> 11) / (double)(1UL << 53);
    }
}
