using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GosAnalytics.Core.Domain;
using GosAnalytics.Functions.Api;

namespace GosAnalytics.FunctionalTests;

/// <summary>Identity (addresses, resolution, search), unanswered comments and the CSV exports, on the served demo run.</summary>
public sealed partial class DemoPipelineTests
{
    [Fact]
    public async Task Every_ranked_page_has_the_address_its_platform_shows_it_at_and_only_MAX_channels_without_a_name_lack_one()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?top=500");
        var items = ranking.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(DemoPipelineFixture.PageCount, items.Count);
        foreach (var item in items)
        {
            var (platform, pageId, screenName) = (item.GetProperty("platform").GetString(), item.GetProperty("pageId").GetString()!, item.GetProperty("screenName").GetString()!);
            var url = item.GetProperty("url").GetString();
            switch (platform)
            {
                case "vk":
                    Assert.Equal($"https://vk.com/{screenName}", url);
                    break;
                case "ok":
                    Assert.Equal($"https://ok.ru/group/{pageId}", url);
                    break;
                case "telegram":
                    Assert.Equal($"https://t.me/{screenName}", url);
                    break;
                default:
                    Assert.Equal(screenName.Length == 0 ? null : $"https://max.ru/{screenName}", url);
                    break;
            }
        }

        Assert.Contains(items, i => i.GetProperty("platform").GetString() == "max" && i.GetProperty("url").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Top_posts_link_each_post_on_its_platform_and_its_page()
    {
        var posts = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?period=month&top=100");
        var items = posts.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var (platform, pageId, postId) = (item.GetProperty("platform").GetString(), item.GetProperty("pageId").GetString(), item.GetProperty("postId").GetString());
            var url = item.GetProperty("url").GetString();
            var pageUrl = item.GetProperty("pageUrl").GetString();
            switch (platform)
            {
                case "vk":
                    Assert.Equal($"https://vk.com/wall-{pageId}_{postId}", url);
                    break;
                case "ok":
                    Assert.Equal($"https://ok.ru/group/{pageId}/topic/{postId}", url);
                    break;
                case "telegram":
                    Assert.Equal($"{pageUrl}/{postId}", url);
                    break;
                default:
                    Assert.Fail($"top posts by interactions hold no {platform} post");
                    break;
            }
        }
    }

    [Fact]
    public async Task A_MAX_post_links_to_the_public_link_its_channel_gives_and_a_channel_without_a_name_has_none()
    {
        var posts = await pipeline.Http.GetFromJsonAsync<JsonElement>("posts/top?platform=max&sort=views&period=month&top=100");
        var items = posts.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var (pageUrl, url) = (item.GetProperty("pageUrl").GetString(), item.GetProperty("url").GetString());
            if (pageUrl is null)
            {
                Assert.Null(url);
            }
            else
            {
                // https://max.ru/{name}/{code}: the code is opaque (not the message id), as the Bot API's url.
                Assert.Matches($"^{Regex.Escape(pageUrl)}/[A-Za-z0-9_-]{{11}}$", url);
            }
        }

        var links = items.Select(i => i.GetProperty("url").GetString()).OfType<string>().ToList();
        Assert.NotEmpty(links);
        Assert.Equal(links.Count, links.Distinct().Count()); // each post its own link
        OpenApiServedTests.AssertMatches("/api/posts/top", "200", "application/json", posts.GetRawText());

        var named = items.First(i => i.GetProperty("url").ValueKind == JsonValueKind.String);
        var profile = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/max/{Uri.EscapeDataString(named.GetProperty("pageId").GetString()!)}?period=month");
        var profilePosts = profile.GetProperty("posts").EnumerateArray().ToList();
        Assert.NotEmpty(profilePosts);
        Assert.All(profilePosts, p => Assert.StartsWith(named.GetProperty("pageUrl").GetString() + "/", p.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_is_found_by_its_screen_name_or_its_full_address_and_answers_its_profile_under_its_id()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?platform=vk&top=50");
        var page = ranking.GetProperty("items").EnumerateArray().First(i => !i.GetProperty("screenName").GetString()!.StartsWith("club", StringComparison.Ordinal));
        var (pageId, screenName, url) = (page.GetProperty("pageId").GetString(), page.GetProperty("screenName").GetString()!, page.GetProperty("url").GetString()!);

        foreach (var name in new[] { screenName, Uri.EscapeDataString(url), Uri.EscapeDataString("@" + screenName.ToUpperInvariant()) })
        {
            using var response = await pipeline.Http.GetAsync($"pages/vk/{name}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(pageId, profile.GetProperty("pageId").GetString());
            Assert.Equal(url, profile.GetProperty("url").GetString());
        }

        using var missing = await pipeline.Http.GetAsync("pages/vk/" + Uri.EscapeDataString("https://vk.com/no_such_page_here"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not registered", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_page_by_part_of_its_name_in_any_case_with_yo_as_ye_by_screen_name_and_by_address()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?platform=telegram&top=1");
        var page = ranking.GetProperty("items")[0];
        var (pageId, name, screenName, url) = (page.GetProperty("pageId").GetString(), page.GetProperty("name").GetString()!, page.GetProperty("screenName").GetString()!, page.GetProperty("url").GetString()!);
        var fragment = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderByDescending(w => w.Length).First().ToUpperInvariant().Replace('Е', 'Ё');

        foreach (var search in new[] { fragment, screenName, url, "@" + screenName })
        {
            var found = await pipeline.Http.GetFromJsonAsync<JsonElement>("pages?search=" + Uri.EscapeDataString(search));
            var items = found.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Any(i => i.GetProperty("pageId").GetString() == pageId), $"'{search}' did not find {name}.");
            Assert.All(items, i => Assert.InRange(i.GetProperty("nationalRank").GetInt32(), 1, DemoPipelineFixture.PageCount));
            if (search == url)
            {
                Assert.Equal(pageId, items[0].GetProperty("pageId").GetString());
            }
        }

        var none = await pipeline.Http.GetFromJsonAsync<JsonElement>("pages?search=" + Uri.EscapeDataString("нет такой страницы"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unanswered_comments_come_longest_waiting_first_with_their_text_and_the_address_of_their_post()
    {
        var answer = await pipeline.Http.GetFromJsonAsync<JsonElement>($"comments/unanswered?region={DemoPipelineFixture.RegionCode}&top=100");
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var ages = items.Select(i => i.GetProperty("ageHours").GetDouble()).ToList();
        Assert.Equal(ages.OrderDescending(), ages);
        Assert.All(items, i =>
        {
            Assert.InRange(i.GetProperty("text").GetString()!.Length, 10, 200);
            Assert.Contains(i.GetProperty("platform").GetString(), new[] { "vk", "ok", "telegram", "max" });
        });
        var vk = items.First(i => i.GetProperty("platform").GetString() == "vk");
        Assert.Equal($"https://vk.com/wall-{vk.GetProperty("pageId").GetString()}_{vk.GetProperty("postId").GetString()}", vk.GetProperty("url").GetString());

        var maxOnly = await pipeline.Http.GetFromJsonAsync<JsonElement>("comments/unanswered?platform=max");
        Assert.All(maxOnly.GetProperty("items").EnumerateArray(), i => Assert.Equal("max", i.GetProperty("platform").GetString()));
        // A MAX comment links to its post by the post's public link, where its channel has a name.
        Assert.All(maxOnly.GetProperty("items").EnumerateArray(), i =>
        {
            if (i.GetProperty("pageUrl").GetString() is { } pageUrl)
            {
                Assert.StartsWith(pageUrl + "/", i.GetProperty("url").GetString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, i.GetProperty("url").ValueKind);
            }
        });
        Assert.Contains(maxOnly.GetProperty("items").EnumerateArray(), i => i.GetProperty("url").ValueKind == JsonValueKind.String);
        OpenApiServedTests.AssertMatches("/api/comments/unanswered", "200", "application/json", answer.GetRawText());
    }

    [Fact]
    public async Task The_ranking_CSV_has_every_page_whatever_top_with_addresses_labels_views_comments_and_ids_that_stay_text()
    {
        using var response = await pipeline.Http.GetAsync($"rankings?region={DemoPipelineFixture.RegionCode}&format=csv&top=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DemoPipelineFixture.PageCount + 1, lines.Length);
        var header = Cells(lines[0]);
        foreach (var column in new[] { "Ссылка (url)", "Метка «Госорганизация»", "Просмотры", "Комментарии граждан", "Период", "Платформа", "ID страницы" })
        {
            Assert.Contains(column, header);
        }

        var json = await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region={DemoPipelineFixture.RegionCode}&top=500");
        var rows = lines.Skip(1).Select(Cells).ToList();
        var items = json.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var row = header.Zip(rows[i]).ToDictionary(p => p.First, p => p.Second);
            var item = items[i];
            Assert.Equal(item.GetProperty("pageId").GetString(), RussianCsv.ExcelText(row["ID страницы"]));
            Assert.StartsWith("=\"", row["ID страницы"], StringComparison.Ordinal); // every demo id is a number Excel would mangle
            Assert.Equal(item.GetProperty("url").GetString() ?? "", row["Ссылка (url)"]);
            Assert.True(EnumCodes.TryParse<Platform>(item.GetProperty("platform").GetString(), out var platform));
            Assert.Equal(platform.RussianName(), row["Платформа"]);
            Assert.Equal(item.GetProperty("metrics").GetProperty("views").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), row["Просмотры"]);
            Assert.Equal(item.GetProperty("metrics").GetProperty("citizenComments").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), row["Комментарии граждан"]);
            Assert.Equal("неделя", row["Период"]);
            // Only VK's API shows the label (docs/metrics.md §3.6): elsewhere it is unknown, not missing.
            Assert.Equal(item.GetProperty("platform").GetString() != "vk" ? "нет данных" : item.GetProperty("hasGovernmentLabel").GetBoolean() ? "да" : "нет", row["Метка «Госорганизация»"]);
        }
    }

    [Theory]
    [InlineData("posts/top?period=month&format=csv", "ID поста")]
    [InlineData("broadcasts/top?format=csv", "ID эфира")]
    [InlineData("comments/unanswered?format=csv", "ID комментария")]
    public async Task Content_lists_answer_CSV_in_the_ranking_s_convention(string url, string idColumn)
    {
        using var response = await pipeline.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Cells(lines[0]);
        Assert.Contains(idColumn, header);
        Assert.Contains("Ссылка на страницу", header);
        Assert.True(lines.Length > 1, $"{url} wrote no rows.");
        var platform = Array.IndexOf(header, "Платформа");
        Assert.All(lines.Skip(1).Select(Cells), row => Assert.Contains(row[platform], new[] { "ВКонтакте", "Одноклассники", "Telegram", "MAX" }));
    }

    /// <summary>The cells of one CSV line as RFC 4180 reads them (';' separated, '"' quoted, '""' a quote).</summary>
    internal static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
