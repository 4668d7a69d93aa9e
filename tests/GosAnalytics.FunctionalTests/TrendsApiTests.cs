using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.FunctionalTests;

/// <summary>History and changes against the previous period over the runs of <see cref="TrendsFixture"/>, checked against the documents those runs wrote.</summary>
public sealed class TrendsApiTests(TrendsFixture trends) : IClassFixture<TrendsFixture>
{
    private static readonly string[] DayCodes = [.. TrendsFixture.Days.Select(TrendsFixture.RunId)];

    [Fact]
    public async Task The_served_day_index_names_every_served_day_and_the_second_attempt_of_the_day_run_again()
    {
        var rows = await trends.ServedDayRowsAsync();

        Assert.Equal(DayCodes, rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.Equal(row.Key, row.Value.GetProperty("runId").GetString()));
        Assert.Equal(2, rows[TrendsFixture.RunId(TrendsFixture.RerunDay)].GetProperty("attempt").GetInt32());
        Assert.Equal(1, rows[TrendsFixture.RunId(TrendsFixture.LastDay)].GetProperty("attempt").GetInt32());
    }

    [Theory]
    [InlineData("day")]
    [InlineData("week")]
    public async Task A_page_history_has_a_day_per_served_run_equal_to_its_entry_in_that_days_region_table(string period)
    {
        var parsed = Code<Period>(period);
        foreach (var page in await TopPagesAsync($"rankings?period={period}&top=3"))
        {
            var history = await GetAsync($"pages/{page.Platform}/{page.PageId}/history?period={period}");

            Assert.Equal(DayCodes, history.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("metricDay").GetString()));
            Assert.Equal(TrendsFixture.RunId(TrendsFixture.LastDay), history.GetProperty("metricDay").GetString());
            Assert.Equal(90, history.GetProperty("days").GetInt32());
            foreach (var day in history.GetProperty("items").EnumerateArray())
            {
                var date = DateOnly.ParseExact(day.GetProperty("metricDay").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var table = await trends.TableAsync(date, parsed, DemoPipelineFixture.RegionCode);
                var position = table.PositionOf(new PageKey(Code<Platform>(page.Platform), page.PageId));
                var entry = table.EntryAt(position);
                Assert.Equal(table.Run.Attempt, day.GetProperty("attempt").GetInt32());
                Assert.Equal(entry.Index, day.GetProperty("index").GetDouble());
                Assert.Equal(position + 1, day.GetProperty("regionRank").GetInt32());
                Assert.Equal(table.Count, day.GetProperty("regionTotal").GetInt32());
                Assert.Equal(table.NationalRanks[position], day.GetProperty("nationalRank").GetInt32());
                Assert.Equal(table.NationalTotal, day.GetProperty("nationalTotal").GetInt32());
                Assert.Equal(entry.Components.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)),
                    day.GetProperty("components").EnumerateObject().OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (c.Name, c.Value.GetDouble())));
                var metrics = day.GetProperty("metrics");
                Assert.Equal(entry.Metrics.Posts, metrics.GetProperty("posts").GetInt32());
                Assert.Equal(entry.Metrics.PostsPerWeek, metrics.GetProperty("postsPerWeek").GetDouble());
                Assert.Equal(entry.Metrics.Views, metrics.GetProperty("views").GetInt64());
                Assert.Equal(entry.Metrics.CitizenComments, metrics.GetProperty("citizenComments").GetInt32());
                Assert.Equal(entry.Metrics.AnsweredShare, Nullable(metrics.GetProperty("answeredShare")));
                Assert.Equal(entry.Metrics.MedianAnswerHours, Nullable(metrics.GetProperty("medianAnswerHours")));
                Assert.Equal(entry.Subscribers, metrics.GetProperty("subscribers").GetInt64());
            }
        }
    }

    [Fact]
    public async Task The_day_run_again_is_read_from_its_second_attempt()
    {
        var page = (await TopPagesAsync("rankings?period=day&top=1"))[0];
        var history = await GetAsync($"pages/{page.Platform}/{page.PageId}/history?period=day&days=2");

        Assert.Equal([(TrendsFixture.RunId(TrendsFixture.RerunDay), 2), (TrendsFixture.RunId(TrendsFixture.LastDay), 1)],
            history.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("metricDay").GetString(), d.GetProperty("attempt").GetInt32())));
    }

    [Fact]
    public async Task Rank_changes_of_the_country_list_are_the_places_gained_since_the_previous_days_table()
    {
        var previous = await trends.TableAsync(TrendsFixture.RerunDay, Period.Day, null);
        var rankings = await GetAsync("rankings?period=day&top=200");
        var items = rankings.GetProperty("items").EnumerateArray().ToList();

        Assert.Contains(items, i => i.GetProperty("rankChange").GetInt32() != 0);
        foreach (var item in items)
        {
            var then = previous.PositionOf(new PageKey(Code<Platform>(item.GetProperty("platform").GetString()!), item.GetProperty("pageId").GetString()!));
            Assert.True(then >= 0);
            var rank = item.GetProperty("rank").GetInt32();
            Assert.Equal(then + 1 - rank, item.GetProperty("rankChange").GetInt32());
            Assert.Equal(Math.Round(item.GetProperty("index").GetDouble() - previous.Indexes[then], 2, MidpointRounding.AwayFromZero), item.GetProperty("indexChange").GetDouble());
        }

        // The sign as an analyst reads it: a page that moved up has a smaller national rank than the day before.
        var mover = items.First(i => i.GetProperty("rankChange").GetInt32() > 0);
        var history = await GetAsync($"pages/{mover.GetProperty("platform").GetString()}/{mover.GetProperty("pageId").GetString()}/history?period=day&days=2");
        var ranks = history.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("nationalRank").GetInt32()).ToList();
        Assert.True(ranks[1] < ranks[0]);
        Assert.Equal(ranks[0] - ranks[1], mover.GetProperty("rankChange").GetInt32());
    }

    [Fact]
    public async Task A_regional_list_and_a_regions_top_pages_give_the_change_of_the_region_rank()
    {
        var previous = await trends.TableAsync(TrendsFixture.RerunDay, Period.Day, DemoPipelineFixture.RegionCode);
        var regional = await GetAsync($"rankings?period=day&region={DemoPipelineFixture.RegionCode}&platform=vk&top=20");
        var detail = await GetAsync($"regions/{DemoPipelineFixture.RegionCode}?period=day");

        foreach (var item in regional.GetProperty("items").EnumerateArray().Concat(detail.GetProperty("topPages").EnumerateArray()))
        {
            var key = new PageKey(Code<Platform>(item.GetProperty("platform").GetString()!), item.GetProperty("pageId").GetString()!);
            var history = await GetAsync($"pages/{key.Platform.ToCode()}/{key.PageId}/history?period=day&days=2");
            var regionRanks = history.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("regionRank").GetInt32()).ToList();
            Assert.Equal(previous.PositionOf(key) + 1, regionRanks[0]);
            Assert.Equal(regionRanks[0] - regionRanks[1], item.GetProperty("rankChange").GetInt32());
        }
    }

    [Fact]
    public async Task A_week_compares_with_the_run_served_seven_days_before_and_a_month_finds_none()
    {
        var before = await trends.TableAsync(TrendsFixture.LastDay.AddDays(-7), Period.Week, null);
        var week = (await GetAsync("rankings?period=week&top=50")).GetProperty("items").EnumerateArray().ToList();
        var month = (await GetAsync("rankings?period=month&top=50")).GetProperty("items").EnumerateArray().ToList();
        var regions = await GetAsync("regions?period=month");

        foreach (var item in week)
        {
            var then = before.PositionOf(new PageKey(Code<Platform>(item.GetProperty("platform").GetString()!), item.GetProperty("pageId").GetString()!));
            Assert.Equal(then + 1 - item.GetProperty("rank").GetInt32(), item.GetProperty("rankChange").GetInt32());
        }

        Assert.All(month, item => Assert.Equal(JsonValueKind.Null, item.GetProperty("rankChange").ValueKind));
        Assert.All(month, item => Assert.Equal(JsonValueKind.Null, item.GetProperty("indexChange").ValueKind));
        Assert.All(regions.GetProperty("items").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("rankChange").ValueKind));
    }

    [Fact]
    public async Task A_region_history_equals_the_region_summaries_of_each_day_and_the_region_list_gives_its_change()
    {
        var history = await GetAsync($"regions/{DemoPipelineFixture.RegionCode}/history?period=week&days=400");
        var list = await GetAsync("regions?period=day");

        Assert.Equal(400, history.GetProperty("days").GetInt32());
        Assert.Equal(DayCodes, history.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("metricDay").GetString()));
        foreach (var day in history.GetProperty("items").EnumerateArray())
        {
            var snapshot = await trends.RegionSummariesAsync(DateOnly.ParseExact(day.GetProperty("metricDay").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), Period.Week);
            var summary = snapshot.Regions.Single(r => r.Summary.RegionCode == DemoPipelineFixture.RegionCode).Summary;
            Assert.Equal(summary.MedianIndex, day.GetProperty("medianIndex").GetDouble());
            Assert.Equal(summary.Pages, day.GetProperty("pages").GetInt32());
            Assert.Equal(summary.AnsweredShare, Nullable(day.GetProperty("answeredShare")));
            Assert.Equal(summary.GovernmentLabelShare, day.GetProperty("governmentLabelShare").GetDouble());
            Assert.Equal(summary.MedianComponents.Count, day.GetProperty("medianComponents").EnumerateObject().Count());
            Assert.Equal(1, day.GetProperty("rank").GetInt32());
        }

        var now = await trends.RegionSummariesAsync(TrendsFixture.LastDay, Period.Day);
        var then = await trends.RegionSummariesAsync(TrendsFixture.RerunDay, Period.Day);
        var region = list.GetProperty("items")[0];
        Assert.Equal(0, region.GetProperty("rankChange").GetInt32()); // the demo's one region stays first
        Assert.Equal(Math.Round(now.Regions[0].Summary.MedianIndex - then.Regions[0].Summary.MedianIndex, 2, MidpointRounding.AwayFromZero), region.GetProperty("indexChange").GetDouble());
    }

    [Theory]
    [InlineData("pages/vk/1/history?days=0", "days")]
    [InlineData("pages/vk/1/history?days=401", "days")]
    [InlineData("pages/vk/1/history?days=ten", "days")]
    [InlineData("pages/vk/1/history?period=year", "period")]
    [InlineData("pages/xx/1/history", "platform")]
    [InlineData("pages/vk/a%20b/history", "pageId")]
    [InlineData("regions/999/history", "code")]
    [InlineData("regions/28/history?days=-1", "days")]
    [InlineData("regions/28/history?period=quarter", "period")]
    public async Task Bad_history_parameters_are_answered_400_naming_the_parameter(string url, string parameter)
    {
        using var response = await trends.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("pages/vk/999999999999/history", "not in the registry")]
    [InlineData("regions/77/history", "has no pages")]
    public async Task History_of_an_unknown_page_or_a_region_without_pages_is_404_problem(string url, string detail)
    {
        using var response = await trends.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task History_and_change_answers_match_their_documented_schemas()
    {
        var page = (await TopPagesAsync("rankings?top=1"))[0];
        foreach (var (url, path) in new[]
        {
            ($"pages/{page.Platform}/{page.PageId}/history?period=month&days=30", "/api/pages/{platform}/{pageId}/history"),
            ($"regions/{DemoPipelineFixture.RegionCode}/history", "/api/regions/{code}/history"),
            ("rankings?period=day", "/api/rankings"),
            ("regions?period=day", "/api/regions"),
            ($"regions/{DemoPipelineFixture.RegionCode}?period=week", "/api/regions/{code}"),
        })
        {
            using var response = await trends.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            OpenApiServedTests.AssertMatches(path, "200", response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }

        using var missing = await trends.Http.GetAsync("pages/vk/999999999999/history");
        OpenApiServedTests.AssertMatches("/api/pages/{platform}/{pageId}/history", "404", missing.Content.Headers.ContentType?.MediaType, await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_ranking_CSV_carries_the_change_of_place_and_index()
    {
        var json = (await GetAsync("rankings?period=day&top=20")).GetProperty("items").EnumerateArray().ToList();
        var csv = Encoding.UTF8.GetString(await trends.Http.GetByteArrayAsync("rankings?period=day&top=20&format=csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines[0].Split(';');
        var place = Array.IndexOf(headers, "Изменение места к прошлому периоду");
        var index = Array.IndexOf(headers, "Изменение индекса к прошлому периоду");

        Assert.True(place >= 0 && index >= 0, lines[0]);
        var russian = CultureInfo.GetCultureInfo("ru-RU");
        for (var i = 0; i < json.Count; i++)
        {
            var cells = lines[i + 1].Split(';');
            Assert.Equal(json[i].GetProperty("rankChange").GetInt32().ToString(CultureInfo.InvariantCulture), cells[place]);
            Assert.Equal(json[i].GetProperty("indexChange").GetDouble(), double.Parse(cells[index], russian));
        }
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        using var response = await trends.Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<IReadOnlyList<(string Platform, string PageId)>> TopPagesAsync(string url) =>
        [.. (await GetAsync(url)).GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("platform").GetString()!, i.GetProperty("pageId").GetString()!))];

    private static T Code<T>(string code)
        where T : struct, Enum => EnumCodes.TryParse<T>(code, out var value) ? value : throw new ArgumentException(code);

    private static double? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
}
