using GosAnalytics.Core.Domain;
using Xunit.Abstractions;

namespace GosAnalytics.Demo.Tests;

/// <summary>The demo's organisations (pages of one body across platforms) and municipalities, as its registry carries them.</summary>
public sealed class DemoOrganisationTests(DemoRegionFixture region, ITestOutputHelper output) : IClassFixture<DemoRegionFixture>
{
    [Fact]
    public void Every_page_belongs_to_an_organisation_named_by_its_title_and_a_MAX_channel_to_its_VK_twins()
    {
        var pages = region.Source.ListPages();
        Assert.All(pages, page => Assert.Matches("^demo-28-[0-9]{5}$", page.OrganisationId));
        Assert.All(pages, page => Assert.StartsWith(page.OrganisationName!, region.Source.TitleOf(page.Key)!));

        var organisations = pages.GroupBy(page => page.OrganisationId!).ToList();
        Assert.All(organisations, o => Assert.Single(o.Select(page => page.OrganisationName).Distinct()));
        Assert.Equal(organisations.Count, pages.Select(page => page.OrganisationName).Distinct().Count());

        // A MAX channel is opened by its VK page's organisation: the two share an id.
        var vkOrganisations = pages.Where(page => page.Platform == Platform.Vk).Select(page => page.OrganisationId).ToHashSet();
        Assert.All(pages.MaxChannels(), channel => Assert.Contains(channel.OrganisationId, vkOrganisations));

        // The governor runs VK, Telegram and OK pages (the fixed pages 0, 25 and 50 of the region); the government also a MAX channel.
        var governor = Assert.Single(organisations, o => o.Key == "demo-28-00000");
        Assert.Equal("Губернатор Амурской области", governor.First().OrganisationName);
        Assert.Equal([Platform.Vk, Platform.Ok, Platform.Telegram], governor.Select(page => page.Platform).Order());
        var government = Assert.Single(organisations, o => o.Key == "demo-28-00025");
        Assert.Equal("Правительство Амурской области", government.First().OrganisationName);
        Assert.Equal([Platform.Vk, Platform.Ok, Platform.Telegram, Platform.Max], government.Select(page => page.Platform).Order());

        var multi = organisations.Where(o => o.Select(page => page.Platform).Distinct().Count() > 1).ToList();
        var linkedOkOrTelegram = pages.Count(page => page.Platform is Platform.Ok or Platform.Telegram && multi.Any(o => o.Key == page.OrganisationId));
        output.WriteLine($"{pages.Count} pages, {organisations.Count} organisations, {multi.Count} on several platforms; " +
            $"{linkedOkOrTelegram} of {pages.Count(page => page.Platform is Platform.Ok or Platform.Telegram)} OK and Telegram pages share an organisation with another platform's page");
        Assert.True(linkedOkOrTelegram >= 10, "Some OK and Telegram pages are the same bodies as VK pages.");
    }

    [Fact]
    public void Pages_in_towns_districts_and_villages_have_their_municipality_and_regional_bodies_none()
    {
        var pages = region.Source.ListPages();
        string Title(RegisteredPage page) => region.Source.TitleOf(page.Key)!;

        Assert.All(pages.Where(page => Title(page).StartsWith("Министерство", StringComparison.Ordinal) || Title(page).StartsWith("Губернатор", StringComparison.Ordinal)),
            page => Assert.Null(page.Municipality));
        Assert.All(pages.Where(page => Title(page) == "Администрация города Благовещенска"), page => Assert.Equal("город Благовещенск", page.Municipality));
        Assert.All(pages.Where(page => Title(page).StartsWith("Администрация Тамбовского муниципального округа", StringComparison.Ordinal)),
            page => Assert.Equal("Тамбовский муниципальный округ", page.Municipality));

        var municipalities = pages.Where(page => page.Municipality is not null).GroupBy(page => page.Municipality!).ToList();
        Assert.All(municipalities, m => Assert.Matches("^(город [А-ЯЁ][а-яё-]+|ЗАТО Циолковский|[А-ЯЁ][а-яё]+ий муниципальный округ)$", m.Key));
        Assert.DoesNotContain(municipalities, m => m.Key is "город Завитинск" or "город Сковородино");

        // The same body on several platforms lies in one municipality.
        Assert.All(pages.GroupBy(page => page.OrganisationId), o => Assert.Single(o.Select(page => page.Municipality).Distinct()));
        var regional = pages.Count(page => page.Municipality is null);
        output.WriteLine($"{municipalities.Count} municipalities; {regional} regional pages; largest: " +
            string.Join(", ", municipalities.OrderByDescending(m => m.Count()).Take(5).Select(m => $"{m.Key} {m.Count()}")));
        Assert.InRange(municipalities.Count, 20, 35);
        Assert.InRange(regional, 40, pages.Count / 5);
    }

    [Fact]
    public void Organisation_ids_and_municipalities_do_not_depend_on_the_page_count()
    {
        var small = new DemoPageSource(new DemoSourceOptions { PageCount = 100 }).ListPages().ToDictionary(page => page.Key);
        var full = region.Source.ListPages().Where(page => small.ContainsKey(page.Key)).ToList();
        Assert.Equal(small.Count, full.Count);
        Assert.All(full, page => Assert.Equal((small[page.Key].OrganisationId, small[page.Key].Municipality), (page.OrganisationId, page.Municipality)));
    }
}
