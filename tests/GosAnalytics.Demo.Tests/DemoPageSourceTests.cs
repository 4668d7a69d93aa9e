using System.Diagnostics;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;

namespace GosAnalytics.Demo.Tests;

public sealed class DemoPageSourceTests(DemoRegionFixture region) : IClassFixture<DemoRegionFixture>
{
    private static readonly DateOnly Day = DemoRegionFixture.MetricDay;

    [Fact]
    public void The_source_is_named_demo_and_serves_every_platform()
    {
        Assert.Equal("demo", region.Source.Name);
        Assert.True(region.Source.IsDemo);
        Assert.All(Enum.GetValues<Platform>(), platform => Assert.True(region.Source.Supports(platform)));
    }

    [Fact]
    public void The_default_region_is_Amur_oblast_with_1188_distinct_pages_on_VK_OK_and_Telegram_then_its_MAX_channels()
    {
        var all = region.Source.ListPages();
        var pages = all.Where(page => page.Platform != Platform.Max).ToList();
        var channels = all.Where(page => page.Platform == Platform.Max).ToList();
        Assert.Equal(1188, pages.Count);
        Assert.Equal(pages, all.Take(1188));
        Assert.All(all, page => Assert.Equal(28, page.RegionCode));
        Assert.Equal(all.Count, all.Select(page => page.Key).Distinct().Count());
        Assert.Equal(pages.Count, pages.Select(page => page.ScreenName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(pages, page => Assert.True(long.TryParse(page.PageId, out _), $"page id {page.PageId} is not numeric"));
        Assert.All(pages, page => Assert.Matches("^[a-z0-9_]+$", page.ScreenName));

        // MAX channels: negative chat ids, public names unique among them, some known by chat id alone.
        Assert.InRange(channels.Count, 300, 550);
        Assert.All(channels, page => Assert.Matches("^-[0-9]{14}$", page.PageId));
        var named = channels.Where(page => page.ScreenName.Length > 0).ToList();
        Assert.InRange(named.Count, channels.Count / 2, channels.Count - 1);
        Assert.Equal(named.Count, named.Select(page => page.ScreenName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(named, page => Assert.Matches("^[a-z][a-z0-9_]+$", page.ScreenName));
    }

    [Fact]
    public void Listing_pages_twice_or_from_another_instance_gives_the_same_registry()
    {
        Assert.Equal(region.Source.ListPages(), new DemoPageSource().ListPages());
    }

    [Fact]
    public void A_smaller_region_is_a_prefix_of_the_default_one()
    {
        var small = new DemoPageSource(new DemoSourceOptions { PageCount = 100 }).ListPages();
        var full = region.Source.ListPages();
        Assert.Equal(full.Take(100), small.Where(page => page.Platform != Platform.Max));

        // Its MAX channels are those of its first 100 pages' organisations: a prefix of the full region's.
        var smallChannels = small.Where(page => page.Platform == Platform.Max).ToList();
        Assert.NotEmpty(smallChannels);
        Assert.Equal(full.Where(page => page.Platform == Platform.Max).Take(smallChannels.Count), smallChannels);
    }

    [Fact]
    public void Same_page_and_day_produce_identical_snapshots()
    {
        var pages = region.Source.ListPages().Where((_, i) => i % 10 == 0).ToList();
        var again = DemoRegionFixture.Collect(new DemoPageSource(), pages, Day);
        var first = region.Snapshots.Where(snapshot => pages.Any(page => page.Key == snapshot.Page.Key)).ToList();
        Assert.Equal(Json(first.OrderBy(s => s.Page.Key.ToString())), Json(again.OrderBy(s => s.Page.Key.ToString())));
    }

    [Fact]
    public async Task Snapshots_do_not_depend_on_batch_composition_or_order()
    {
        var vkPages = region.Source.ListPages().Where(page => page.Platform == Platform.Vk).ToList();
        var target = vkPages[0];
        var alone = await region.Source.CollectAsync(DemoRegionFixture.Request(Day, Platform.Vk, [target]), CancellationToken.None);
        var batch = vkPages.Skip(100).Take(24).Append(target).Reverse().ToList();
        var inBatch = await region.Source.CollectAsync(DemoRegionFixture.Request(Day, Platform.Vk, batch), CancellationToken.None);

        Assert.Equal(Json(alone.Pages.Single()), Json(inBatch.Pages.Single(page => page.Page.Key == target.Key)));
        Assert.Equal(25, inBatch.Pages.Count);
    }

    [Fact]
    public void The_same_post_keeps_id_and_text_and_its_counters_never_decrease_the_next_day()
    {
        var pages = region.Source.ListPages().Where((_, i) => i % 4 == 0).ToList();
        var today = region.Snapshots.Where(s => pages.Any(p => p.Key == s.Page.Key)).ToDictionary(s => s.Page.Key);
        var tomorrow = DemoRegionFixture.Collect(region.Source, pages, Day.AddDays(1)).ToDictionary(s => s.Page.Key);

        var compared = 0;
        foreach (var (key, snapshot) in today)
        {
            var next = tomorrow[key].Posts.ToDictionary(post => post.PostId);
            foreach (var post in snapshot.Posts)
            {
                if (!next.TryGetValue(post.PostId, out var later))
                {
                    // Only the oldest day of the window drops out.
                    Assert.True(post.PublishedAt < MoscowTime.StartOfDay(Day.AddDays(-28)), $"post {key}/{post.PostId} vanished");
                    continue;
                }

                compared++;
                Assert.Equal(post.Text, later.Text);
                Assert.Equal(post.PublishedAt, later.PublishedAt);
                Assert.Equal(post.IsRepost, later.IsRepost);
                Assert.Equal(post.Url, later.Url);
                Assert.Equal(post.Attachments, later.Attachments);
                Assert.Equal(post.Views is null, later.Views is null);
                Assert.True(later.Views >= post.Views || post.Views is null, $"views of {key}/{post.PostId} fell");
                Assert.True((later.Likes ?? 0) >= (post.Likes ?? 0) && (later.Reposts ?? 0) >= (post.Reposts ?? 0) && later.Comments >= post.Comments, $"counters of {key}/{post.PostId} fell");
            }
        }

        Assert.True(compared > 2000, $"only {compared} posts compared");
    }

    [Fact]
    public void A_named_MAX_channel_s_posts_have_public_links_with_opaque_codes_and_no_other_post_has_a_link_of_its_own()
    {
        var channels = region.Snapshots.Where(s => s.Page.Platform == Platform.Max && s.Posts.Count > 0).ToList();
        var named = channels.Where(s => s.Page.ScreenName.Length > 0).ToList();
        Assert.NotEmpty(named);
        Assert.Contains(channels, s => s.Page.ScreenName.Length == 0);

        foreach (var snapshot in channels)
        {
            foreach (var post in snapshot.Posts)
            {
                if (snapshot.Page.ScreenName.Length == 0)
                {
                    Assert.Null(post.Url);
                }
                else
                {
                    // As the Bot API's url: the channel's link and an opaque code, not the message id.
                    var channel = PageUrls.Page(Platform.Max, snapshot.Page.PageId, snapshot.Page.ScreenName)!;
                    Assert.StartsWith("https://max.ru/", channel, StringComparison.Ordinal);
                    Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(channel)}/[A-Za-z0-9_-]{{11}}$", post.Url);
                }
            }
        }

        var links = named.SelectMany(s => s.Posts).Select(p => p.Url).ToList();
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.All(region.Snapshots.Where(s => s.Page.Platform != Platform.Max).SelectMany(s => s.Posts), post => Assert.Null(post.Url));
    }

    [Fact]
    public void Fresh_posts_gain_views_over_their_first_days()
    {
        var pages = region.Source.ListPages().Where((_, i) => i % 8 == 0).ToList();
        var today = region.Snapshots.Where(s => pages.Any(p => p.Key == s.Page.Key))
            .SelectMany(s => s.Posts.Where(p => p.Views > 20).Select(p => (Key: (s.Page.Key, p.PostId), Post: p)))
            .ToDictionary(row => row.Key, row => row.Post);
        var later = DemoRegionFixture.Collect(region.Source, pages, Day.AddDays(3))
            .SelectMany(s => s.Posts.Select(p => (Key: (s.Page.Key, p.PostId), Post: p)))
            .ToDictionary(row => row.Key, row => row.Post);
        var fresh = today.Where(pair => pair.Value.PublishedAt >= MoscowTime.StartOfDay(Day)).ToList();

        Assert.NotEmpty(fresh);
        Assert.All(fresh, pair => Assert.True(later[pair.Key].Views > pair.Value.Views));
    }

    [Fact]
    public void Education_is_the_largest_kind_and_VK_the_main_platform()
    {
        var pages = region.Source.ListPages();
        var byKind = pages.GroupBy(page => page.Kind).ToDictionary(group => group.Key, group => group.Count() / (double)pages.Count);

        Assert.Equal(OrganisationKind.Education, byKind.MaxBy(pair => pair.Value).Key);
        Assert.InRange(byKind[OrganisationKind.Education], 0.33, 0.47);
        Assert.InRange(byKind[OrganisationKind.Culture], 0.10, 0.22);
        Assert.All(Enum.GetValues<OrganisationKind>(), kind => Assert.True(byKind.ContainsKey(kind), $"no {kind} pages"));

        var vk = pages.Count(page => page.Platform == Platform.Vk) / (double)pages.Count;
        var ok = pages.Count(page => page.Platform == Platform.Ok) / (double)pages.Count;
        var telegram = pages.Count(page => page.Platform == Platform.Telegram) / (double)pages.Count;
        var max = pages.Count(page => page.Platform == Platform.Max) / (double)pages.Count;
        Assert.InRange(vk, 0.52, 0.62);
        Assert.InRange(ok, 0.08, 0.15);
        Assert.InRange(telegram, 0.04, 0.10);
        Assert.InRange(max, 0.20, 0.32); // about 60,000 of the country's госпаблики are MAX channels (docs/demo-data.md)
    }

    [Fact]
    public void Audiences_differ_by_orders_of_magnitude()
    {
        var subscribers = region.Snapshots.Select(s => s.Page.Subscribers).Order().ToList();
        Assert.True(subscribers[^1] / (double)subscribers[subscribers.Count / 10] > 100, "the largest page is not 100× a small one");

        var governor = region.Snapshots.Single(s => s.Page.Platform == Platform.Vk && s.Page.Title == "Губернатор Амурской области");
        Assert.InRange(governor.Page.Subscribers, 10_000, 400_000);

        var schools = region.Snapshots.Where(s => s.Page.Title.Contains("СОШ", StringComparison.Ordinal) && s.Page.Platform == Platform.Vk).Select(s => s.Page.Subscribers).Order().ToList();
        Assert.InRange(schools[schools.Count / 2], 200, 3_000);
    }

    [Fact]
    public void The_government_label_is_common_on_VK_and_most_pages_are_filled_in()
    {
        var vk = region.Snapshots.Where(s => s.Page.Platform == Platform.Vk).ToList();
        Assert.InRange(vk.Count(s => s.Page.HasGovernmentLabel) / (double)vk.Count, 0.6, 0.85);
        var authorities = vk.Where(s => s.Page.Kind == OrganisationKind.RegionalAuthority).ToList();
        Assert.True(authorities.Count(s => s.Page.HasGovernmentLabel) / (double)authorities.Count > 0.85);
        Assert.InRange(region.Snapshots.Count(s => s.Page.HasDescription) / (double)region.Snapshots.Count, 0.7, 0.97);
        Assert.InRange(region.Snapshots.Count(s => s.Page.HasAvatar) / (double)region.Snapshots.Count, 0.8, 0.99);
    }

    [Fact]
    public void Posting_activity_ranges_from_dead_pages_to_daily_posting()
    {
        var postsPerWeek = region.Snapshots.Select(s => s.Posts.Count * 7.0 / Periods.CollectionWindowDays).Order().ToList();
        Assert.True(postsPerWeek.Count(rate => rate == 0) > 20, "no dead pages");
        Assert.InRange(postsPerWeek[postsPerWeek.Count / 2], 2, 5);
        Assert.True(postsPerWeek.Count(rate => rate >= 7) > 50, "too few active pages");
    }

    [Fact]
    public void Posts_lie_in_the_window_and_are_read_as_of_the_request()
    {
        var start = MoscowTime.StartOfDay(Day.AddDays(1 - Periods.CollectionWindowDays));
        var asOf = MoscowTime.EndOfDay(Day);
        foreach (var snapshot in region.Snapshots)
        {
            var posts = snapshot.Posts.ToDictionary(post => post.PostId);
            Assert.All(snapshot.Posts, post => Assert.InRange(post.PublishedAt, start, asOf.AddTicks(-1)));
            Assert.All(snapshot.CitizenComments, comment =>
            {
                var post = posts[comment.PostId];
                Assert.InRange(comment.PostedAt, post.PublishedAt, asOf);
                Assert.True(comment.RepliedAt is null || (comment.RepliedAt > comment.PostedAt && comment.RepliedAt <= asOf));
            });
            foreach (var group in snapshot.CitizenComments.GroupBy(comment => comment.PostId))
            {
                Assert.True(group.Count() <= posts[group.Key].Comments);
            }
        }
    }

    [Fact]
    public void Views_are_reported_except_for_a_rare_VK_post()
    {
        var posts = region.Snapshots.SelectMany(s => s.Posts.Select(post => (s.Page.Platform, post))).ToList();
        Assert.All(posts.Where(p => p.Platform != Platform.Vk), p => Assert.NotNull(p.post.Views));
        var hidden = posts.Count(p => p.post.Views is null) / (double)posts.Count;
        Assert.InRange(hidden, 0.0, 0.01);
    }

    [Fact]
    public void Telegram_reactions_are_fewer_than_VK_likes_per_view()
    {
        double LikesPerView(Platform platform) => Median(region.Snapshots.Where(s => s.Page.Platform == platform)
            .SelectMany(s => s.Posts).Where(p => p.Views > 50).Select(p => p.Likes!.Value / (double)p.Views!.Value));

        Assert.True(LikesPerView(Platform.Telegram) * 2 < LikesPerView(Platform.Vk));
    }

    [Fact]
    public void Posts_are_written_in_Russian_with_a_mix_of_styles_and_attachments()
    {
        var posts = region.Snapshots.SelectMany(s => s.Posts).ToList();
        var texts = posts.Where(post => post.Text.Length > 0).ToList();
        Assert.True(texts.Count(post => post.Text.Any(ch => ch is >= 'А' and <= 'я' or 'ё' or 'Ё')) > 0.99 * texts.Count);
        Assert.All(region.Snapshots, s => Assert.Matches("[А-Яа-яЁё]", s.Page.Title));
        Assert.Contains(posts, post => post.Text.Contains("В соответствии с", StringComparison.Ordinal));
        Assert.Contains(posts, post => post.Text.Contains("#Амурскаяобласть", StringComparison.Ordinal));
        Assert.Contains(posts, post => post.Text.Contains('?'));
        Assert.Contains(posts, post => post.IsRepost && post.Text.Length == 0);
        Assert.Contains(posts, post => !post.IsRepost && post.Text.Length == 0 && post.Attachments.Count > 0);
        Assert.True(posts.Select(post => post.Text).Distinct().Count() > 0.7 * texts.Count, "texts repeat too often");

        var withPhoto = posts.Count(post => post.Attachments.ContainsKey(AttachmentKind.Photo));
        Assert.True(withPhoto > posts.Count(post => post.Attachments.ContainsKey(AttachmentKind.Video)));
        Assert.Contains(posts, post => post.Attachments.ContainsKey(AttachmentKind.Document));
        Assert.Contains(posts, post => post.Attachments.ContainsKey(AttachmentKind.Poll));
    }

    [Fact]
    public void Most_posts_appear_in_working_hours_and_some_at_night()
    {
        var offset = TimeSpan.FromHours(9);
        var hours = region.Snapshots.SelectMany(s => s.Posts).Select(post => post.PublishedAt.ToOffset(offset).Hour).ToList();
        Assert.True(hours.Count(hour => hour is >= 8 and < 18) > 0.6 * hours.Count);
        Assert.Contains(hours, hour => hour < 6);
    }

    [Fact]
    public void Bureaucratic_posts_have_lower_median_ER_by_views_than_good_posts()
    {
        var styles = region.Truth.Posts.ToDictionary(post => (post.Platform, post.PageId, post.PostId), post => post.Style);
        var rates = region.Snapshots
            .SelectMany(s => s.Posts.Where(post => post.Views > 0 && post.Likes is not null).Select(post => (Style: styles[(s.Page.Platform, s.Page.PageId, post.PostId)], Er: (post.Likes!.Value + post.Reposts!.Value + post.Comments) / (double)post.Views!.Value)))
            .GroupBy(row => row.Style)
            .ToDictionary(group => group.Key, group => Median(group.Select(row => row.Er)));

        Assert.True(rates[DemoTextStyle.Good] > 1.8 * rates[DemoTextStyle.Bureaucratic], $"good {rates[DemoTextStyle.Good]:P2}, bureaucratic {rates[DemoTextStyle.Bureaucratic]:P2}");
        Assert.True(rates[DemoTextStyle.Plain] > rates[DemoTextStyle.Bureaucratic]);
    }

    [Fact]
    public void Content_effect_explains_engagement_within_a_page()
    {
        // Within one page (same audience and page effect), log ER by views must rise with the post's true content effect.
        var effects = region.Truth.Posts.ToDictionary(post => (post.Platform, post.PageId, post.PostId), post => post.ContentEffect);
        var pairs = new List<(double Effect, double LogEr)>();
        foreach (var snapshot in region.Snapshots)
        {
            var rows = snapshot.Posts.Where(post => post.Views >= 200 && post.Likes is not null && post.Likes + post.Reposts + post.Comments > 0)
                .Select(post => (Effect: effects[(snapshot.Page.Platform, snapshot.Page.PageId, post.PostId)], LogEr: Math.Log((post.Likes!.Value + post.Reposts!.Value + post.Comments) / (double)post.Views!.Value)))
                .ToList();
            if (rows.Count < 5)
            {
                continue;
            }

            var meanEffect = rows.Average(row => row.Effect);
            var meanEr = rows.Average(row => row.LogEr);
            pairs.AddRange(rows.Select(row => (row.Effect - meanEffect, row.LogEr - meanEr)));
        }

        Assert.True(pairs.Count > 1000);
        Assert.True(Correlation(pairs) > 0.5, $"correlation {Correlation(pairs):0.00}");
    }

    [Fact]
    public void Good_pages_answer_more_citizens_and_faster()
    {
        var quality = region.Truth.Pages.ToDictionary(page => (page.Platform, page.PageId), page => page.Quality);
        var comments = region.Snapshots.SelectMany(s => s.CitizenComments.Select(c => (Quality: quality[(s.Page.Platform, s.Page.PageId)], Comment: c))).ToList();
        var good = comments.Where(row => row.Quality > 1).Select(row => row.Comment).ToList();
        var poor = comments.Where(row => row.Quality < -0.5).Select(row => row.Comment).ToList();

        Assert.True(good.Count(c => c.IsAnswered) / (double)good.Count > poor.Count(c => c.IsAnswered) / (double)poor.Count + 0.2);
        static double Hours(IEnumerable<CitizenComment> items) => Median(items.Where(c => c.IsAnswered).Select(c => (c.RepliedAt!.Value - c.PostedAt).TotalHours));
        Assert.InRange(Hours(good), 0.3, 4);
        Assert.True(Hours(poor) > Hours(good));
    }

    [Fact]
    public void Citizens_comments_are_Russian_questions_of_at_most_200_characters_and_vary()
    {
        var comments = region.Snapshots.SelectMany(s => s.CitizenComments).ToList();
        Assert.True(comments.Count > 1000);
        Assert.All(comments, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Text));
            Assert.InRange(c.Text!.Length, 10, CitizenComment.TextLength);
            Assert.DoesNotContain("{", c.Text, StringComparison.Ordinal);
            Assert.Matches("[а-яё]", c.Text);
        });
        Assert.True(comments.Select(c => c.Text).Distinct().Count() > 50);
    }

    [Fact]
    public void Subscribers_evolve_daily_and_grow_differently_between_pages()
    {
        var growth = region.Source.ListPages().Where((_, i) => i % 5 == 0)
            .Select(page => (Now: region.Source.Snapshot(page.Key, Day)!.Page.Subscribers, Before: region.Source.Snapshot(page.Key, Day.AddDays(-30))!.Page.Subscribers))
            .Where(pair => pair.Before >= 1000)
            .Select(pair => pair.Now / (double)pair.Before - 1)
            .ToList();

        Assert.Contains(growth, g => g > 0.01);
        Assert.Contains(growth, g => g < -0.003);
        Assert.True(growth.Distinct().Count() > 0.9 * growth.Count);
    }

    [Fact]
    public void The_governor_streams_to_a_large_audience_and_small_pages_never_stream()
    {
        var broadcasts = region.Snapshots.Where(s => s.Broadcasts.Count > 0).ToList();
        Assert.All(broadcasts, s => Assert.Contains(s.Page.Kind, new[] { OrganisationKind.RegionalAuthority, OrganisationKind.Municipality }));
        Assert.All(broadcasts.SelectMany(s => s.Broadcasts), b => Assert.True(b.Status != BroadcastStatus.Ended || (b.Views >= b.PeakViewers && b.DurationSeconds > 0)));

        var governor = region.Source.ListPages()[0];
        var views = Enumerable.Range(0, 6)
            .SelectMany(month => region.Source.Snapshot(governor.Key, Day.AddDays(-30 * month))!.Broadcasts)
            .Where(b => b.Status == BroadcastStatus.Ended)
            .Select(b => b.Views)
            .ToList();
        Assert.NotEmpty(views);
        Assert.True(views.Max() > 100_000);
    }

    [Fact]
    public async Task Unknown_page_is_skipped_with_a_reason()
    {
        var known = region.Source.ListPages().First(page => page.Platform == Platform.Ok);
        var unknown = new RegisteredPage(Platform.Ok, "1", "nobody", 28, OrganisationKind.Other);
        var wrongPlatform = region.Source.ListPages().First(page => page.Platform == Platform.Vk);

        var batch = await region.Source.CollectAsync(DemoRegionFixture.Request(Day, Platform.Ok, [known, unknown, wrongPlatform]), CancellationToken.None);

        Assert.Equal(known.Key, Assert.Single(batch.Pages).Page.Key);
        Assert.Equal(2, batch.Skipped.Count);
        Assert.Contains(batch.Skipped, s => s.PageId == "1" && s.Reason == "page not found in demo region 28");
        Assert.Contains(batch.Skipped, s => s.PageId == wrongPlatform.PageId && s.Reason.Contains("vk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_region_code_names_pages_after_that_region()
    {
        var khabarovsk = new DemoPageSource(new DemoSourceOptions { RegionCode = 27, PageCount = 60 });
        Assert.All(khabarovsk.ListPages(), page => Assert.Equal(27, page.RegionCode));
        Assert.Equal("Губернатор Хабаровского края", khabarovsk.TitleOf(khabarovsk.ListPages()[0].Key));

        var unnamed = new DemoPageSource(new DemoSourceOptions { RegionCode = 99, PageCount = 30 });
        Assert.Equal("Губернатор региона 99", unnamed.TitleOf(unnamed.ListPages()[0].Key));
        var batch = await unnamed.CollectAsync(DemoRegionFixture.Request(Day, Platform.Vk, [region.Source.ListPages()[0]]), CancellationToken.None);
        Assert.Equal("page not found in demo region 99", Assert.Single(batch.Skipped).Reason);
    }

    [Fact]
    public void Hidden_truth_covers_every_post_and_never_enters_snapshots()
    {
        var snapshotPosts = region.Snapshots.SelectMany(s => s.Posts.Select(p => (s.Page.Platform, s.Page.PageId, p.PostId))).ToHashSet();
        var truthPosts = region.Truth.Posts.Select(p => (p.Platform, p.PageId, p.PostId)).ToHashSet();
        Assert.True(snapshotPosts.SetEquals(truthPosts));
        Assert.Equal(region.Source.ListPages().Count, region.Truth.Pages.Count);

        var snapshotJson = Json(region.Snapshots.Take(50));
        Assert.DoesNotContain("quality", snapshotJson, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("contentEffect", snapshotJson, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hidden_truth_is_written_as_JSON_and_CSV()
    {
        var truth = region.Truth with { Pages = region.Truth.Pages.Take(3).ToList(), Posts = region.Truth.Posts.Take(3).ToList() };

        using var json = new MemoryStream();
        await DemoTruthWriter.WriteJsonAsync(json, truth);
        using var document = JsonDocument.Parse(json.ToArray());
        Assert.Equal(3, document.RootElement.GetProperty("posts").GetArrayLength());
        Assert.True(document.RootElement.GetProperty("posts")[0].TryGetProperty("contentEffect", out _));
        Assert.True(document.RootElement.GetProperty("pages")[0].TryGetProperty("quality", out _));

        using var csv = new MemoryStream();
        await DemoTruthWriter.WritePostsCsvAsync(csv, truth);
        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("platform,pageId,postId,publishedAt,style,contentEffect", lines[0].TrimEnd('\r'));
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Simulated_latency_delays_each_call_and_honours_cancellation()
    {
        var slow = new DemoPageSource(new DemoSourceOptions { PageCount = 30, SimulatedLatencyMs = 60 });
        var page = slow.ListPages()[0];
        var watch = Stopwatch.StartNew();
        await slow.CollectAsync(DemoRegionFixture.Request(Day, page.Platform, [page]), CancellationToken.None);
        Assert.True(watch.ElapsedMilliseconds >= 50);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.CollectAsync(DemoRegionFixture.Request(Day, page.Platform, [page]), cancelled.Token));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoPageSource(new DemoSourceOptions { PageCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoPageSource(new DemoSourceOptions { RegionCode = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoPageSource(new DemoSourceOptions { SimulatedLatencyMs = -1 }));
    }

    [Fact]
    public void Generating_the_whole_region_for_a_day_gives_every_page_a_snapshot()
    {
        var source = new DemoPageSource();
        var snapshots = DemoRegionFixture.Collect(source, source.ListPages(), Day.AddDays(-7));

        Assert.Equal(source.ListPages().Count, snapshots.Count);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonConventions.Options);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static double Correlation(IReadOnlyList<(double X, double Y)> pairs)
    {
        var meanX = pairs.Average(p => p.X);
        var meanY = pairs.Average(p => p.Y);
        var covariance = pairs.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var spreadX = Math.Sqrt(pairs.Sum(p => (p.X - meanX) * (p.X - meanX)));
        var spreadY = Math.Sqrt(pairs.Sum(p => (p.Y - meanY) * (p.Y - meanY)));
        return covariance / (spreadX * spreadY);
    }
}
