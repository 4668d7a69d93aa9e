using GosAnalytics.ContentQuality;
using GosAnalytics.ContentQuality.Training;
using Microsoft.ML;

namespace GosAnalytics.ContentQuality.Tests.Training;

public sealed class ContentQualityTrainerTests
{
    private static readonly TrainerSettings Quick = new(Seed: 7, Trees: 60, Leaves: 8, MinExamplesPerLeaf: 10);

    [Fact]
    public void Training_twice_on_the_same_posts_with_the_same_seed_gives_the_same_model()
    {
        var examples = EngagementLabel.Label(SyntheticPages(pages: 30, seed: 1));

        var first = ContentQualityTrainer.Score(new MLContext(7), ContentQualityTrainer.Train(new MLContext(7), examples, Quick), examples);
        var second = ContentQualityTrainer.Score(new MLContext(7), ContentQualityTrainer.Train(new MLContext(7), examples, Quick), examples);

        Assert.Equal(first, second);
    }

    [Fact]
    public void On_pages_it_never_saw_the_model_ranks_posts_by_their_content_effect_and_beats_the_baseline()
    {
        var examples = EngagementLabel.Label(SyntheticPages(pages: 80, seed: 2));
        var train = examples.Where(e => !PageSplit.IsTest(e.Outcome.PageKey, 0.25, 3)).ToList();
        var test = examples.Where(e => PageSplit.IsTest(e.Outcome.PageKey, 0.25, 3)).ToList();
        var ml = new MLContext(7);

        var model = ContentQualityTrainer.Train(ml, train, Quick);
        var evaluation = ModelEvaluation.Of(ContentQualityTrainer.Score(ml, model, test), [.. test.Select(e => e.Label)]);

        Assert.DoesNotContain(test, e => train.Any(t => t.Outcome.PageKey == e.Outcome.PageKey));
        Assert.True(evaluation.Spearman > 0.5, $"Spearman {evaluation.Spearman:F2}");
        Assert.True(evaluation.Rmse < evaluation.BaselineRmse, $"RMSE {evaluation.Rmse:F3} vs baseline {evaluation.BaselineRmse:F3}");
        Assert.True(evaluation.RSquared > 0.2, $"R² {evaluation.RSquared:F2}");
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties_and_is_zero_for_a_constant_sample()
    {
        Assert.Equal(1, Correlation.Spearman([1, 2, 2, 3], [10, 20, 20, 30]), 10);
        Assert.Equal(-1, Correlation.Spearman([1, 2, 3], [3, 2, 1]), 10);
        Assert.Equal(0, Correlation.Spearman([1, 1, 1], [1, 2, 3]));
    }

    /// <summary>
    /// Pages of very different audiences whose posts do better with photos and a question to readers, worse as long
    /// officialese: the content effect the label should carry whatever the page's size.
    /// </summary>
    private static IEnumerable<PostOutcome> SyntheticPages(int pages, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);
        for (var page = 0; page < pages; page++)
        {
            var views = (long)Math.Pow(10, 2 + (random.NextDouble() * 3));
            var baseRate = 0.01 + (random.NextDouble() * 0.04);
            for (var post = 0; post < 20; post++)
            {
                var photos = random.Next(0, 3);
                var asks = random.NextDouble() < 0.4;
                var officialese = random.NextDouble() < 0.3;
                var text = officialese
                    ? "В соответствии с утверждённым регламентом осуществления мероприятий по обеспечению реализации государственной программы информируем о нижеследующем."
                    : asks ? "Друзья, в субботу открываем новый сквер! Придёте на праздник?" : "Открыли новый сквер у школы.";
                var effect = Math.Exp((0.35 * photos) + (asks ? 0.5 : 0) - (officialese ? 0.6 : 0) + (0.15 * (random.NextDouble() - 0.5)));
                var likes = (long)Math.Round(views * baseRate * effect);
                var content = new PostContent(text, photos, 0, 0, 0, 0, 0, IsRepost: false, IsBroadcast: false, start.AddHours((post * 13) + page));
                yield return new PostOutcome($"vk_{page}", $"{post:D3}", content, views, likes, 0, 0);
            }
        }
    }
}
