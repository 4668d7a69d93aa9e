using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Core.Tests.Scoring;

public sealed class RegionSummariesTests
{
    [Fact]
    public void Answered_share_is_pooled_over_comments_not_averaged_over_pages()
    {
        // Page a answers 2 of 2, page b 0 of 98: the mean of the pages' shares would be 50 %, the pooled share is 2 %.
        var region = SummaryOf(
            Scored("a", index: 50, citizenComments: 2, answeredComments: 2),
            Scored("b", index: 60, citizenComments: 98, answeredComments: 0),
            Scored("c", index: 70));

        Assert.Equal(100, region.CitizenComments);
        Assert.Equal(2, region.AnsweredComments);
        Assert.Equal(0.02, region.AnsweredShare!.Value, 1e-12);
    }

    [Fact]
    public void Answered_share_is_null_when_nobody_commented()
    {
        var region = SummaryOf(Scored("a", index: 50), Scored("b", index: 60));

        Assert.Null(region.AnsweredShare);
        Assert.Null(RegionSummaries.PooledShare(0, 0));
    }

    [Fact]
    public void Median_index_of_an_even_count_is_the_mean_of_the_middle_two_and_the_mean_index_is_the_plain_mean()
    {
        var region = SummaryOf(Scored("a", index: 10), Scored("b", index: 20), Scored("c", index: 30.02), Scored("d", index: 89.98));

        Assert.Equal(25.01, region.MedianIndex, 1e-9); // (20 + 30.02) ÷ 2
        Assert.Equal(37.5, region.MeanIndex, 1e-9); // 150 ÷ 4
    }

    [Fact]
    public void Median_index_of_an_odd_count_is_the_middle_value_whatever_the_outliers()
    {
        var region = SummaryOf(Scored("a", index: 0), Scored("b", index: 41.5), Scored("c", index: 100));

        Assert.Equal(41.5, region.MedianIndex, 1e-9);
    }

    [Fact]
    public void Component_medians_use_only_the_pages_that_have_the_component()
    {
        var region = SummaryOf(
            Scored("a", index: 50, components: new() { [IndexComponents.Activity] = 10, [IndexComponents.Responsiveness] = 80 }),
            Scored("b", index: 50, components: new() { [IndexComponents.Activity] = 20 }),
            Scored("c", index: 50, components: new() { [IndexComponents.Activity] = 60 }));

        Assert.Equal(20, region.MedianComponents[IndexComponents.Activity], 1e-9);
        Assert.Equal(80, region.MedianComponents[IndexComponents.Responsiveness], 1e-9); // not the median of 80 and two zeros
        Assert.False(region.MedianComponents.ContainsKey(IndexComponents.Growth));
    }

    [Fact]
    public void Active_pages_label_share_and_posting_median_count_every_page()
    {
        var region = SummaryOf(
            Scored("a", index: 50, posts: 0, label: false),
            Scored("b", index: 50, posts: 3),
            Scored("c", index: 50, posts: 7),
            Scored("d", index: 50, posts: 14, label: false));

        Assert.Equal(4, region.Pages);
        Assert.Equal(3, region.ActivePages);
        Assert.Equal(0.5, region.GovernmentLabelShare, 1e-12);
        Assert.Equal(5, region.MedianPostsPerWeek, 1e-12); // (3 + 7) ÷ 2, a week: posts per week = posts
        Assert.Equal(24, region.Posts);
    }

    [Fact]
    public void The_label_share_leaves_out_MAX_channels_whose_label_no_API_shows()
    {
        var region = SummaryOf(
            Scored("vk-labelled", index: 50),
            Scored("vk-plain", index: 50, label: false),
            Scored("max-a", index: 50, label: false, platform: Platform.Max),
            Scored("max-b", index: 50, label: false, platform: Platform.Max));

        Assert.Equal(4, region.Pages);
        Assert.Equal(0.5, region.GovernmentLabelShare, 1e-12); // 1 of the 2 VK pages; the channels count in neither
    }

    [Fact]
    public void Breakdowns_by_kind_and_platform_partition_the_region_s_pages()
    {
        var region = Summarise(
            Scored("a", index: 10, kind: OrganisationKind.Education, platform: Platform.Vk),
            Scored("b", index: 30, kind: OrganisationKind.Education, platform: Platform.Telegram),
            Scored("c", index: 50, kind: OrganisationKind.Culture, platform: Platform.Vk),
            Scored("d", index: 70, kind: OrganisationKind.Education, platform: Platform.Vk));

        Assert.Equal(region.Summary.Pages, region.ByKind.Sum(k => k.Pages));
        Assert.Equal(region.Summary.Pages, region.ByPlatform.Sum(p => p.Pages));
        var education = region.ByKind.Single(k => k.Kind == OrganisationKind.Education);
        Assert.Equal(3, education.Pages);
        Assert.Equal(30, education.MedianIndex, 1e-9);
        Assert.Equal("Образование", education.KindName);
        Assert.Equal([Platform.Vk, Platform.Telegram], region.ByPlatform.Select(p => p.Platform));
        Assert.Equal(50, region.ByPlatform[0].MedianIndex, 1e-9);
    }

    [Fact]
    public void Regions_are_listed_best_median_index_first_with_their_reference_names()
    {
        var summaries = RegionSummaries.Build([
            Scored("a", index: 40, region: 28),
            Scored("b", index: 60, region: 28),
            Scored("c", index: 70, region: 77),
            Scored("d", index: 30, region: 27),
        ]);

        Assert.Equal([77, 28, 27], summaries.Select(s => s.Summary.RegionCode));
        var amur = summaries[1].Summary;
        Assert.Equal("Амурская область", amur.RegionName);
        Assert.Equal(FederalDistrict.FarEastern, amur.FederalDistrict);
        Assert.Equal("Дальневосточный федеральный округ", amur.FederalDistrictName);
        Assert.Equal(2, amur.Pages);
        Assert.Equal(50, amur.MedianIndex, 1e-9);
    }

    [Fact]
    public void By_municipality_gives_pages_median_index_and_component_medians_with_regional_pages_last()
    {
        var entry = Summarise(
            Scored("a", index: 40, municipality: "город Белогорск"),
            Scored("b", index: 60, municipality: "город Белогорск", posts: 0),
            Scored("c", index: 70, municipality: "Архаринский муниципальный округ"),
            Scored("d", index: 30));

        Assert.Equal(
            [("Архаринский муниципальный округ", 1, 1, 70.0), ("город Белогорск", 2, 1, 50.0), (null, 1, 1, 30.0)],
            entry.ByMunicipality!.Select(m => (m.Municipality, m.Pages, m.ActivePages, m.MedianIndex)));
        Assert.Equal(50, entry.ByMunicipality![1].MedianComponents[IndexComponents.Activity]);
        Assert.Equal(entry.Summary.Pages, entry.ByMunicipality.Sum(m => m.Pages));

        // A registry without municipalities has nothing to break down.
        Assert.Empty(Summarise(Scored("a", index: 40), Scored("b", index: 60)).ByMunicipality!);
    }

    [Fact]
    public void Organisations_combine_their_pages_by_the_plain_mean_and_are_ranked_by_it()
    {
        var organisations = Organisations.Build(
        [
            Scored("1", index: 80, organisation: "org-a", subscribers: 10_000, municipality: "город Белогорск"),
            Scored("2", index: 40, organisation: "org-a", subscribers: 100, platform: Platform.Telegram),
            Scored("3", index: 65, organisation: "org-b", organisationName: "Школа № 3"),
            Scored("4", index: 90),
            Scored("5", index: 65.004, organisation: "org-0", platform: Platform.Ok),
        ]);

        // 60 = (80 + 40) ÷ 2, whatever the audiences; a tie (65.00) goes to the id first in ordinal order; a page without an id is in none.
        Assert.Equal([("org-0", 65.0), ("org-b", 65.0), ("org-a", 60.0)], organisations.Select(o => (o.OrganisationId, o.CombinedIndex)));
        var a = organisations[2];
        Assert.Equal(("Страница 1", "город Белогорск", 28), (a.Name, a.Municipality, a.RegionCode));
        Assert.Equal([Platform.Vk, Platform.Telegram], a.Pages.Select(p => p.Platform));
        Assert.Equal("Школа № 3", organisations[1].Name);
    }

    private static RegionSummaryEntry Summarise(params ScoredPage[] pages) => Assert.Single(RegionSummaries.Build(pages));

    private static RegionSummary SummaryOf(params ScoredPage[] pages) => Summarise(pages).Summary;

    private static ScoredPage Scored(
        string pageId,
        double index,
        int region = 28,
        int posts = 7,
        bool label = true,
        int citizenComments = 0,
        int answeredComments = 0,
        OrganisationKind kind = OrganisationKind.Education,
        Platform platform = Platform.Vk,
        Dictionary<string, double>? components = null,
        string? municipality = null,
        string? organisation = null,
        long subscribers = 5_000,
        string? organisationName = null)
    {
        var metrics = ScoringTestData.PageWith(pageId, platform, kind: kind, posts: posts);
        metrics = metrics with
        {
            Page = metrics.Page with
            {
                RegionCode = region, HasGovernmentLabel = label, Municipality = municipality, OrganisationId = organisation, OrganisationName = organisationName, Subscribers = subscribers,
            },
            CitizenComments = citizenComments,
            AnsweredComments = answeredComments,
            AnsweredShare = citizenComments > 0 ? (double)answeredComments / citizenComments : null,
        };
        var scores = components ?? new Dictionary<string, double> { [IndexComponents.Activity] = index };
        return new ScoredPage(metrics, "vk|1k-10k|education", scores, index, scores.Keys.ToList());
    }
}
