using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;

namespace GosAnalytics.Core.Tests.Domain;

/// <summary>Page and post addresses, for the id shapes the registry stores and the collectors and the demo produce (docs/registry.md).</summary>
public sealed class PageUrlsTests
{
    [Theory]
    // VK: a screen name as VK reports it (the demo's slug or club{id}), else the numeric id; a page registered by screen name keeps it as id.
    [InlineData(Platform.Vk, "30123456", "minobr28", "https://vk.com/minobr28")]
    [InlineData(Platform.Vk, "30123456", "club30123456", "https://vk.com/club30123456")]
    [InlineData(Platform.Vk, "30123456", "", "https://vk.com/club30123456")]
    [InlineData(Platform.Vk, "minobr28", "", "https://vk.com/minobr28")]
    // OK: the group's number when the page id is one (the demo's group{id} and real short names alike), else the short name.
    [InlineData(Platform.Ok, "70000012345678", "group70000012345678", "https://ok.ru/group/70000012345678")]
    [InlineData(Platform.Ok, "70000012345678", "amurdom", "https://ok.ru/group/70000012345678")]
    [InlineData(Platform.Ok, "amurdom", "amurdom", "https://ok.ru/amurdom")]
    // Telegram: the username (the real collector's page id; the demo's numeric ids have it beside them).
    [InlineData(Platform.Telegram, "amurobl", "amurobl", "https://t.me/amurobl")]
    [InlineData(Platform.Telegram, "1100345678", "amurobl", "https://t.me/amurobl")]
    [InlineData(Platform.Telegram, "amurobl", "", "https://t.me/amurobl")]
    // MAX: the public link name; a channel known by its chat id alone has no address.
    [InlineData(Platform.Max, "-70801090403050", "minobr28", "https://max.ru/minobr28")]
    [InlineData(Platform.Max, "minobr28", "minobr28", "https://max.ru/minobr28")]
    public void A_page_has_the_address_its_platform_shows_it_at(Platform platform, string pageId, string screenName, string url)
    {
        Assert.Equal(url, PageUrls.Page(platform, pageId, screenName));
    }

    [Theory]
    [InlineData(Platform.Max, "-70801090403050", "")]
    [InlineData(Platform.Telegram, "1100345678", "")]
    public void A_page_known_only_by_a_number_the_platform_does_not_address_by_has_none(Platform platform, string pageId, string screenName)
    {
        Assert.Null(PageUrls.Page(platform, pageId, screenName));
    }

    [Theory]
    [InlineData(Platform.Vk, "30123456", "minobr28", "64017", "https://vk.com/wall-30123456_64017")]
    [InlineData(Platform.Vk, "minobr28", "club30123456", "64017", "https://vk.com/wall-30123456_64017")]
    [InlineData(Platform.Ok, "70000012345678", "group70000012345678", "150000012064017", "https://ok.ru/group/70000012345678/topic/150000012064017")]
    [InlineData(Platform.Ok, "amurdom", "amurdom", "150000012064017", "https://ok.ru/amurdom/topic/150000012064017")]
    [InlineData(Platform.Telegram, "1100345678", "amurobl", "1234", "https://t.me/amurobl/1234")]
    public void A_post_has_the_address_of_its_page_and_its_number(Platform platform, string pageId, string screenName, string postId, string url)
    {
        Assert.Equal(url, PageUrls.Post(platform, pageId, screenName, postId));
    }

    [Theory]
    // A VK page registered by a screen name that is not club{id}: its number is not known, and wall links need it.
    [InlineData(Platform.Vk, "minobr28", "minobr28", "64017")]
    // MAX posts: the Bot API's post link carries an opaque code, not the message id.
    [InlineData(Platform.Max, "-70801090403050", "minobr28", "mid.0000406a1b2c00000fa1")]
    public void A_post_whose_address_cannot_be_composed_has_none(Platform platform, string pageId, string screenName, string postId)
    {
        Assert.Null(PageUrls.Post(platform, pageId, screenName, postId));
    }

    [Theory]
    // What the collectors keep: VK's wall link from the post's owner_id, MAX's link from the message's url.
    [InlineData(Platform.Vk, "mygroup", "mygroup", "64017", "https://vk.com/wall-30123456_64017")]
    [InlineData(Platform.Vk, "30123456", "minobr28", "64017", "https://vk.com/wall-30123456_64017")]
    [InlineData(Platform.Max, "-70801090403050", "minobr28", "mid.0000406a1b2c00000fa1", "https://max.ru/minobr28/AZvGd2khRSE")]
    public void A_post_s_own_address_comes_before_any_composed_one(Platform platform, string pageId, string screenName, string postId, string given)
    {
        Assert.Equal(given, PageUrls.Post(platform, pageId, screenName, postId, given));
    }

    [Fact]
    public void A_VK_wall_post_s_address_is_its_owner_id_and_its_id_and_composing_one_gives_the_same()
    {
        Assert.Equal("https://vk.com/wall-30123456_64017", PageUrls.VkWallPost(-30123456, 64017));
        Assert.Equal("https://vk.com/wall17_3", PageUrls.VkWallPost(17, 3)); // a person's wall
        Assert.Equal(PageUrls.VkWallPost(-30123456, 64017), PageUrls.Post(Platform.Vk, "30123456", "", "64017"));
    }

    [Theory]
    [InlineData("https://max.ru/minobr28/AZvGd2khRSE", "https://max.ru/minobr28/AZvGd2khRSE")]
    [InlineData("  https://max.ru/minobr28/AZvGd2khRSE ", "https://max.ru/minobr28/AZvGd2khRSE")]
    [InlineData("http://max.ru/minobr28/AZvGd2khRSE", null)]
    [InlineData("/minobr28/AZvGd2khRSE", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_an_absolute_https_address_a_platform_gives_is_kept(string? url, string? kept)
    {
        Assert.Equal(kept, PageUrls.Given(url));
    }

    [Theory]
    [InlineData(Platform.Vk, "https://vk.com/minobr28")]
    [InlineData(Platform.Vk, "https://vk.com/club123")]
    [InlineData(Platform.Ok, "https://ok.ru/group/55348644610059")]
    [InlineData(Platform.Ok, "https://ok.ru/amurdom")]
    [InlineData(Platform.Telegram, "https://t.me/amurobl")]
    [InlineData(Platform.Max, "https://max.ru/minobr28")]
    public void An_address_read_into_the_registry_gives_the_same_address_back(Platform platform, string address)
    {
        Assert.True(PageIdentifiers.TryNormalize(platform, address, out var identity, out var error), error);
        Assert.Equal(address, PageUrls.Page(platform, identity.PageId, identity.ScreenName));
    }

    [Fact]
    public void A_VK_broadcast_is_a_video_of_its_community_and_other_platforms_have_no_broadcast_address()
    {
        Assert.Equal("https://vk.com/video-30123456_456243210", PageUrls.Broadcast(Platform.Vk, "30123456", "minobr28", "456243210"));
        Assert.Null(PageUrls.Broadcast(Platform.Ok, "70000012345678", "", "456243210"));
    }
}
