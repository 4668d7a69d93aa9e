using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GosAnalytics.Functions.Api;

namespace GosAnalytics.FunctionalTests;

/// <summary>The page profile's advice, a region's work lists and the weekly report workbook, on the completed demo run.</summary>
public sealed partial class DemoPipelineTests
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task A_page_profile_advises_on_what_falls_short_of_its_peer_group_in_Russian_most_severe_first()
    {
        var items = await RegionRankingAsync("week");
        var advised = 0;
        foreach (var item in items.Take(40))
        {
            var profile = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/{item.GetProperty("platform").GetString()}/{item.GetProperty("pageId").GetString()}");
            var advice = profile.GetProperty("advice");
            Assert.Equal(item.GetProperty("peerGroup").GetString(), advice.GetProperty("peerGroup").GetString());
            Assert.True(advice.GetProperty("peerPages").GetInt32() >= 1);
            var severities = advice.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("severity").GetString()).ToList();
            Assert.Equal(severities.OrderBy(s => Array.IndexOf(["high", "medium", "low"], s)), severities);
            foreach (var advisedItem in advice.GetProperty("items").EnumerateArray())
            {
                Assert.Matches("[а-яё]", advisedItem.GetProperty("text").GetString()!);
                advised++;
            }

            // Below the posting norm: the activity item says so with the page's own number.
            var perWeek = item.GetProperty("metrics").GetProperty("postsPerWeek").GetDouble();
            var activity = advice.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("topic").GetString() == "postsPerWeek").ToList();
            Assert.Equal(perWeek < 3, activity.Count == 1);

            // Each missing requirement that applies is an item; the requirements list says which apply.
            var missing = profile.GetProperty("requirements").EnumerateArray().Where(r => !r.GetProperty("met").GetBoolean()).Select(r => r.GetProperty("requirement").GetString()).ToList();
            var named = advice.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("component").GetString() == "compliance").Select(i => i.GetProperty("topic").GetString()).ToList();
            Assert.Equal(missing, named);
            if (item.GetProperty("platform").GetString() != "vk")
            {
                Assert.DoesNotContain(profile.GetProperty("requirements").EnumerateArray(), r => r.GetProperty("requirement").GetString() == "governmentLabel");
            }
        }

        Assert.True(advised > 0, "No page of the demo got any advice.");
    }

    [Fact]
    public async Task A_regions_work_lists_hold_exactly_the_pages_the_ranking_says_fall_short()
    {
        var items = await RegionRankingAsync("week");
        var lists = await pipeline.Http.GetFromJsonAsync<JsonElement>("regions/28/worklists?period=week&answeredBelow=0.5");
        var byList = lists.GetProperty("lists").EnumerateArray().ToDictionary(l => l.GetProperty("list").GetString()!);

        Assert.Equal(["noLabel", "noDescription", "noPosts", "lowAnswers"], byList.Keys);
        Assert.Equal(items.Count, lists.GetProperty("regionPages").GetInt32());
        Assert.Equal(
            Keys(items.Where(i => i.GetProperty("metrics").GetProperty("posts").GetInt32() == 0)),
            Keys(byList["noPosts"].GetProperty("items").EnumerateArray()));
        Assert.Equal(
            Keys(items.Where(i => i.GetProperty("metrics").GetProperty("citizenComments").GetInt32() > 0
                && (i.GetProperty("metrics").GetProperty("answeredShare").ValueKind == JsonValueKind.Null || i.GetProperty("metrics").GetProperty("answeredShare").GetDouble() < 0.5))),
            Keys(byList["lowAnswers"].GetProperty("items").EnumerateArray()));
        Assert.Equal(
            Keys(items.Where(i => i.GetProperty("platform").GetString() == "vk" && !i.GetProperty("hasGovernmentLabel").GetBoolean())),
            Keys(byList["noLabel"].GetProperty("items").EnumerateArray()));
        Assert.All(byList["noDescription"].GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("hasDescription").GetBoolean()));
        foreach (var list in byList.Values)
        {
            Assert.Equal(list.GetProperty("total").GetInt32(), list.GetProperty("items").GetArrayLength());
        }

        var one = await pipeline.Http.GetFromJsonAsync<JsonElement>("regions/28/worklists?list=lowAnswers&answeredBelow=0.9");
        Assert.Equal("lowAnswers", one.GetProperty("lists").EnumerateArray().Single().GetProperty("list").GetString());
        Assert.True(one.GetProperty("lists")[0].GetProperty("total").GetInt32() >= byList["lowAnswers"].GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Work_lists_download_as_CSV_for_Russian_Excel_with_ids_kept_as_text()
    {
        using var response = await pipeline.Http.GetAsync("regions/28/worklists?list=noPosts&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("noPosts", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Список;Место в регионе;Платформа;ID страницы;Название", lines[0]);
        var json = await pipeline.Http.GetFromJsonAsync<JsonElement>("regions/28/worklists?list=noPosts");
        var items = json.GetProperty("lists")[0].GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, lines.Length - 1);
        if (items.Count > 0)
        {
            // The same cells as every export (RussianCsv): a numeric id as a text constant, other text as it is.
            var header = Cells(lines[0]);
            var row = header.Zip(Cells(lines[1])).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal("Без постов за период", row["Список"]);
            Assert.Equal($"\"=\"\"{items[0].GetProperty("pageId").GetString()}\"\"\"", lines[1].Split(';')[3]);
            Assert.Equal(items[0].GetProperty("pageId").GetString(), RussianCsv.ExcelText(row["ID страницы"]));
            Assert.Equal(items[0].GetProperty("screenName").GetString(), RussianCsv.ExcelText(row["Короткое имя"]));
            Assert.Equal("неделя", row["Период"]);
            Assert.Equal(("28", "Амурская область"), (row["Код региона"], row["Регион"]));
        }
    }

    [Theory]
    [InlineData("regions/28/worklists?list=noSite", "list")]
    [InlineData("regions/28/worklists?answeredBelow=2", "answeredBelow")]
    [InlineData("regions/28/worklists?answeredBelow=half", "answeredBelow")]
    [InlineData("regions/999/worklists", "code")]
    [InlineData("regions/28/worklists?format=xlsx", "format")]
    [InlineData("reports/weekly", "region")]
    [InlineData("reports/weekly?region=999", "region")]
    [InlineData("reports/weekly?region=28&format=pdf", "format")]
    public async Task Work_lists_and_the_weekly_report_answer_400_naming_a_bad_parameter(string route, string parameter)
    {
        using var response = await pipeline.Http.GetAsync(route);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"The problem does not name '{parameter}'.");
    }

    [Fact]
    public async Task The_weekly_report_is_an_Excel_workbook_whose_cells_equal_the_APIs_numbers()
    {
        using var response = await pipeline.Http.GetAsync("reports/weekly?region=28&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["По организациям", "По страницам", "Без метки", "Без описания", "Без постов", "Мало ответов", "Сведения"], sheets.Select(s => s.Name!.Value));

        var rows = Rows(workbook, sheets[1]);
        var header = rows[0];
        var week = await RegionRankingAsync("week");
        var month = await RegionRankingAsync("month");
        Assert.Equal(week.Count + 1, rows.Count);
        var monthByKey = month.ToDictionary(Key);
        int Column(string prefix) => header.FindIndex(h => h.StartsWith(prefix, StringComparison.Ordinal));
        var lastWeekPosts = header.FindLastIndex(h => h.StartsWith("Посты, неделя", StringComparison.Ordinal));
        var lastWeekViews = header.FindLastIndex(h => h.StartsWith("Просмотры, неделя", StringComparison.Ordinal));
        foreach (var (item, row) in week.Zip(rows.Skip(1)))
        {
            Assert.Equal(item.GetProperty("pageId").GetString(), row[Column("ID страницы")]);
            Assert.Equal(item.GetProperty("index").GetDouble(), Number(row[Column("Индекс качества")]));
            Assert.Equal(item.GetProperty("metrics").GetProperty("posts").GetInt32(), Number(row[lastWeekPosts]));
            Assert.Equal(item.GetProperty("metrics").GetProperty("views").GetInt64(), Number(row[lastWeekViews]));
            Assert.Equal(monthByKey[Key(item)].GetProperty("metrics").GetProperty("posts").GetInt32(), Number(row[Column("Посты, 30 дней")]));
            if (item.GetProperty("components").TryGetProperty("activity", out var activity))
            {
                Assert.Equal(activity.GetDouble(), Number(row[Column("Активность")]));
            }
        }

        // Ids are text cells, numbers are numbers, and the header row is frozen.
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet;
        var secondRow = worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().ToList();
        Assert.Equal(CellValues.InlineString, secondRow[Column("ID страницы")].DataType!.Value);
        Assert.Equal(CellValues.Number, secondRow[Column("Подписчики")].DataType!.Value);
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen, worksheet.Descendants<Pane>().Single().State!.Value);
        Assert.Equal(header.Count, worksheet.Descendants<Column>().Count());

        var lists = await pipeline.Http.GetFromJsonAsync<JsonElement>("regions/28/worklists?period=week");
        foreach (var (list, sheet) in lists.GetProperty("lists").EnumerateArray().Zip(sheets.Skip(2)))
        {
            Assert.Equal(list.GetProperty("total").GetInt32(), Rows(workbook, sheet).Count - 1);
        }

        // Per organisation: the region's organisations in the API's order, each with its pages' posts summed and its combined index.
        var organisationRows = Rows(workbook, sheets[0]);
        var organisationHeader = organisationRows[0];
        var organisations = await pipeline.Http.GetFromJsonAsync<JsonElement>("organisations?region=28&top=500");
        Assert.Equal(organisations.GetProperty("total").GetInt32(), organisationRows.Count - 1);
        var pagesByKey = header.FindIndex(h => h == "ID организации") is var organisationColumn and >= 0
            ? rows.Skip(1).ToLookup(row => row[organisationColumn])
            : throw new InvalidOperationException("The pages sheet has no organisation column.");
        var monthPosts = organisationHeader.FindIndex(h => h.StartsWith("Посты, 30 дней", StringComparison.Ordinal));
        foreach (var (organisation, row) in organisations.GetProperty("items").EnumerateArray().Zip(organisationRows.Skip(1)))
        {
            var id = organisation.GetProperty("organisationId").GetString()!;
            Assert.Equal(id, row[organisationHeader.IndexOf("ID организации")]);
            Assert.Equal(pagesByKey[id].Sum(page => Number(page[Column("Посты, 30 дней")])), Number(row[monthPosts]));
        }
    }

    private async Task<List<JsonElement>> RegionRankingAsync(string period) =>
        [.. (await pipeline.Http.GetFromJsonAsync<JsonElement>($"rankings?region=28&period={period}&top=500")).GetProperty("items").EnumerateArray()];

    private static string Key(JsonElement item) => $"{item.GetProperty("platform").GetString()}/{item.GetProperty("pageId").GetString()}";

    private static List<string> Keys(IEnumerable<JsonElement> items) => [.. items.Select(Key).Order(StringComparer.Ordinal)];

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>Every row of a sheet as the texts of its cells (inline strings' text, numbers as written).</summary>
    private static List<List<string>> Rows(WorkbookPart workbook, Sheet sheet) =>
        [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(row => row.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())];
}
