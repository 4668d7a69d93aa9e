using GosAnalytics.Core.Scoring;
using Microsoft.Extensions.Configuration;

namespace GosAnalytics.Core.Tests.Scoring;

public sealed class IndexOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_weights_and_are_valid()
    {
        var options = new IndexOptions();

        Assert.Equal(0.20, options.Weights[IndexComponents.Engagement]);
        Assert.Equal(0.15, options.Weights[IndexComponents.Reach]);
        Assert.Equal(0.15, options.Weights[IndexComponents.Activity]);
        Assert.Equal(0.20, options.Weights[IndexComponents.Responsiveness]);
        Assert.Equal(0.05, options.Weights[IndexComponents.Growth]);
        Assert.Equal(0.10, options.Weights[IndexComponents.Compliance]);
        Assert.Equal(0.15, options.Weights[IndexComponents.ContentQuality]);
        Assert.Equal(1.0, options.Weights.Values.Sum(), 1e-12); // 0.20 × 2 + 0.15 × 3 + 0.05 + 0.10
        Assert.Equal((10, 3.0, 1.0, 24.0), (options.MinPeerGroupSize, options.PostingNormPerWeek, options.AnswerTimeTargetHours, options.AnswerTimeLimitHours));
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Every_default_weight_names_a_known_component()
    {
        Assert.All(new IndexOptions().Weights.Keys, name => Assert.Contains(name, IndexComponents.All));
    }

    [Fact]
    public void An_unknown_component_name_is_reported()
    {
        var options = new IndexOptions();
        options.Weights["likes"] = 0.1;

        Assert.Contains(options.Validate(), e => e.Contains("likes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_or_non_finite_weight_is_reported()
    {
        var options = new IndexOptions();
        options.Weights[IndexComponents.Reach] = -0.2;
        options.Weights[IndexComponents.Growth] = double.NaN;

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains(IndexComponents.Reach, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(IndexComponents.Growth, StringComparison.Ordinal));
    }

    [Fact]
    public void All_zero_weights_are_reported()
    {
        var options = new IndexOptions();
        foreach (var name in IndexComponents.All)
        {
            options.Weights[name] = 0;
        }

        Assert.Contains(options.Validate(), e => e.Contains("all zero", StringComparison.Ordinal));
    }

    [Fact]
    public void Out_of_range_settings_are_reported()
    {
        var options = new IndexOptions { MinPeerGroupSize = 0, PostingNormPerWeek = 0, AnswerTimeTargetHours = 30, AnswerTimeLimitHours = 24 };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains(nameof(IndexOptions.MinPeerGroupSize), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(IndexOptions.PostingNormPerWeek), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(IndexOptions.AnswerTimeLimitHours), StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_overrides_single_weights_case_insensitively_and_keeps_the_other_defaults()
    {
        // What the app setting Index__Weights__Engagement=0.5 becomes once environment variables are read.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Index:Weights:Engagement"] = "0.5",
                ["Index:MinPeerGroupSize"] = "20",
            })
            .Build();
        var options = new IndexOptions();

        configuration.GetSection(IndexOptions.SectionName).Bind(options);

        Assert.Equal(7, options.Weights.Count);
        Assert.Equal(0.5, options.Weights[IndexComponents.Engagement]);
        Assert.Equal(0.15, options.Weights[IndexComponents.Reach]);
        Assert.Equal(20, options.MinPeerGroupSize);
        Assert.Empty(options.Validate());
    }
}
