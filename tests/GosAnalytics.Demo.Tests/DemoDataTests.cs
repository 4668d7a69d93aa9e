using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo.Tests;

/// <summary>The embedded data files (functions/GosAnalytics.Demo/Data/*.json) and how strictly they are read.</summary>
public sealed class DemoDataTests
{
    private static readonly string[] Files = ["country.json", "organisations.json", "regions.json", "vocabulary.json"];

    [Fact]
    public void The_data_files_are_embedded_under_stable_names()
    {
        var names = typeof(DemoPageSource).Assembly.GetManifestResourceNames().Where(name => name.StartsWith(DemoData.ResourcePrefix, StringComparison.Ordinal));
        Assert.Equal(Files.Select(file => DemoData.ResourcePrefix + file), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_data_files_are_readable_UTF8_with_Cyrillic_as_is()
    {
        foreach (var file in Files)
        {
            using var stream = typeof(DemoPageSource).Assembly.GetManifestResourceStream(DemoData.ResourcePrefix + file)!;
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            var text = reader.ReadToEnd();
            Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
            Assert.Matches("[а-яё]", text);
        }
    }

    [Fact]
    public void The_data_cover_every_topic_group_subtype_and_kind()
    {
        Assert.Equal(Enum.GetValues<DemoTopicGroup>().Length, DemoData.Vocabulary.Groups.Count);
        Assert.Equal(Enum.GetValues<DemoSubtype>().Length, DemoData.Organisations.SubtypeProfiles.Count);
        Assert.Equal(Enum.GetValues<OrganisationKind>().Length, DemoData.Organisations.KindProfiles.Count);
        Assert.Equal(Enum.GetValues<OrganisationKind>().Order(), DemoData.Organisations.Kinds.Select(share => share.Kind).Order());
        Assert.Contains(DemoData.Regions.Regions, region => region.Code == 28 && region.Villages is { Length: > 0 });
    }

    [Fact]
    public void Every_region_code_gets_a_complete_region()
    {
        for (var code = 1; code <= 99; code++)
        {
            var source = new DemoPageSource(new DemoSourceOptions { RegionCode = code, PageCount = 60 });
            var pages = source.ListPages();
            Assert.Equal(60, pages.OnVkOkTelegram().Count);
            Assert.All(pages.Where(page => page.ScreenName.Length > 0), page => Assert.Matches("^[a-z0-9_]+$", page.ScreenName));
            Assert.All(pages, page => Assert.DoesNotContain("{", source.TitleOf(page.Key), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_federal_subject_has_its_own_names_and_a_population()
    {
        var named = DemoData.Regions.Regions.ToDictionary(region => region.Code!.Value);
        var population = DemoData.Country.Subjects.ToDictionary(subject => subject.Code);
        foreach (var subject in Regions.All)
        {
            Assert.Equal(subject.UtcOffsetHours, named[subject.Code].UtcOffsetHours);
            Assert.True(population[subject.Code].PopulationThousands > 0);
            Assert.DoesNotContain("{", named[subject.Code].Genitive, StringComparison.Ordinal);
        }

        Assert.Equal(Regions.All.Count, named.Values.Select(region => region.Slug).Distinct().Count());
    }

    [Fact]
    public void Unknown_properties_missing_values_and_nulls_are_errors()
    {
        var context = DemoDataJsonContext.Default;
        Assert.Equal(new DemoNamed("Олимп", "olimp"), JsonSerializer.Deserialize("""{ "name": "Олимп", "slug": "olimp" }""", context.DemoNamed));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{ "name": "Олимп", "slug": "olimp", "slig": "x" }""", context.DemoNamed));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{ "name": "Олимп" }""", context.DemoNamed));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{ "name": null, "slug": "olimp" }""", context.DemoNamed));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{ "past": "прошёл турнир", "season": "Monsoon" }""", context.DemoTopic));
    }

    [Fact]
    public void Optional_values_take_their_defaults_and_enums_are_read_by_name()
    {
        var topic = JsonSerializer.Deserialize("""{ "past": "прошёл турнир", "season": "Winter" }""", DemoDataJsonContext.Default.DemoTopic)!;
        Assert.Equal(new DemoTopic("прошёл турнир", null, DemoSeason.Winter), topic);
        var form = JsonSerializer.Deserialize("""{ "place": "Town", "title": "МФЦ города {town.genitive}", "slug": "mfc_{town.slug}" }""", DemoDataJsonContext.Default.DemoNameForm)!;
        Assert.Equal((DemoPlaceKind.Town, "", 1, (int?)null), (form.Place, form.Venue, form.Weight, form.NumberUpTo));
    }
}
