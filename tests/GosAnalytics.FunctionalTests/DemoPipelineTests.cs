using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Demo;

namespace GosAnalytics.FunctionalTests;

/// <summary>A small demo region run end to end through Azurite and the local host's queues, then read over HTTP.</summary>
public sealed partial class DemoPipelineTests(DemoPipelineFixture pipeline) : IClassFixture<DemoPipelineFixture>
{
    [Fact]
    public async Task Completed_run_reports_every_batch_scored_and_every_page_collected()
    {
        var run = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("isDemo").GetBoolean());
        var batches = run.GetProperty("batches");
        Assert.True(batches.GetProperty("total").GetInt32() >= DemoPipelineFixture.PageCount / 25);
        Assert.Equal(batches.GetProperty("total").GetInt32(), batches.GetProperty("scored").GetInt32());
        Assert.Equal(DemoPipelineFixture.PageCount, run.GetProperty("pagesCollected").GetInt32());
        Assert.Equal(0, run.GetProperty("pagesSkipped").GetInt32());
        Assert.True(run.GetProperty("posts").GetInt32() > DemoPipelineFixture.PageCount, "A month of a region's pages holds more posts than pages.");
    }

    [Fact]
    public async Task Region_ranking_lists_every_page_once_best_first_with_consecutive_ranks()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&top=500");
        var items = ranking.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(DemoPipelineFixture.PageCount, ranking.GetProperty("total").GetInt32());
        Assert.Equal(DemoPipelineFixture.PageCount, items.Count);
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.GetProperty("rank").GetInt32()));
        Assert.Equal(items.Count, items.Select(i => i.GetProperty("platform").GetString() + "/" + i.GetProperty("pageId").GetString()).Distinct().Count());
        var indexes = items.Select(i => i.GetProperty("index").GetDouble()).ToList();
        Assert.Equal(indexes.OrderByDescending(x => x), indexes);
        Assert.All(items, item => Assert.Equal(DemoPipelineFixture.RegionCode, item.GetProperty("regionCode").GetInt32()));
        Assert.True(indexes[0] - indexes[^1] > 30, "Pages must really differ: the best and the worst are far apart.");
        Assert.Equal("Амурская область", ranking.GetProperty("regionName").GetString());
    }

    [Fact]
    public async Task Every_index_is_the_weighted_mean_of_the_components_it_lists()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?top=500");
        var weights = IndexOptionsWeights(ranking);
        foreach (var item in ranking.GetProperty("items").EnumerateArray())
        {
            var components = item.GetProperty("components");
            var used = item.GetProperty("indexComponents").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.NotEmpty(used);
            Assert.All(used, name => Assert.Contains(name, IndexComponents.All));
            Assert.Contains(IndexComponents.Activity, used);
            var expected = used.Sum(c => weights[c] * components.GetProperty(c).GetDouble()) / used.Sum(c => weights[c]);
            // The index is computed from unrounded components, then rounded: allow the rounding of the shown values.
            Assert.InRange(item.GetProperty("index").GetDouble(), expected - 0.02, expected + 0.02);
            foreach (var component in components.EnumerateObject())
            {
                Assert.InRange(component.Value.GetDouble(), 0, 100);
            }
        }
    }

    [Fact]
    public async Task Demo_data_is_labelled_as_demo_in_every_answer()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?top=1");
        Assert.True(ranking.GetProperty("isDemo").GetBoolean());
        Assert.Equal("demo", ranking.GetProperty("source").GetString());
        Assert.Contains("Демонстрационные", ranking.GetProperty("notice").GetString());
        var first = ranking.GetProperty("items")[0];
        var profile = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/{first.GetProperty("platform").GetString()}/{first.GetProperty("pageId").GetString()}");
        Assert.True(profile.GetProperty("isDemo").GetBoolean());
    }

    [Fact]
    public async Task Sorting_by_a_component_orders_by_that_component_and_filters_narrow_the_list()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?sort=activity&platform=vk&period=month&top=500");
        var items = ranking.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Equal("vk", item.GetProperty("platform").GetString()));
        var activity = items.Select(i => i.GetProperty("components").GetProperty("activity").GetDouble()).ToList();
        Assert.Equal(activity.OrderByDescending(x => x), activity);
        Assert.Equal("month", ranking.GetProperty("period").GetString());

        var education = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?kind=education&top=500");
        Assert.All(education.GetProperty("items").EnumerateArray(), item => Assert.Equal("education", item.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Paging_returns_the_next_places_of_the_same_ordering()
    {
        var all = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?top=20");
        var second = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?top=10&skip=10");
        var expected = all.GetProperty("items").EnumerateArray().Skip(10).Select(i => i.GetProperty("pageId").GetString());
        Assert.Equal(expected, second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pageId").GetString()));
        Assert.Equal(11, second.GetProperty("items")[0].GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task Csv_export_opens_in_Russian_Excel()
    {
        using var response = await pipeline.Http.GetAsync($"rankings?region={DemoPipelineFixture.RegionCode}&format=csv&top=500");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Место;Платформа;ID страницы;Название;", lines[0]);
        Assert.Equal(DemoPipelineFixture.PageCount + 1, lines.Length);
        Assert.Matches(@"^1;(ВКонтакте|Одноклассники|Telegram|MAX);", lines[1]); // platform names in Russian
        Assert.Contains("демо-данные", lines[1]);
        Assert.Matches(@";\d+,\d+;", lines[1]); // decimal comma, as ru-RU Excel expects
    }

    [Fact]
    public async Task Page_profile_shows_current_standing_and_history()
    {
        var top = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&top=1");
        var first = top.GetProperty("items")[0];
        var profile = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/{first.GetProperty("platform").GetString()}/{first.GetProperty("pageId").GetString()}");
        Assert.Equal(first.GetProperty("name").GetString(), profile.GetProperty("name").GetString());
        var current = profile.GetProperty("current");
        Assert.Equal(1, current.GetProperty("regionRank").GetInt32());
        Assert.Equal(first.GetProperty("index").GetDouble(), current.GetProperty("index").GetDouble());
        var history = profile.GetProperty("history").EnumerateArray().ToList();
        Assert.Single(history);
        Assert.Equal(top.GetProperty("metricDay").GetString(), history[0].GetProperty("metricDay").GetString());
        Assert.Equal(first.GetProperty("subscribers").GetInt64(), history[0].GetProperty("subscribers").GetInt64());
    }

    [Fact]
    public async Task Monthly_index_recovers_how_well_the_generator_runs_each_page()
    {
        var (ranking, truth) = await MonthlyRankingWithHiddenQualityAsync();
        var pairs = ranking.GetProperty("items").EnumerateArray()
            .Select(i => (Index: i.GetProperty("index").GetDouble(), Quality: truth[(i.GetProperty("platform").GetString()!, i.GetProperty("pageId").GetString()!)]))
            .ToList();

        var correlation = Correlation.Spearman(pairs.Select(p => p.Index).ToList(), pairs.Select(p => p.Quality).ToList());
        Assert.True(correlation > 0.5, $"Spearman correlation of index and hidden page quality is {correlation:F2}.");
    }

    /// <summary>The region's monthly ranking (every page) and the generator's hidden quality of each page, by (platform, page).</summary>
    private async Task<(JsonElement Ranking, Dictionary<(string Platform, string PageId), double> Quality)> MonthlyRankingWithHiddenQualityAsync()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&period=month&top=500");
        var metricDay = DateOnly.Parse(ranking.GetProperty("metricDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var truth = new DemoPageSource(new DemoSourceOptions { RegionCode = DemoPipelineFixture.RegionCode, PageCount = DemoPipelineFixture.DemoPageCount })
            .DescribeTruth(metricDay)
            .Pages.ToDictionary(p => (p.Platform.ToCode(), p.PageId), p => p.Quality);
        return (ranking, truth);
    }

    private static Dictionary<string, double> IndexOptionsWeights(JsonElement ranking) =>
        ranking.GetProperty("weights").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.OrdinalIgnoreCase);
}
