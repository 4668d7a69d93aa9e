using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Demo.Tests;

/// <summary>The synthetic country: every federal subject generated like the single demo region, side by side.</summary>
public sealed class DemoCountryTests(DemoCountryFixture country) : IClassFixture<DemoCountryFixture>
{
    private static readonly DateOnly Day = DemoRegionFixture.MetricDay;

    /// <summary>What the template for codes without names writes: «Губернатор региона 99», «#Регион99».</summary>
    private const string UnnamedRegion = @"[Рр]егион[а-я]* ?\d";

    [Fact]
    public void The_country_has_every_subject_Amur_oblast_with_1188_pages_and_a_total_in_the_documented_range()
    {
        Assert.Equal(Regions.All.Select(region => region.Code), country.Source.RegionCodes);
        Assert.Equal(Regions.All.Select(region => region.Code), country.PagesByRegion.Keys.Order());
        Assert.Equal(1188, country.PagesByRegion[28].OnVkOkTelegram().Count);
        Assert.InRange(country.Source.ListPages().OnVkOkTelegram().Count, 130_000, 175_000);
        Assert.InRange(country.Source.ListPages().MaxChannels().Count, 35_000, 65_000); // about 60,000 official MAX channels (docs/demo-data.md)
        Assert.Equal(country.Source.RegionCodes, country.Source.ListPages().Select(page => page.RegionCode).Distinct());
    }

    [Fact]
    public void Larger_subjects_get_more_pages_but_fewer_per_inhabitant()
    {
        var moscow = country.PagesByRegion[77].OnVkOkTelegram().Count;
        var chukotka = country.PagesByRegion[87].OnVkOkTelegram().Count;
        Assert.True(moscow > 5 * country.PagesByRegion[28].OnVkOkTelegram().Count, $"Moscow has {moscow} pages");
        Assert.InRange(chukotka, 100, 1188);
        Assert.Equal(DemoCountry.PageCount(77), moscow);
    }

    [Fact]
    public void Amur_oblast_inside_the_country_is_the_single_region_default_page_for_page_and_post_for_post()
    {
        var single = new DemoPageSource();
        Assert.Equal(single.ListPages(), country.PagesByRegion[28]);
        Assert.All(single.ListPages(), page => Assert.Equal(single.TitleOf(page.Key), country.Source.TitleOf(page.Key)));

        var pages = single.ListPages().Where((_, i) => i % 3 == 0).ToList();
        Assert.Equal(Json(pages.Select(page => single.Snapshot(page.Key, Day))), Json(pages.Select(page => country.Source.Snapshot(page.Key, Day))));
    }

    [Fact]
    public void Page_ids_and_screen_names_are_unique_per_platform_across_the_country()
    {
        var pages = country.Source.ListPages();
        Assert.Equal(pages.Count, pages.Select(page => page.Key).Distinct().Count());
        foreach (var platform in pages.GroupBy(page => page.Platform))
        {
            // A MAX channel without a public link has no name, only its chat id.
            var names = platform.Select(page => page.ScreenName).Where(name => name.Length > 0).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        Assert.All(pages.Where(page => page.Platform != Platform.Max || page.ScreenName.Length > 0), page => Assert.Matches("^[a-z0-9_]+$", page.ScreenName));
        Assert.All(pages, page => Assert.True(long.TryParse(page.PageId, out _), $"page id {page.PageId} is not numeric"));
    }

    [Fact]
    public void Page_ids_keep_the_shape_of_each_platform()
    {
        foreach (var page in country.Source.ListPages())
        {
            var digits = page.PageId.Length;
            var shaped = page.Platform switch
            {
                Platform.Vk => digits is 8 or 9,
                Platform.Ok => digits == 14,
                Platform.Max => digits == 15 && page.PageId[0] == '-', // a channel's chat id: minus and 14 digits
                _ => digits == 10,
            };
            Assert.True(shaped, $"{page.Key} of region {page.RegionCode}");
        }
    }

    [Fact]
    public void Titles_of_every_region_are_its_own_with_no_placeholder_left()
    {
        foreach (var (code, pages) in country.PagesByRegion)
        {
            var titles = pages.Select(page => country.Source.TitleOf(page.Key)!).ToList();
            Assert.All(titles, title => Assert.DoesNotContain("{", title, StringComparison.Ordinal));
            Assert.All(titles, title => Assert.DoesNotContain("}", title, StringComparison.Ordinal));
            Assert.All(titles, title => Assert.DoesNotMatch(UnnamedRegion, title));

            // The head of the region leads every region, and its posts name the region in full.
            var head = country.Source.Snapshot(pages[0].Key, Day)!;
            Assert.Equal(code, head.Page.RegionCode);
            var texts = head.Posts.Select(post => post.Text).Concat(head.Broadcasts.Select(broadcast => broadcast.Title)).ToList();
            Assert.All(texts, text => Assert.DoesNotContain("{", text, StringComparison.Ordinal));
            Assert.All(texts, text => Assert.DoesNotMatch(UnnamedRegion, text));
        }
    }

    [Theory]
    [InlineData(16, "Раис Республики Татарстан", "Государственный Совет Республики Татарстан", "ГАУЗ РТ «Республиканская клиническая больница»")]
    [InlineData(23, "Губернатор Краснодарского края", "Законодательное Собрание Краснодарского края", "ГАУЗ «Краснодарская краевая клиническая больница»")]
    [InlineData(77, "Мэр Москвы", "Московская городская Дума", "ГАУЗ «Московская городская клиническая больница»")]
    [InlineData(86, "Губернатор Ханты-Мансийского автономного округа — Югры", "Дума Ханты-Мансийского автономного округа — Югры", "ГАУЗ ХМАО — Югры «Югорская окружная клиническая больница»")]
    [InlineData(31, "Губернатор Белгородской области", "Белгородская областная Дума", "ГАУЗ «Белгородская областная клиническая больница»")]
    public void Regional_pages_carry_the_official_forms_of_each_kind_of_subject(int code, string head, string legislature, string hospital)
    {
        var titles = country.PagesByRegion[code].Select(page => country.Source.TitleOf(page.Key)).ToHashSet();
        Assert.Contains(head, titles);
        Assert.Contains(legislature, titles);
        Assert.Contains(hospital, titles);
    }

    [Fact]
    public void A_federal_city_has_no_separate_capital_administration_or_mayor()
    {
        var titles = country.PagesByRegion[77].Select(page => country.Source.TitleOf(page.Key)!).ToList();
        Assert.DoesNotContain("Администрация города Москвы", titles);
        Assert.DoesNotContain("Мэр города Москвы", titles);
        Assert.Contains("Правительство Москвы", titles);
        Assert.Contains("Департамент здравоохранения Москвы", titles);
    }

    [Fact]
    public void A_smaller_page_share_keeps_every_region_with_a_prefix_of_its_pages()
    {
        foreach (var share in new[] { 0.01, 0.1 })
        {
            var part = new DemoPageSource(new DemoSourceOptions { Regions = "all", PageShare = share });
            Assert.Equal(country.Source.RegionCodes, part.RegionCodes);
            foreach (var group in part.ListPages().GroupBy(page => page.RegionCode))
            {
                var full = country.PagesByRegion[group.Key];
                var pages = group.OnVkOkTelegram();
                var channels = group.MaxChannels();
                Assert.Equal(Math.Max(1, (int)Math.Round(full.OnVkOkTelegram().Count * share, MidpointRounding.AwayFromZero)), pages.Count);
                Assert.Equal(full.OnVkOkTelegram().Take(pages.Count), pages);
                Assert.Equal(full.MaxChannels().Take(channels.Count), channels);
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_country_and_another_seed_another()
    {
        var options = new DemoSourceOptions { Regions = "all", PageShare = 0.02 };
        var first = new DemoPageSource(options).ListPages();
        Assert.Equal(first, new DemoPageSource(options).ListPages());

        var other = new DemoPageSource(options with { Seed = 7 }).ListPages();
        Assert.Equal(first.OnVkOkTelegram().Count, other.OnVkOkTelegram().Count);
        Assert.True(first.Zip(other).Count(pair => pair.First.PageId == pair.Second.PageId) < first.Count / 20);
    }

    [Fact]
    public void A_list_of_codes_generates_exactly_those_regions_as_they_are_in_the_country()
    {
        var some = new DemoPageSource(new DemoSourceOptions { Regions = " 77, 28,50 ", PageCount = 5 });
        Assert.Equal([28, 50, 77], some.RegionCodes);
        foreach (var code in some.RegionCodes)
        {
            Assert.Equal(country.PagesByRegion[code], some.ListPages().Where(page => page.RegionCode == code));
        }

        Assert.Equal(new[] { 28, 50, 77 }.Sum(code => country.PagesByRegion[code].Count), some.ListPages().Count);
    }

    [Fact]
    public async Task A_batch_of_any_region_is_collected_as_that_region_alone_would_collect_it()
    {
        var moscow = country.PagesByRegion[77].Where(page => page.Platform == Platform.Vk).Skip(40).Take(25).ToList();
        var request = DemoRegionFixture.Request(Day, Platform.Vk, moscow);
        var inCountry = await country.Source.CollectAsync(request, CancellationToken.None);
        var alone = await new DemoPageSource(new DemoSourceOptions { Regions = "77" }).CollectAsync(request, CancellationToken.None);

        Assert.Empty(inCountry.Skipped);
        Assert.Equal(25, inCountry.Pages.Count);
        Assert.All(inCountry.Pages, snapshot => Assert.Equal(77, snapshot.Page.RegionCode));
        Assert.Equal(Json(alone.Pages), Json(inCountry.Pages));

        // A batch that mixes regions still gives each page its own region's snapshot.
        var mixed = moscow.Take(3).Concat(country.PagesByRegion[87].Where(page => page.Platform == Platform.Vk).Take(3)).ToList();
        var both = await country.Source.CollectAsync(DemoRegionFixture.Request(Day, Platform.Vk, mixed), CancellationToken.None);
        Assert.Equal(mixed.Select(page => page.RegionCode), both.Pages.Select(snapshot => snapshot.Page.RegionCode));
        Assert.Equal(Json(inCountry.Pages.Take(3)), Json(both.Pages.Take(3)));
    }

    [Fact]
    public async Task A_page_of_a_region_not_generated_is_skipped_with_the_regions_named()
    {
        var some = new DemoPageSource(new DemoSourceOptions { Regions = "28,87" });
        var moscow = country.PagesByRegion[77].First(page => page.Platform == Platform.Vk);
        var batch = await some.CollectAsync(DemoRegionFixture.Request(Day, Platform.Vk, [moscow]), CancellationToken.None);
        Assert.Equal("page not found in the demo regions (28, 87)", Assert.Single(batch.Skipped).Reason);
        Assert.Null(some.Snapshot(moscow.Key, Day));
        Assert.Null(some.TitleOf(moscow.Key));
    }

    [Fact]
    public void The_hidden_truth_covers_every_region_and_each_page_knows_its_region()
    {
        var part = new DemoPageSource(new DemoSourceOptions { Regions = "all", PageShare = 0.01 });
        var truth = part.DescribeTruth(Day);

        Assert.Equal(part.RegionCodes, truth.RegionCodes);
        Assert.Equal(part.ListPages().Select(page => (page.Key, page.RegionCode)), truth.Pages.Select(page => (new PageKey(page.Platform, page.PageId), page.RegionCode)));
        var regionOf = truth.Pages.ToDictionary(page => new PageKey(page.Platform, page.PageId), page => page.RegionCode);
        Assert.All(truth.Posts, post => Assert.True(regionOf.ContainsKey(new PageKey(post.Platform, post.PageId))));
        Assert.Equal(part.RegionCodes, truth.Posts.Select(post => regionOf[new PageKey(post.Platform, post.PageId)]).Distinct().Order());
    }

    [Fact]
    public void Building_the_whole_country_takes_seconds_not_minutes()
    {
        Assert.True(country.BuildTime < TimeSpan.FromSeconds(30), $"took {country.BuildTime.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData("80", "Regions", "Demo:Regions")]
    [InlineData("0", "Regions", "Demo:Regions")]
    [InlineData("28,28", "Regions", "Demo:Regions")]
    [InlineData("28,,77", "Regions", "Demo:Regions")]
    [InlineData("every", "Regions", "Demo:Regions")]
    public void Bad_regions_are_rejected_naming_the_setting(string regions, string parameter, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DemoPageSource(new DemoSourceOptions { Regions = regions }));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_page_share_outside_zero_to_one_is_rejected_naming_the_setting(double share)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DemoPageSource(new DemoSourceOptions { Regions = "all", PageShare = share }));
        Assert.Equal("PageShare", error.ParamName);
        Assert.Contains("Demo:PageShare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_regions_ignore_PageCount_and_RegionCode_while_one_region_keeps_both()
    {
        var listed = new DemoPageSource(new DemoSourceOptions { Regions = "28", PageCount = 5, RegionCode = 100 });
        Assert.Equal(1188, listed.ListPages().OnVkOkTelegram().Count);

        var single = new DemoPageSource(new DemoSourceOptions { Regions = " ", PageCount = 50, PageShare = 0.5 });
        Assert.Equal([28], single.RegionCodes);
        Assert.Equal(country.PagesByRegion[28].Take(25), single.ListPages().OnVkOkTelegram());
    }

    [Fact]
    public void Configured_settings_are_validated_with_every_bad_one_named()
    {
        using var services = DemoServices(("Demo:Regions", "28,99"), ("Demo:PageShare", "2"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DemoSourceOptions>>().Value);
        Assert.Contains(error.Failures, failure => failure.Contains("Demo:Regions", StringComparison.Ordinal) && failure.Contains("'99'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("Demo:PageShare", StringComparison.Ordinal));
    }

    [Fact]
    public void Configured_regions_and_share_bind_from_app_settings()
    {
        using var services = DemoServices(("Demo:Regions", "all"), ("Demo:PageShare", "0.01"));

        var source = services.GetRequiredService<DemoPageSource>();
        Assert.Equal(Regions.All.Count, source.RegionCodes.Count);
        Assert.Equal(12, source.ListPages().OnVkOkTelegram().Count(page => page.RegionCode == 28));
    }

    /// <summary>The demo source registered as the app registers it, over these app settings.</summary>
    private static ServiceProvider DemoServices(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddDemoSource().BuildServiceProvider();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonConventions.Options);
}
