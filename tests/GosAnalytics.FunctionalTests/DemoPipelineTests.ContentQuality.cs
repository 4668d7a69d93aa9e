using System.Net.Http.Json;
using System.Text.Json;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Storage;

namespace GosAnalytics.FunctionalTests;

public sealed partial class DemoPipelineTests
{
    [Fact]
    public async Task The_model_endpoint_names_the_model_the_run_was_scored_with_and_its_metrics_and_features()
    {
        var run = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var model = await pipeline.Http.GetFromJsonAsync<JsonElement>("model");

        var version = model.GetProperty("version").GetString();
        Assert.Matches("^cq-[0-9a-f]{12}$", version);
        Assert.Equal(version, run.GetProperty("contentModelVersion").GetString());
        Assert.Equal("bundled", model.GetProperty("source").GetString());
        Assert.True(model.GetProperty("trainedAt").GetDateTimeOffset() < DateTimeOffset.UtcNow);
        var metrics = model.GetProperty("metrics");
        Assert.True(metrics.GetProperty("rmse").GetDouble() < metrics.GetProperty("baselineRmse").GetDouble());
        Assert.InRange(metrics.GetProperty("spearman").GetDouble(), 0.05, 1);
        var features = model.GetProperty("topFeatures").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("feature").GetString())));
        Assert.Equal(JsonValueKind.Null, model.GetProperty("refused").ValueKind);
    }

    [Fact]
    public async Task Every_scored_post_carries_its_content_score_and_its_page_the_model_version()
    {
        var version = (await pipeline.Http.GetFromJsonAsync<JsonElement>("model")).GetProperty("version").GetString();
        var run = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var runId = run.GetProperty("runId").GetString()!;
        var blobs = new JsonBlobStore(pipeline.Storage);
        var scores = new List<double>();
        for (var batch = 0; batch < run.GetProperty("batches").GetProperty("total").GetInt32(); batch++)
        {
            var content = await blobs.ReadAsync<ScoredContent>(StorageNames.ScoredContainer, StorageNames.ScoredContentBlob(runId, batch), CancellationToken.None);
            scores.AddRange(content!.Pages.SelectMany(p => p.Posts).Select(p => p.Post.ContentScore!.Value));
            var metrics = await blobs.ReadAsync<ScoredBatch>(StorageNames.ScoredContainer, StorageNames.ScoredBatchBlob(runId, batch), CancellationToken.None);
            Assert.All(metrics!.Pages.Where(p => p.Posts > 0), p => Assert.Equal(version, p.ContentModelVersion));
        }

        Assert.NotEmpty(scores);
        Assert.All(scores, score => Assert.InRange(score, -5, 5));
        Assert.True(scores.Distinct().Count() > scores.Count / 10, "scores should vary from post to post");
    }

    [Fact]
    public async Task Rankings_sort_by_content_quality_and_show_the_median_post_score()
    {
        var ranking = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?sort=contentQuality&period=month&top=500");

        var items = ranking.GetProperty("items").EnumerateArray().ToList();
        var scores = items.Select(i => i.GetProperty("components").GetProperty(IndexComponents.ContentQuality).GetDouble()).ToList();
        Assert.Equal("contentQuality", ranking.GetProperty("sort").GetString());
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(items.Where(i => i.GetProperty("metrics").GetProperty("posts").GetInt32() > 0), i =>
        {
            Assert.Contains(IndexComponents.ContentQuality, i.GetProperty("indexComponents").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal(JsonValueKind.Number, i.GetProperty("metrics").GetProperty("contentQuality").ValueKind);
        });
    }

    [Fact]
    public async Task Content_quality_rises_with_how_well_the_generator_runs_each_page()
    {
        var (ranking, truth) = await MonthlyRankingWithHiddenQualityAsync();
        var pairs = ranking.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("metrics").GetProperty("contentQuality").ValueKind == JsonValueKind.Number)
            .Select(i => (Content: i.GetProperty("metrics").GetProperty("contentQuality").GetDouble(), Quality: truth[(i.GetProperty("platform").GetString()!, i.GetProperty("pageId").GetString()!)]))
            .ToList();

        // Better-run pages write more good posts and fewer officialese ones (docs/demo-data.md), which the model sees.
        var correlation = Correlation.Spearman(pairs.Select(p => p.Content).ToList(), pairs.Select(p => p.Quality).ToList());
        Assert.True(correlation > 0.3, $"Spearman correlation of the median content score and hidden page quality is {correlation:F2}.");
    }
}
