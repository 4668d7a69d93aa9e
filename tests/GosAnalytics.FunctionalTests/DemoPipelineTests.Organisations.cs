using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.FunctionalTests;

/// <summary>Municipalities and organisations, read over HTTP from the same completed demo run.</summary>
public sealed partial class DemoPipelineTests
{
    [Fact]
    public async Task Every_ranked_page_carries_its_organisation_and_the_region_breaks_down_by_municipality()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&top=500");
        var items = ranking.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Matches("^demo-28-[0-9]{5}$", i.GetProperty("organisationId").GetString()));
        Assert.Contains(items, i => i.GetProperty("municipality").ValueKind == JsonValueKind.Null);
        Assert.Contains(items, i => i.GetProperty("municipality").GetString() == "город Благовещенск");

        var detail = await pipeline.Http.GetFromJsonAsync<JsonElement>($"regions/{DemoPipelineFixture.RegionCode}");
        var byMunicipality = detail.GetProperty("byMunicipality").EnumerateArray().ToList();
        Assert.Equal(DemoPipelineFixture.PageCount, byMunicipality.Sum(m => m.GetProperty("pages").GetInt32()));
        var counted = items.GroupBy(i => i.GetProperty("municipality").ValueKind == JsonValueKind.Null ? null : i.GetProperty("municipality").GetString())
            .ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Equal(counted, byMunicipality.ToDictionary(m => m.GetProperty("municipality").GetString() ?? "", m => m.GetProperty("pages").GetInt32()));
        Assert.Equal(JsonValueKind.Null, byMunicipality[^1].GetProperty("municipality").ValueKind); // regional bodies last
        Assert.All(byMunicipality, m => Assert.InRange(m.GetProperty("medianIndex").GetDouble(), 0, 100));

        var profile = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/{items[0].GetProperty("platform").GetString()}/{items[0].GetProperty("pageId").GetString()}");
        Assert.Equal(items[0].GetProperty("organisationId").GetString(), profile.GetProperty("organisationId").GetString());
    }

    [Fact]
    public async Task Organisations_list_combines_each_bodys_pages_by_the_mean_of_their_indexes()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?top=500");
        var pages = ranking.GetProperty("items").EnumerateArray().ToList();
        var list = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?top=500");
        var organisations = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(pages.Select(p => p.GetProperty("organisationId").GetString()).Distinct().Count(), list.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Range(1, organisations.Count), organisations.Select(o => o.GetProperty("rank").GetInt32()));
        Assert.Equal(organisations.Select(o => o.GetProperty("combinedIndex").GetDouble()).OrderDescending(), organisations.Select(o => o.GetProperty("combinedIndex").GetDouble()));

        foreach (var organisation in organisations)
        {
            var id = organisation.GetProperty("organisationId").GetString();
            var own = pages.Where(p => p.GetProperty("organisationId").GetString() == id).ToList();
            Assert.Equal(own.Select(p => p.GetProperty("pageId").GetString()).Order(), organisation.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("pageId").GetString()).Order());
            Assert.Equal(Math.Round(own.Average(p => p.GetProperty("index").GetDouble()), 2, MidpointRounding.AwayFromZero), organisation.GetProperty("combinedIndex").GetDouble(), 1e-9);
        }

        // The governor's VK, OK and Telegram pages are one organisation.
        var governor = Assert.Single(organisations, o => o.GetProperty("organisationId").GetString() == "demo-28-00000");
        Assert.Equal("Губернатор Амурской области", governor.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, governor.GetProperty("municipality").ValueKind);
        Assert.Subset(new HashSet<string?> { "vk", "ok", "telegram" }, governor.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("platform").GetString()).ToHashSet());

        var found = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?search=ГУБЕРНАТОР%20амурской&region=28");
        Assert.Equal("demo-28-00000", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("organisationId").GetString());
        Assert.Equal("ГУБЕРНАТОР амурской", found.GetProperty("search").GetString());
        var paged = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?top=2&skip=3");
        Assert.Equal(organisations.Skip(3).Take(2).Select(o => o.GetProperty("organisationId").GetString()), paged.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("organisationId").GetString()));
    }

    [Fact]
    public async Task An_organisation_card_shows_its_pages_side_by_side_with_the_rankings_figures()
    {
        var list = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?top=500&period=month");
        var linked = list.GetProperty("items").EnumerateArray().First(o => o.GetProperty("pages").GetArrayLength() >= 3);
        var id = linked.GetProperty("organisationId").GetString();
        var card = await pipeline.Http.GetFromJsonAsync<JsonElement>($"organisations/{id}?period=month");
        Assert.Equal("month", card.GetProperty("period").GetString());
        Assert.Equal(linked.GetProperty("combinedIndex").GetDouble(), card.GetProperty("combined").GetProperty("index").GetDouble());
        Assert.Equal(linked.GetProperty("regionRank").GetInt32(), card.GetProperty("combined").GetProperty("regionRank").GetInt32());
        Assert.Equal(list.GetProperty("total").GetInt32(), card.GetProperty("combined").GetProperty("regionTotal").GetInt32());

        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&period=month&top=500");
        var byPage = ranking.GetProperty("items").EnumerateArray().ToDictionary(i => (i.GetProperty("platform").GetString(), i.GetProperty("pageId").GetString()));
        var platforms = new List<string?>();
        foreach (var page in card.GetProperty("pages").EnumerateArray())
        {
            var ranked = byPage[(page.GetProperty("platform").GetString(), page.GetProperty("pageId").GetString())];
            Assert.Equal(ranked.GetProperty("rank").GetInt32(), page.GetProperty("regionRank").GetInt32());
            Assert.Equal(ranked.GetProperty("index").GetDouble(), page.GetProperty("index").GetDouble());
            Assert.Equal(ranked.GetProperty("components").GetRawText(), page.GetProperty("components").GetRawText());
            Assert.Equal(id, page.GetProperty("organisationId").GetString());
            platforms.Add(page.GetProperty("platform").GetString());
        }

        Assert.Equal(platforms.OrderBy(p => EnumCodes.AllCodes<Platform>().ToList().IndexOf(p!)), platforms);
        OpenApiServedTests.AssertMatches("/api/organisations/{id}", "200", "application/json", card.GetRawText());
    }

    [Theory]
    [InlineData("organisations?region=999&top=0&skip=-1&period=year", new[] { "region", "top", "skip", "period" })]
    [InlineData("organisations?search=", new[] { "search" })]
    [InlineData("organisations/not%20an%20id", new[] { "id" })]
    [InlineData("organisations/demo-28-00000?period=year", new[] { "period" })]
    public async Task Bad_organisation_parameters_are_400_naming_each(string url, string[] parameters)
    {
        using var response = await pipeline.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(parameters.Order(), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task An_unknown_organisation_is_404_problem_json_naming_it()
    {
        using var response = await pipeline.Http.GetAsync("organisations/7701234567");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("7701234567", await response.Content.ReadAsStringAsync());
        var search = await pipeline.Http.GetAsync("organisations?search=такой%20организации%20нет");
        Assert.Equal(0, (await search.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
    }
}
