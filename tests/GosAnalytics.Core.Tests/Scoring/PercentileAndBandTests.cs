using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Core.Tests.Scoring;

public sealed class PercentileAndBandTests
{
    [Fact]
    public void Mid_rank_percentile_averages_the_ranks_of_ties()
    {
        double[] sorted = [1.0, 2.0, 2.0, 3.0];
        var scores = new double[sorted.Length];

        MidRankPercentile.ScoreSorted(sorted, scores);

        Assert.Equal(0, scores[0], 1e-12); // r 1 → 100 × 0 / 3
        Assert.Equal(50, scores[1], 1e-12); // ranks 2 and 3 → r 2.5 → 100 × 1.5 / 3
        Assert.Equal(50, scores[2], 1e-12);
        Assert.Equal(100, scores[3], 1e-12); // r 4 → 100 × 3 / 3
    }

    [Fact]
    public void Mid_rank_percentile_of_identical_values_or_a_single_value_is_50()
    {
        double[] sorted = [0.3, 0.3, 0.3];
        var scores = new double[3];

        MidRankPercentile.ScoreSorted(sorted, scores);

        Assert.All(scores, s => Assert.Equal(50, s, 1e-12)); // r = (1 + 2 + 3) / 3 = 2 → 100 × 1 / 2
        Assert.Equal(50, MidRankPercentile.OfRun(below: 0, tied: 1, count: 1), 1e-12); // a group of one
    }

    [Fact]
    public void Mid_rank_percentile_of_a_run_follows_the_formula()
    {
        // 10 values, 3 below, a tie of 4: ranks 4..7 → r 5.5 → 100 × 4.5 / 9 = 50.
        Assert.Equal(50, MidRankPercentile.OfRun(below: 3, tied: 4, count: 10), 1e-12);
        // 10 values, 8 below, a tie of 2: ranks 9, 10 → r 9.5 → 100 × 8.5 / 9 = 94.444…
        Assert.Equal(94.4444444444, MidRankPercentile.OfRun(below: 8, tied: 2, count: 10), 1e-9);
    }

    [Theory]
    [InlineData(0, "<1k")]
    [InlineData(999, "<1k")]
    [InlineData(1_000, "1k-10k")]
    [InlineData(9_999, "1k-10k")]
    [InlineData(10_000, "10k-100k")]
    [InlineData(99_999, "10k-100k")]
    [InlineData(100_000, "100k+")]
    [InlineData(5_000_000, "100k+")]
    public void Audience_bands_include_their_lower_bound(long subscribers, string band)
    {
        Assert.Equal(band, AudienceBands.Of(subscribers));
    }

    [Fact]
    public void Peer_group_names_use_codes_and_a_star_for_any()
    {
        Assert.Equal("vk|1k-10k|education", PeerGroups.Name(Platform.Vk, AudienceBands.From1KTo10K, OrganisationKind.Education));
        Assert.Equal("ok|100k+|*", PeerGroups.Name(Platform.Ok, AudienceBands.From100K, null));
        Assert.Equal("telegram|*|*", PeerGroups.Name(Platform.Telegram, null, null));
    }

    [Fact]
    public void Index_components_are_listed_in_the_documented_order()
    {
        Assert.Equal(["engagement", "reach", "activity", "responsiveness", "growth", "compliance", "contentQuality"], IndexComponents.All);
    }
}
