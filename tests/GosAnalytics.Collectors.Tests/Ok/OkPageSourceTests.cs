using GosAnalytics.Collectors.Ok;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.FakePlatforms;
using static GosAnalytics.Collectors.Tests.Ok.OkHarness;

namespace GosAnalytics.Collectors.Tests.Ok;

/// <summary>What the OK source collects and how it maps OK's answers, against a fake OK on loopback.</summary>
public class OkPageSourceTests
{
    private const string GroupId = "53038939046008";

    [Fact]
    public async Task A_page_is_collected_with_the_window_s_posts_following_anchors_until_the_window_is_passed()
    {
        await using var ok = await StartAsync();
        ok.Fake.Groups[GroupId] = new FakeOkGroup(
            GroupId, "Правительство Амурской области", "amurobl", 48_213, "Официальная страница", "https://i.mycdn.me/i?r=real");
        var start = WindowStart;
        ok.Fake.Topics[GroupId] =
        [
            new("pinned", start.AddDays(-400), [new FakeOkMedia("text", Text: "Закреплено")], IsSticky: true),
            new("after", AsOf.AddHours(1), [new FakeOkMedia("text", Text: "Завтра")]),
            new("t2", AsOf.AddHours(-1),
                [new FakeOkMedia("text", Text: "Первая строка"), new FakeOkMedia("photo", Refs: 3), new FakeOkMedia("poll"), new FakeOkMedia("text", Text: "Вторая строка"), new FakeOkMedia("hologram")],
                Likes: 10, Comments: 2, Reshares: 3, Views: 500),
            new("t3", AsOf.AddDays(-2), [new FakeOkMedia("movie"), new FakeOkMedia("link"), new FakeOkMedia("music")]),
            new("t4", AsOf.AddDays(-10), [new FakeOkMedia("reshare"), new FakeOkMedia("text", Text: "Репост")], Likes: 4, Reshares: 1, Views: 90),
            new("t5", start.AddHours(1), [new FakeOkMedia("text", Text: "Начало окна")], Views: 7),
            new("t6", start.AddHours(-1)),
            new("t7", start.AddDays(-1)),
            new("t8", start.AddDays(-2)),
            new("t9", start.AddDays(-3)),
            new("t10", start.AddDays(-4)),
        ];
        var source = ok.Source(new Dictionary<string, string?> { ["Ok:TopicsPerRequest"] = "2" });

        var result = await source.CollectAsync(Request(Page(GroupId, "amur-old", 28, OrganisationKind.RegionalAuthority)), CancellationToken.None);

        Assert.Empty(result.Skipped);
        var snapshot = Assert.Single(result.Pages);
        // OK documents no contacts field (null: cannot tell) and this group gives no homepage_url.
        Assert.Equal(new PageInfo(Platform.Ok, GroupId, "amurobl", "Правительство Амурской области", 28, OrganisationKind.RegionalAuthority, false, 48_213, true, true, HasContacts: null, HasSite: false), snapshot.Page);
        Assert.Equal(["t2", "t3", "t4", "t5"], snapshot.Posts.Select(p => p.PostId));

        var t2 = snapshot.Posts[0];
        Assert.Equal(AsOf.AddHours(-1), t2.PublishedAt);
        Assert.Equal("Первая строка\nВторая строка", t2.Text);
        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Photo] = 3, [AttachmentKind.Poll] = 1, [AttachmentKind.Other] = 1 }, t2.Attachments);
        Assert.False(t2.IsRepost);
        Assert.Equal((500L, 10L, 3L, 2L), (t2.Views!.Value, t2.Likes, t2.Reposts, t2.Comments));

        var t3 = snapshot.Posts[1];
        Assert.Equal(new Dictionary<AttachmentKind, int> { [AttachmentKind.Video] = 1, [AttachmentKind.Link] = 1, [AttachmentKind.Audio] = 1 }, t3.Attachments);
        Assert.Equal("", t3.Text);
        Assert.Null(t3.Views);
        Assert.Equal((0L, 0L, 0L), (t3.Likes, t3.Reposts, t3.Comments));

        Assert.True(snapshot.Posts[2].IsRepost);
        Assert.Equal("Репост", snapshot.Posts[2].Text);

        // Pages of two: [pinned, after] [t2, t3] [t4, t5] [t6, t7] — t7 is older than the window, so t8..t10 are never asked for.
        // The pinned topic, far older than the window, did not stop the paging on the first page.
        Assert.Equal(4, ok.Fake.CallsOf("mediatopic.getTopics"));
        Assert.Equal(1, ok.Fake.CallsOf("group.getInfo"));
        Assert.Equal(0, ok.Fake.CallsOf("group.getCounters"));
        Assert.Empty(snapshot.Broadcasts);
        Assert.Empty(snapshot.CitizenComments);
    }

    [Fact]
    public async Task Every_call_is_a_post_with_nothing_in_the_url()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId, shortName: "amurobl");

        var result = await ok.Source().CollectAsync(Request(Page("amurobl")), CancellationToken.None);

        Assert.Single(result.Pages);
        Assert.Equal(3, ok.Fake.TotalCalls);
        Assert.Empty(ok.Fake.QueryStrings);
    }

    [Fact]
    public async Task The_batch_says_once_that_broadcasts_and_community_replies_are_not_collected()
    {
        await using var ok = await StartAsync();
        ok.AddGroup("1001");
        ok.AddGroup("1002");

        var result = await ok.Source().CollectAsync(Request(Page("1001"), Page("1002")), CancellationToken.None);

        Assert.Equal(2, result.Pages.Count);
        Assert.All(result.Pages, page => Assert.Empty(page.Broadcasts));
        Assert.All(result.Pages, page => Assert.Empty(page.CitizenComments));
        Assert.All(result.Pages, page => Assert.Equal([PageNotice.BroadcastsNotCollected], page.Notices));
        var notice = Assert.Single(result.Notices!);
        Assert.Equal(OkPageSource.NotCollectedNotice, notice);
        Assert.Contains("live broadcasts", notice, StringComparison.Ordinal);
        Assert.Contains("replies", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_groups_of_a_batch_are_read_in_one_group_getInfo_call()
    {
        await using var ok = await StartAsync();
        ok.AddGroup("1001", members: 10);
        ok.AddGroup("1002", members: 20);
        ok.AddGroup("1003", members: 30);

        var result = await ok.Source().CollectAsync(Request(Page("1001"), Page("1002"), Page("1003")), CancellationToken.None);

        Assert.Equal([10L, 20L, 30L], result.Pages.Select(p => p.Page.Subscribers));
        Assert.Equal(1, ok.Fake.CallsOf("group.getInfo"));
        Assert.Equal(3, ok.Fake.CallsOf("mediatopic.getTopics"));
    }

    [Theory]
    [InlineData("amurobl")]
    [InlineData("https://ok.ru/amurobl")]
    [InlineData("ok.ru/AmurObl/")]
    public async Task A_short_name_is_resolved_to_its_group_through_url_getInfo(string pageId)
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId, shortName: "amurobl");

        var result = await ok.Source().CollectAsync(Request(Page(pageId, "amurobl")), CancellationToken.None);

        var snapshot = Assert.Single(result.Pages);
        Assert.Equal(pageId, snapshot.Page.PageId);
        Assert.Equal("amurobl", snapshot.Page.ScreenName);
        Assert.Equal([GroupId + "01"], snapshot.Posts.Select(p => p.PostId));
        Assert.Equal(1, ok.Fake.CallsOf("url.getInfo"));
    }

    [Theory]
    [InlineData("https://ok.ru/group/" + GroupId)]
    [InlineData("ok.ru/group" + GroupId)]
    [InlineData("https://ok.ru/group/" + GroupId + "/topics")]
    [InlineData("group/" + GroupId)]
    public async Task A_group_link_with_its_id_needs_no_lookup(string pageId)
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);

        var result = await ok.Source().CollectAsync(Request(Page(pageId)), CancellationToken.None);

        Assert.Equal(pageId, Assert.Single(result.Pages).Page.PageId);
        Assert.Equal(0, ok.Fake.CallsOf("url.getInfo"));
    }

    [Fact]
    public async Task Members_are_read_from_group_getCounters_when_group_getInfo_leaves_them_out()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId, members: 777, membersInInfo: false);

        var result = await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        Assert.Equal(777, Assert.Single(result.Pages).Page.Subscribers);
        Assert.Equal(1, ok.Fake.CallsOf("group.getCounters"));
    }

    [Fact]
    public async Task Upper_case_field_names_in_group_beans_are_understood()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId, shortName: "amurobl", members: 4242);
        ok.Fake.UpperCaseGroupFields = true;

        var result = await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        var page = Assert.Single(result.Pages).Page;
        Assert.Equal(("amurobl", "Группа " + GroupId, 4242L, true, true), (page.ScreenName, page.Title, page.Subscribers, page.HasDescription, page.HasAvatar));
    }

    [Fact]
    public async Task A_groups_site_is_its_homepage_url_and_its_contacts_are_unknown()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.Groups[GroupId] = ok.Fake.Groups[GroupId] with { HomepageUrl = "https://amurobl.ru" };

        var page = Assert.Single((await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None)).Pages).Page;

        Assert.Equal((null, true), (page.HasContacts, page.HasSite));
    }

    [Fact]
    public async Task A_group_without_description_or_with_the_stub_avatar_has_neither()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.Groups[GroupId] = ok.Fake.Groups[GroupId] with { Description = "  ", PicAvatar = "https://i.mycdn.me/res/stub_128x96.gif" };

        var page = Assert.Single((await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None)).Pages).Page;

        Assert.False(page.HasDescription);
        Assert.False(page.HasAvatar);
        Assert.False(page.HasGovernmentLabel);
    }

    [Fact]
    public async Task A_null_answer_is_an_empty_result()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.NullMethods.Add("mediatopic.getTopics");

        var result = await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        Assert.Empty(Assert.Single(result.Pages).Posts);
        Assert.Equal(1, ok.Fake.CallsOf("mediatopic.getTopics"));
    }

    [Fact]
    public async Task The_source_is_the_real_ok_api_and_serves_only_ok()
    {
        await using var ok = await StartAsync();
        var source = ok.Source();

        Assert.Equal("ok-api", source.Name);
        Assert.False(source.IsDemo);
        Assert.True(source.Supports(Platform.Ok));
        Assert.False(source.Supports(Platform.Vk));
        Assert.False(source.Supports(Platform.Telegram));
    }

    [Theory]
    [InlineData("https://ok.ru/group/53038939046008", "53038939046008")]
    [InlineData("http://www.ok.ru/amurobl?utm=1", "amurobl")]
    [InlineData("m.ok.ru/amurobl/", "amurobl")]
    [InlineData(" 53038939046008 ", "53038939046008")]
    public void A_registered_page_id_may_be_written_as_a_link(string pageId, string reference)
    {
        Assert.True(PageIdentifiers.TryReadOkGroup(pageId, out var group, out var error), error);
        Assert.Equal(reference, group.PageId);
    }
}
