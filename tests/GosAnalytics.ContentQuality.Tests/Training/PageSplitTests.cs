using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Tests.Training;

public sealed class PageSplitTests
{
    private static readonly string[] Pages = [.. Enumerable.Range(0, 4000).Select(i => $"vk_{30_000_000 + (i * 7919)}")];

    [Fact]
    public void A_page_falls_on_the_same_side_every_time()
    {
        Assert.All(Pages.Take(200), page => Assert.Equal(PageSplit.IsTest(page, 0.2, 42), PageSplit.IsTest(page, 0.2, 42)));
    }

    [Fact]
    public void About_the_requested_share_of_pages_is_held_out()
    {
        var share = Pages.Count(page => PageSplit.IsTest(page, 0.2, 42)) / (double)Pages.Length;

        Assert.InRange(share, 0.18, 0.22);
    }

    [Fact]
    public void Another_seed_holds_out_other_pages()
    {
        var first = Pages.Where(page => PageSplit.IsTest(page, 0.2, 1)).ToHashSet();
        var second = Pages.Where(page => PageSplit.IsTest(page, 0.2, 2)).ToHashSet();

        Assert.InRange(first.Intersect(second).Count() / (double)first.Count, 0.1, 0.3);
    }

    [Fact]
    public void A_larger_share_holds_out_every_page_a_smaller_one_does()
    {
        var small = Pages.Where(page => PageSplit.IsTest(page, 0.1, 7));

        Assert.All(small, page => Assert.True(PageSplit.IsTest(page, 0.3, 7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageSplit.IsTest("vk_1", 1.5, 7));
    }
}
