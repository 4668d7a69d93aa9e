using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Core.Tests.Metrics;

namespace GosAnalytics.Core.Tests.Scoring;

public sealed class TopContentTests
{
    private static readonly DateOnly MetricDay = MetricsTestData.MetricDay;

    [Fact]
    public void A_page_contributes_its_ten_best_posts_of_a_period_by_each_sort_key()
    {
        // 30 posts today: interactions rise with the number, views fall with it, so each key prefers different posts.
        var posts = Enumerable.Range(1, 30)
            .Select(i => Post($"p{i:D2}", MetricsTestData.MetricDayNoon, views: 10_000 - (i * 100), likes: i * 10))
            .ToList();
        var content = TopContent.SelectCandidates(MetricsTestData.Snapshot(posts: posts), MetricDay);

        var chosen = content.Posts.Select(p => p.Post.PostId).ToHashSet();
        var byInteractions = Enumerable.Range(21, 10).Select(i => $"p{i:D2}");
        var byViews = Enumerable.Range(1, 10).Select(i => $"p{i:D2}");
        Assert.Subset(chosen, byInteractions.ToHashSet());
        Assert.Subset(chosen, byViews.ToHashSet());
        // ER by views = 10i ÷ (10,000 − 100i) also rises with i, so its best ten are the interaction ten: 20 posts in all.
        Assert.Equal(20, chosen.Count);
        Assert.All(content.Posts, p => Assert.Equal(EnumCodes.All<Period>(), p.Periods));
    }

    [Fact]
    public void Er_by_views_candidates_need_at_least_100_views()
    {
        var posts = new List<Post>
        {
            Post("tiny", MetricsTestData.MetricDayNoon, views: 4, likes: 3), // ER 75 %, but only 4 views
            Post("hidden", MetricsTestData.MetricDayNoon, views: null, likes: 500),
        };
        posts.AddRange(Enumerable.Range(1, 12).Select(i => Post($"q{i:D2}", MetricsTestData.MetricDayNoon, views: 1_000, likes: 100 + i)));
        var content = TopContent.SelectCandidates(MetricsTestData.Snapshot(posts: posts), MetricDay);

        Assert.False(TopContent.Qualifies(ContentSort.ErViews, 50, 99, 0.5));
        Assert.True(TopContent.Qualifies(ContentSort.ErViews, 50, 100, 0.5));
        Assert.False(TopContent.Qualifies(ContentSort.Views, 50, null, null));
        Assert.True(TopContent.Qualifies(ContentSort.Interactions, 50, null, null));
        Assert.False(TopContent.Qualifies(ContentSort.Interactions, null, 1000, null));
        // "tiny" is in no top ten: not by ER (too few views), not by interactions (3) nor by views (4). "hidden" has the most interactions.
        var ids = content.Posts.Select(p => p.Post.PostId).ToList();
        Assert.DoesNotContain("tiny", ids);
        Assert.Contains("hidden", ids);
    }

    [Fact]
    public void Posts_are_candidates_only_for_the_periods_they_were_published_in()
    {
        var posts = new List<Post>
        {
            Post("today", MetricsTestData.Msk(3, 10, 23, 59), views: 500, likes: 5),
            Post("three-days", MetricsTestData.Msk(3, 7, 12), views: 500, likes: 5),
            Post("twenty-days", MetricsTestData.Msk(2, 18, 12), views: 500, likes: 5),
            Post("tomorrow", MetricsTestData.Msk(3, 11, 0), views: 500, likes: 5),
        };
        var content = TopContent.SelectCandidates(MetricsTestData.Snapshot(posts: posts), MetricDay);
        var periods = content.Posts.ToDictionary(p => p.Post.PostId, p => p.Periods);

        Assert.Equal(EnumCodes.All<Period>(), periods["today"]);
        Assert.Equal([Period.Week, Period.Month], periods["three-days"]);
        Assert.Equal([Period.Month], periods["twenty-days"]);
        Assert.False(periods.ContainsKey("tomorrow"));
    }

    [Fact]
    public void Ties_are_broken_by_post_id_so_the_selection_is_deterministic()
    {
        var posts = Enumerable.Range(0, 15).Reverse()
            .Select(i => Post($"p{i:D2}", MetricsTestData.MetricDayNoon, views: 1_000, likes: 10))
            .ToList();
        var first = TopContent.SelectCandidates(MetricsTestData.Snapshot(posts: posts), MetricDay);
        posts.Reverse();
        var second = TopContent.SelectCandidates(MetricsTestData.Snapshot(posts: posts), MetricDay);

        var expected = Enumerable.Range(0, 10).Select(i => $"p{i:D2}");
        Assert.Equal(expected, first.Posts.Select(p => p.Post.PostId));
        Assert.Equal(expected, second.Posts.Select(p => p.Post.PostId));
    }

    [Fact]
    public void Candidates_carry_counters_er_by_views_and_an_attachment_summary()
    {
        var post = new Post(
            "p1", MetricsTestData.MetricDayNoon, "Текст", new Dictionary<AttachmentKind, int> { [AttachmentKind.Video] = 1, [AttachmentKind.Photo] = 3, [AttachmentKind.Link] = 0 },
            IsRepost: true, Views: 1_000, Likes: 40, Reposts: 6, Comments: 4);
        var candidate = Assert.Single(TopContent.SelectCandidates(MetricsTestData.Snapshot(posts: [post]), MetricDay).Posts).Post;

        Assert.Equal(50, candidate.Interactions);
        Assert.Equal(0.05, candidate.ErViews!.Value, 1e-12);
        Assert.True(candidate.IsRepost);
        Assert.Equal(["photo", "video"], candidate.Attachments.Keys);
        Assert.Equal(3, candidate.Attachments["photo"]);
    }

    [Fact]
    public void A_post_s_own_address_goes_with_it_and_with_the_unanswered_comments_under_it()
    {
        var linked = MetricsTestData.PostToday(views: 500, likes: 10) with { Url = "https://max.ru/minobr28/AZvGd2khRSE" };
        var plain = MetricsTestData.PostToday(views: 400, likes: 5);
        var comments = new List<CitizenComment>
        {
            new("c1", linked.PostId, MetricsTestData.Msk(3, 10, 13), null),
            new("c2", plain.PostId, MetricsTestData.Msk(3, 10, 14), null),
            new("c3", "gone", MetricsTestData.Msk(3, 10, 15), null), // under a post outside the window
        };

        var content = TopContent.SelectCandidates(MetricsTestData.Snapshot(posts: [linked, plain], comments: comments), MetricDay);

        Assert.Equal("https://max.ru/minobr28/AZvGd2khRSE", content.Posts.Single(p => p.Post.PostId == linked.PostId).Post.Url);
        Assert.Null(content.Posts.Single(p => p.Post.PostId == plain.PostId).Post.Url);
        Assert.Equal(
            new (string, string?)[] { ("c1", "https://max.ru/minobr28/AZvGd2khRSE"), ("c2", null), ("c3", null) },
            content.Unanswered!.Select(c => (c.CommentId, c.Url)));
    }

    [Fact]
    public void Live_and_ended_broadcasts_are_kept_with_their_periods_and_announced_ones_are_not()
    {
        var broadcasts = new List<LiveBroadcast>
        {
            MetricsTestData.Broadcast(MetricsTestData.Msk(3, 10, 18), 5_000, 300, BroadcastStatus.Live),
            MetricsTestData.Broadcast(MetricsTestData.Msk(3, 1, 18), 90_000, 4_000),
            MetricsTestData.Broadcast(MetricsTestData.Msk(3, 10, 20), 0, 0, BroadcastStatus.Upcoming),
        };
        var content = TopContent.SelectCandidates(MetricsTestData.Snapshot(broadcasts: broadcasts), MetricDay);

        Assert.Equal(2, content.Broadcasts.Count);
        Assert.Equal(EnumCodes.All<Period>(), content.Broadcasts.Single(b => b.Broadcast.Status == BroadcastStatus.Live).Periods);
        Assert.Equal([Period.Month], content.Broadcasts.Single(b => b.Broadcast.Views == 90_000).Periods);
    }

    [Fact]
    public void Ordering_by_er_by_views_leaves_out_posts_under_100_views()
    {
        var entries = new[]
        {
            Entry("a", views: 50, interactions: 40), // ER 0.8, too few views
            Entry("b", views: 100, interactions: 10), // ER 0.1
            Entry("c", views: 1_000, interactions: 200), // ER 0.2
            Entry("d", views: null, interactions: 500),
        };

        Assert.Equal(["c", "b"], TopContent.Order(entries, ContentSort.ErViews).Select(e => e.Post.PostId));
        Assert.Equal(["c", "b", "a"], TopContent.Order(entries, ContentSort.Views).Select(e => e.Post.PostId));
        Assert.Equal(["d", "c", "a", "b"], TopContent.Order(entries, ContentSort.Interactions).Select(e => e.Post.PostId));
    }

    [Fact]
    public void A_page_fills_at_most_ten_places_of_a_list_with_its_best_by_that_key()
    {
        // Page "big" brings 10 posts by views (v*) and 10 by interactions (i*); every one of them beats the other page's post on both keys.
        var entries = Enumerable.Range(0, 10).Select(i => Entry($"v{i}", views: 100_000 + i, interactions: 1_000 + i, pageId: "big"))
            .Concat(Enumerable.Range(0, 10).Select(i => Entry($"i{i}", views: 50_000 + i, interactions: 5_000 + i, pageId: "big")))
            .Append(Entry("small", views: 200, interactions: 20))
            .ToList();

        var byInteractions = TopContent.Order(entries, ContentSort.Interactions).ToList();
        var byViews = TopContent.Order(entries, ContentSort.Views).ToList();

        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => $"i{i}").Append("small"), byInteractions.Select(e => e.Post.PostId));
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => $"v{i}").Append("small"), byViews.Select(e => e.Post.PostId));
    }

    [Fact]
    public void Servable_posts_keep_the_first_places_of_every_platform_and_kind_filter()
    {
        // 600 VK school posts outdo 5 Telegram ones on every key; a national cut by key alone would drop the Telegram posts.
        // Every key prefers the later VK posts, so the first 100 of them are in no list's first 500 places.
        var entries = Enumerable.Range(0, 600)
            .Select(i => Entry($"vk{i:D3}", views: 10_000 + i, interactions: 1_000 + i))
            .Concat(Enumerable.Range(0, 5).Select(i => Entry($"tg{i}", views: 200 + i, interactions: 5 + i, platform: Platform.Telegram)))
            .ToList();

        var kept = TopContent.KeepServable(entries);

        Assert.Equal(5, kept.Count(e => e.Page.Platform == Platform.Telegram));
        foreach (var sort in EnumCodes.All<ContentSort>())
        {
            var expected = TopContent.Order(entries, sort).Take(TopContent.MaxPlaces).Select(e => e.Post.PostId);
            Assert.Equal(expected, TopContent.Order(kept, sort).Take(TopContent.MaxPlaces).Select(e => e.Post.PostId));
        }

        Assert.Equal(TopContent.MaxPlaces + 5, kept.Count); // posts that no filter can reach are dropped
    }

    [Fact]
    public void Posts_kept_region_by_region_are_the_posts_kept_for_the_whole_country()
    {
        // 50 regions of 30 pages with 1 to 25 posts each, in four (platform, kind) groups: far more than the groups' lists serve.
        var random = new Random(7);
        var platforms = new[] { Platform.Vk, Platform.Telegram };
        var kinds = new[] { OrganisationKind.Education, OrganisationKind.Culture };
        var regions = Enumerable.Range(1, 50).Select(region => Enumerable.Range(0, 30).SelectMany(page =>
        {
            var owner = new ContentPage(platforms[random.Next(2)], $"r{region}p{page}", "Страница", region, kinds[random.Next(2)]);
            return Enumerable.Range(0, random.Next(1, 26)).Select(post =>
            {
                var views = random.Next(4) == 0 ? (long?)null : random.Next(50, 50_000);
                var interactions = random.Next(0, 2_000);
                return new ContentPostEntry(owner, new ContentPost($"{owner.PageId}-{post}", MetricsTestData.MetricDayNoon, "", new Dictionary<string, int>(), false, views, interactions, 0, 0, interactions, views is > 0 ? (double)interactions / views.Value : null));
            });
        }).ToList()).ToList();

        var accumulated = new ServablePosts();
        foreach (var region in regions)
        {
            accumulated.Add(TopContent.KeepServable(region));
        }

        var whole = TopContent.KeepServable([.. regions.SelectMany(region => region)]);
        Assert.Equal(whole.Select(p => p.Post.PostId), accumulated.Kept().Select(p => p.Post.PostId));
        Assert.True(whole.Count < regions.Sum(region => region.Count) / 2, "The country keeps far fewer posts than it has.");
    }

    [Theory]
    [InlineData("interactions", ContentSort.Interactions)]
    [InlineData("VIEWS", ContentSort.Views)]
    [InlineData("erviews", ContentSort.ErViews)]
    [InlineData("erViews", ContentSort.ErViews)]
    public void Sort_codes_parse_case_insensitively(string code, ContentSort expected)
    {
        Assert.True(EnumCodes.TryParse<ContentSort>(code, out var sort));
        Assert.Equal(expected, sort);
        Assert.False(EnumCodes.TryParse<ContentSort>("index", out _));
    }

    [Fact]
    public void Preview_of_a_short_text_is_the_text_on_one_line()
    {
        Assert.Equal("Первая строка вторая строка", TopContent.Preview("  Первая строка\n\n  вторая\tстрока  "));
        Assert.Equal("", TopContent.Preview(null));
    }

    [Fact]
    public void Preview_of_a_long_text_ends_with_an_ellipsis_at_a_word_boundary_within_280_characters()
    {
        var text = string.Concat(Enumerable.Repeat("Уважаемые жители района, ", 30));

        var preview = TopContent.Preview(text);

        Assert.True(preview.Length <= TopContent.PreviewLength, $"{preview.Length} characters");
        Assert.True(preview.Length >= TopContent.PreviewLength - 40, $"{preview.Length} characters");
        Assert.EndsWith("…", preview);
        Assert.StartsWith(preview[..^1], text);
        Assert.True(text[preview.Length - 1] is ' ' or ',', "The cut falls between words.");
    }

    [Fact]
    public void Preview_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 278) + "😀😀😀"; // the first emoji occupies characters 279–280

        var preview = TopContent.Preview(text);

        Assert.True(preview.Length <= TopContent.PreviewLength);
        Assert.Equal(new string('a', 278) + "…", preview);
    }

    private static Post Post(string id, DateTimeOffset publishedAt, long? views, long likes) =>
        new(id, publishedAt, "Текст поста", new Dictionary<AttachmentKind, int>(), false, views, likes, 0, 0);

    /// <summary>A post of its own page (page id = post id) unless <paramref name="pageId"/> is given.</summary>
    private static ContentPostEntry Entry(string postId, long? views, long interactions, Platform platform = Platform.Vk, string? pageId = null) =>
        new(
            new ContentPage(platform, pageId ?? postId, "Школа", 28, OrganisationKind.Education),
            new ContentPost(postId, MetricsTestData.MetricDayNoon, "", new Dictionary<string, int>(), false, views, interactions, 0, 0, interactions, views is > 0 ? (double)interactions / views.Value : null));
}
