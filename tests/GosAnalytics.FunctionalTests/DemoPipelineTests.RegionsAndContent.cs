using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.FunctionalTests;

/// <summary>Regional summaries and top content, read over HTTP from the same completed demo run (the same fixture instance, no extra Azurite).</summary>
public sealed partial class DemoPipelineTests
{
    [Fact]
    public async Task Regions_list_summarises_the_demo_region_with_every_page_and_a_plausible_median()
    {
        var regions = await pipeline.Http.GetFromJsonAsync<JsonElement>("regions");
        Assert.Equal("week", regions.GetProperty("period").GetString());
        Assert.True(regions.GetProperty("isDemo").GetBoolean());
        Assert.Contains("Демонстрационные", regions.GetProperty("notice").GetString());
        var items = regions.GetProperty("items").EnumerateArray().ToList();
        var amur = Assert.Single(items, r => r.GetProperty("regionCode").GetInt32() == DemoPipelineFixture.RegionCode);
        Assert.Equal("Амурская область", amur.GetProperty("regionName").GetString());
        Assert.Equal("far-eastern", amur.GetProperty("federalDistrict").GetString());
        Assert.Equal(DemoPipelineFixture.PageCount, amur.GetProperty("pages").GetInt32());
        Assert.Equal(1, amur.GetProperty("rank").GetInt32());
        Assert.InRange(amur.GetProperty("activePages").GetInt32(), 1, DemoPipelineFixture.PageCount);
        Assert.InRange(amur.GetProperty("governmentLabelShare").GetDouble(), 0, 1);

        // The median of the region's indexes, as the ranking lists them.
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&top=500");
        var indexes = ranking.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetDouble()).Order().ToList();
        var median = (indexes[(indexes.Count - 1) / 2] + indexes[indexes.Count / 2]) / 2;
        Assert.Equal(median, amur.GetProperty("medianIndex").GetDouble(), 0.006);
        Assert.Equal(indexes.Average(), amur.GetProperty("meanIndex").GetDouble(), 0.006);
        Assert.InRange(amur.GetProperty("medianIndex").GetDouble(), indexes[0], indexes[^1]);

        // Pooled answered share: Σ answered ÷ Σ citizens' comments over the same pages.
        var comments = ranking.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("metrics").GetProperty("citizenComments").GetInt32());
        Assert.Equal(comments, amur.GetProperty("citizenComments").GetInt32());
        Assert.True(comments > 0, "The demo region's citizens comment.");
        Assert.Equal(
            amur.GetProperty("answeredComments").GetDouble() / comments,
            amur.GetProperty("answeredShare").GetDouble(),
            1e-12);
        var components = amur.GetProperty("medianComponents");
        Assert.True(components.TryGetProperty(IndexComponents.Activity, out var activity));
        Assert.InRange(activity.GetDouble(), 0, 100);
    }

    [Fact]
    public async Task Region_detail_lists_its_ten_best_pages_in_rank_order_and_breakdowns_that_add_up()
    {
        var detail = await pipeline.Http.GetFromJsonAsync<JsonElement>($"regions/{DemoPipelineFixture.RegionCode}?period=month");
        Assert.Equal("month", detail.GetProperty("period").GetString());
        var region = detail.GetProperty("region");
        Assert.Equal(DemoPipelineFixture.RegionCode, region.GetProperty("regionCode").GetInt32());
        Assert.Equal(DemoPipelineFixture.PageCount, region.GetProperty("pages").GetInt32());

        var top = detail.GetProperty("topPages").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 10), top.Select(p => p.GetProperty("rank").GetInt32()));
        var indexes = top.Select(p => p.GetProperty("index").GetDouble()).ToList();
        Assert.Equal(indexes.OrderByDescending(x => x), indexes);
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&period=month&top=10");
        Assert.Equal(
            ranking.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pageId").GetString()),
            top.Select(p => p.GetProperty("pageId").GetString()));

        var byKind = detail.GetProperty("byKind").EnumerateArray().ToList();
        var byPlatform = detail.GetProperty("byPlatform").EnumerateArray().ToList();
        Assert.Equal(DemoPipelineFixture.PageCount, byKind.Sum(k => k.GetProperty("pages").GetInt32()));
        Assert.Equal(DemoPipelineFixture.PageCount, byPlatform.Sum(p => p.GetProperty("pages").GetInt32()));
        Assert.All(byKind, k => Assert.Contains(k.GetProperty("kind").GetString(), EnumCodes.AllCodes<OrganisationKind>()));
        Assert.All(byPlatform, p => Assert.InRange(p.GetProperty("medianIndex").GetDouble(), 0, 100));
    }

    [Fact]
    public async Task Region_detail_lists_its_ten_weakest_pages_weakest_first_with_their_places_in_the_region()
    {
        var detail = await pipeline.Http.GetFromJsonAsync<JsonElement>($"regions/{DemoPipelineFixture.RegionCode}?period=week");
        var bottom = detail.GetProperty("bottomPages").EnumerateArray().ToList();
        var total = DemoPipelineFixture.PageCount;
        Assert.Equal(Enumerable.Range(total - 9, 10).Reverse(), bottom.Select(p => p.GetProperty("rank").GetInt32()));
        var indexes = bottom.Select(p => p.GetProperty("index").GetDouble()).ToList();
        Assert.Equal(indexes.Order(), indexes);

        // The same pages as the last ten of the region's ranking, read from the end.
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&period=week&top=10&skip={total - 10}");
        var last = ranking.GetProperty("items").EnumerateArray().Reverse().ToList();
        Assert.Equal(last.Select(i => i.GetProperty("pageId").GetString()), bottom.Select(p => p.GetProperty("pageId").GetString()));
        Assert.Equal(last.Select(i => i.GetProperty("rank").GetInt32()), bottom.Select(p => p.GetProperty("rank").GetInt32()));
        Assert.All(bottom, p => Assert.Equal(DemoPipelineFixture.RegionCode, p.GetProperty("regionCode").GetInt32()));

        // Weakest and best do not meet in a region of more than twenty pages.
        Assert.True(total > 20);
        Assert.Empty(detail.GetProperty("topPages").EnumerateArray().Select(p => p.GetProperty("pageId").GetString()).Intersect(bottom.Select(p => p.GetProperty("pageId").GetString())));
    }

    [Fact]
    public async Task Region_without_pages_returns_404_problem_json()
    {
        using var response = await pipeline.Http.GetAsync("regions/77");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Москва", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("interactions")]
    [InlineData("views")]
    [InlineData("erViews")]
    public async Task Top_posts_are_ranked_consecutively_by_the_chosen_key(string sort)
    {
        var response = await pipeline.Http.GetFromJsonAsync<JsonElement>($"posts/top?sort={sort}&period=month&top=100");
        Assert.Equal(sort, response.GetProperty("sort").GetString());
        var items = response.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(100, items.Count);
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.GetProperty("rank").GetInt32()));
        var values = items.Select(i => i.GetProperty(sort).GetDouble()).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        Assert.Equal(items.Count, items.Select(i => i.GetProperty("platform").GetString() + "/" + i.GetProperty("pageId").GetString() + "/" + i.GetProperty("postId").GetString()).Distinct().Count());
        Assert.All(items, i => Assert.True(i.GetProperty("textPreview").GetString()!.Length <= 280));
        // MAX posts (views only) have likes, reposts and interactions null, and only the views list can hold them.
        Assert.All(items.Where(i => i.GetProperty("platform").GetString() != "max"), i => Assert.Equal(
            i.GetProperty("likes").GetInt64() + i.GetProperty("reposts").GetInt64() + i.GetProperty("comments").GetInt64(),
            i.GetProperty("interactions").GetInt64()));
        Assert.All(items.Where(i => i.GetProperty("platform").GetString() == "max"), i =>
        {
            Assert.Equal("views", sort);
            Assert.Equal(JsonValueKind.Null, i.GetProperty("likes").ValueKind);
            Assert.Equal(JsonValueKind.Null, i.GetProperty("reposts").ValueKind);
            Assert.Equal(JsonValueKind.Null, i.GetProperty("interactions").ValueKind);
        });
        // One page fills at most ten places of any list.
        Assert.All(items.GroupBy(i => i.GetProperty("pageId").GetString()), page => Assert.True(page.Count() <= 10));
    }

    [Fact]
    public async Task Top_posts_by_er_by_views_leave_out_posts_with_fewer_than_100_views()
    {
        var response = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?sort=erViews&period=month&top=100&skip=0");
        Assert.Equal(100, response.GetProperty("minViews").GetInt64());
        var items = response.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i.GetProperty("views").GetInt64() >= 100, $"{i.GetProperty("postId")} has {i.GetProperty("views")} views"));

        // The rule bites: the stored candidates include posts with fewer views, and exactly the others are ranked.
        var run = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var content = await new PackedBlobStore(pipeline.Storage).ReadAsync<ContentTable>(
            StorageNames.RankingsContainer, StorageNames.ContentBlob(run.GetProperty("runId").GetString()!, Period.Month, null), CancellationToken.None);
        var posts = Enumerable.Range(0, content!.PostCount).Select(content.PostAt).ToList();
        Assert.Contains(posts, p => p.Post.Views < 100);
        Assert.Equal(TopContent.Order(posts, ContentSort.ErViews).Take(TopContent.MaxPlaces).Count(), response.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Top_post_filters_are_honoured_and_paging_continues_the_same_order()
    {
        var filtered = await pipeline.Http.GetFromJsonAsync<JsonElement>($"posts/top?region={DemoPipelineFixture.RegionCode}&platform=vk&kind=education&period=month&top=100");
        var items = filtered.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.Equal("vk", i.GetProperty("platform").GetString());
            Assert.Equal("education", i.GetProperty("kind").GetString());
            Assert.Equal(DemoPipelineFixture.RegionCode, i.GetProperty("regionCode").GetInt32());
        });
        Assert.Equal("Амурская область", filtered.GetProperty("regionName").GetString());

        var telegram = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?platform=telegram&period=month");
        Assert.All(telegram.GetProperty("items").EnumerateArray(), i => Assert.Equal("telegram", i.GetProperty("platform").GetString()));

        var first = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?top=10");
        var second = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?top=5&skip=5");
        Assert.Equal(
            first.GetProperty("items").EnumerateArray().Skip(5).Select(i => i.GetProperty("postId").GetString()),
            second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("postId").GetString()));
        Assert.Equal(6, second.GetProperty("items")[0].GetProperty("rank").GetInt32());
        Assert.Equal("week", first.GetProperty("period").GetString());
        Assert.Equal("interactions", first.GetProperty("sort").GetString());
    }

    [Fact]
    public async Task Top_broadcasts_are_live_or_ended_and_sorted_by_views()
    {
        var response = await pipeline.Http.GetFromJsonAsync<JsonElement>("broadcasts/top?top=100");
        Assert.Equal("month", response.GetProperty("period").GetString());
        var items = response.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.GetProperty("rank").GetInt32()));
        var views = items.Select(i => i.GetProperty("views").GetInt64()).ToList();
        Assert.Equal(views.OrderByDescending(v => v), views);
        Assert.All(items, i => Assert.Contains(i.GetProperty("status").GetString(), new[] { "live", "ended" }));
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("title").GetString())));

        var platform = items[0].GetProperty("platform").GetString();
        var filtered = await pipeline.Http.GetFromJsonAsync<JsonElement>($"broadcasts/top?platform={platform}&region={DemoPipelineFixture.RegionCode}&top=100");
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Equal(platform, i.GetProperty("platform").GetString()));
        Assert.Equal(items.Count(i => i.GetProperty("platform").GetString() == platform), filtered.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Aggregation_writes_the_summaries_and_content_that_the_api_reads_under_deterministic_names()
    {
        var run = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var runId = run.GetProperty("runId").GetString()!;
        var blobs = new JsonBlobStore(pipeline.Storage);

        var summaries = await blobs.ReadAsync<RegionSummarySnapshot>(StorageNames.RankingsContainer, StorageNames.RegionSummariesBlob(runId, Period.Week), CancellationToken.None);
        Assert.Equal(DemoPipelineFixture.RegionCode, Assert.Single(summaries!.Regions).Summary.RegionCode);
        var tables = new PackedBlobStore(pipeline.Storage);
        var national = await tables.ReadAsync<ContentTable>(StorageNames.RankingsContainer, StorageNames.ContentBlob(runId, Period.Week, null), CancellationToken.None);
        var regional = await tables.ReadAsync<ContentTable>(StorageNames.RankingsContainer, StorageNames.ContentBlob(runId, Period.Week, DemoPipelineFixture.RegionCode), CancellationToken.None);
        Assert.NotEqual(0, national!.PostCount);
        Assert.Equal(national.PostIds, regional!.PostIds);
        Assert.Equal($"{runId}/week/regions.json.gz", StorageNames.RegionSummariesBlob(runId, Period.Week));
        Assert.Equal($"{runId}/week/content-region-28.table.gz", StorageNames.ContentBlob(runId, Period.Week, 28));
    }
}
