using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>How a finished run is judged: completed, partial or failed, and whether its coverage lets it be served.</summary>
public sealed class RunOutcomeTests
{
    private const double Threshold = 0.8;
    private static readonly DateTimeOffset FinishedAt = new(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);
    private static readonly RunEntity Run = new() { RowKey = "2026-11-20", MetricDay = "2026-11-20", Attempt = 2, PageCount = 100, BatchCount = 4 };

    [Fact]
    public void A_run_that_collected_every_planned_page_is_completed_and_served()
    {
        var outcome = Decide(collected: 100);

        Assert.Equal((RunPhase.Completed, true, 1.0), (outcome.Status, outcome.Served, outcome.Coverage));
        Assert.Empty(outcome.Problems);
        Assert.Equal(("2026-11-20", 2, new DateOnly(2026, 11, 20)), (outcome.RunId, outcome.Attempt, outcome.MetricDay));
    }

    [Fact]
    public void Pages_the_platform_reports_gone_for_good_neither_make_the_run_partial_nor_count_against_its_coverage()
    {
        var outcome = Decide(collected: 97, skipped: [.. Skipped(3, permanent: true)]);

        Assert.Equal((RunPhase.Completed, true, 1.0, 3), (outcome.Status, outcome.Served, outcome.Coverage, outcome.PagesSkipped));
    }

    [Fact]
    public void A_run_with_nothing_collected_fails_and_is_not_served_whatever_the_threshold()
    {
        var outcome = RunOutcomes.Decide(Run, Tally(collected: 0, skipped: [.. Skipped(100, permanent: false)]), minCoverage: 0, FinishedAt);

        Assert.Equal((RunPhase.Failed, false), (outcome.Status, outcome.Served));
        Assert.Equal([RunProblemCode.NothingCollected, RunProblemCode.PagesSkipped], outcome.Problems.Select(p => p.Code));
        Assert.Contains("refused", outcome.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_over_an_empty_registry_fails_saying_there_was_nothing_to_collect()
    {
        var outcome = RunOutcomes.Decide(new RunEntity { RowKey = "2026-11-20", MetricDay = "2026-11-20", Attempt = 1 }, new RunTally(0, 0, [], 0, [], 0, []), Threshold, FinishedAt);

        Assert.Equal((RunPhase.Failed, false, 0.0), (outcome.Status, outcome.Served, outcome.Coverage));
        Assert.Equal(RunProblemCode.NoPages, Assert.Single(outcome.Problems).Code);
    }

    [Theory]
    [InlineData(80, true)]
    [InlineData(79, false)]
    public void A_partial_run_is_served_at_or_above_the_threshold_and_kept_back_below_it(int collected, bool served)
    {
        var outcome = Decide(collected, skipped: [.. Skipped(100 - collected, permanent: false)]);

        Assert.Equal((RunPhase.Partial, served), (outcome.Status, outcome.Served));
        Assert.Equal(collected / 100.0, outcome.Coverage, 6);
        Assert.Equal(served ? [RunProblemCode.PagesSkipped] : [RunProblemCode.BelowCoverage, RunProblemCode.PagesSkipped], outcome.Problems.Select(p => p.Code));
    }

    [Fact]
    public void Failed_batches_make_the_run_partial_and_the_first_one_is_named_with_its_step_and_reason()
    {
        var failed = new FailedBatch(3, FailedStep.Score, "score failed on every delivery: InvalidDataException: Blob is not readable.");

        var outcome = RunOutcomes.Decide(Run, new RunTally(100, 90, [], 4, [failed], 1, ["VK: token service-1 was refused."]), Threshold, FinishedAt);

        Assert.Equal((RunPhase.Partial, true, 1), (outcome.Status, outcome.Served, outcome.BatchesFailed));
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(RunProblemCode.BatchesFailed, problem.Code);
        Assert.Contains("1 of 4 batches", problem.Message, StringComparison.Ordinal);
        Assert.Contains("batch 3 (score)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("not readable", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["VK: token service-1 was refused."], outcome.Notices);
    }

    [Fact]
    public void A_failed_aggregation_fails_the_run_with_the_error()
    {
        var progress = new RunProgress(4, 4, 100, 0, 900, [], ["OK: note"]);

        var outcome = RunOutcomes.AggregationFailed(Run, progress, "IOException: disk full", Threshold, FinishedAt);

        Assert.Equal((RunPhase.Failed, false, 100), (outcome.Status, outcome.Served, outcome.PagesCollected));
        Assert.Equal(RunProblemCode.AggregationFailed, Assert.Single(outcome.Problems).Code);
        Assert.Contains("disk full", outcome.Problems[0].Message, StringComparison.Ordinal);
    }

    private static RunOutcome Decide(int collected, IReadOnlyList<SkippedPage>? skipped = null) =>
        RunOutcomes.Decide(Run, Tally(collected, skipped ?? []), Threshold, FinishedAt);

    private static RunTally Tally(int collected, IReadOnlyList<SkippedPage> skipped) => new(100, collected, skipped, 4, [], 0, []);

    private static IEnumerable<SkippedPage> Skipped(int count, bool permanent) =>
        Enumerable.Range(0, count).Select(i => new SkippedPage(Platform.Vk, $"{500 + i}", permanent ? "VK community was deleted" : "VK refused every token (error 5)", permanent));
}
