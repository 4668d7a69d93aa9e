using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>A small share of the synthetic country through the whole pipeline on Azurite: every region is ranked, nationally and on its own.</summary>
public sealed class CountryPipelineTests : IAsyncLifetime
{
    private static readonly DateOnly MetricDay = new(2026, 11, 20);
    private readonly AzuriteFixture azurite = new();
    private PipelineDriver driver = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        driver = new PipelineDriver(azurite.ConnectionString, pageCount: 1, new Dictionary<string, string?>
        {
            ["Demo:Regions"] = "all",
            ["Demo:PageShare"] = "0.003",
        });
        await driver.RunDayAsync(MetricDay, rerun: false);
    }

    public async Task DisposeAsync()
    {
        await driver.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Every_region_of_the_country_is_ranked_in_the_national_table_and_in_its_own()
    {
        var run = await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(MetricDay), CancellationToken.None);
        Assert.Equal(RunPhase.Completed, run!.Phase);
        var reader = driver.Get<RankingReader>();
        var latest = (await reader.GetLatestAsync(CancellationToken.None))!;
        var national = (await reader.GetRankingTableAsync(latest, Period.Week, null, CancellationToken.None))!;

        Assert.Equal(run.PageCount, national.Count);
        Assert.Equal(Regions.All.Select(r => r.Code), national.RegionCodes.Distinct().Order());
        foreach (var region in Regions.All)
        {
            var table = (await reader.GetRankingTableAsync(latest, Period.Week, region.Code, CancellationToken.None))!;
            var positions = Enumerable.Range(0, national.Count).Where(i => national.RegionCodes[i] == region.Code).ToList();
            Assert.Equal(positions.Select(i => national.PageIds[i]), table.PageIds);
            Assert.Equal(positions.Select(i => i + 1), table.NationalRanks);
            Assert.All(table.NationalRanks, rank => Assert.InRange(rank, 1, table.NationalTotal));
        }
    }

    [Fact]
    public async Task Batches_never_mix_regions_and_the_region_summaries_cover_the_country()
    {
        var run = (await driver.Get<RunStore>().GetRunAsync(RunCoordinator.RunIdOf(MetricDay), CancellationToken.None))!;
        Assert.Equal(run.BatchCount, run.BatchRanges.Sum(range => range.Count));
        Assert.Equal(Regions.All.Count, run.BatchRanges.Select(range => range.Region).Distinct().Count());

        var summaries = await driver.Get<RegionService>().ListAsync(new RegionListQuery(Period.Month), CancellationToken.None);
        Assert.Equal(Regions.All.Count, summaries!.Page.Total);
        Assert.Equal(run.PageCount, summaries.Page.Items.Sum(r => r.Summary.Pages));
        Assert.True(summaries.Page.Items.Select(r => r.Summary.MedianIndex).Distinct().Count() > 10, "Regions differ.");
    }

    [Fact]
    public async Task The_country_top_posts_are_the_best_of_the_regions_top_posts()
    {
        var reader = driver.Get<RankingReader>();
        var latest = (await reader.GetLatestAsync(CancellationToken.None))!;
        var national = (await reader.GetContentTableAsync(latest, Period.Month, null, CancellationToken.None))!;
        var regional = new List<ContentPostEntry>();
        foreach (var region in Regions.All)
        {
            var table = (await reader.GetContentTableAsync(latest, Period.Month, region.Code, CancellationToken.None))!;
            regional.AddRange(Enumerable.Range(0, table.PostCount).Select(table.PostAt));
        }

        foreach (var sort in EnumCodes.All<ContentSort>())
        {
            var expected = TopContent.Order(regional, sort).Take(TopContent.MaxPlaces).Select(p => p.Post.PostId);
            Assert.Equal(expected, national.OrderOf(sort).Take(TopContent.MaxPlaces).Select(position => national.PostIds[position]));
        }
    }
}
