using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The run's progress shards on a real table: counts that repeats, races and attempts cannot corrupt.</summary>
public sealed class RunProgressStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private RunProgressStore Progress => new(azurite.Storage);

    [Fact]
    public async Task A_batch_marked_twice_counts_once()
    {
        var run = NewRun();
        var outcome = new BatchOutcome(25, 1, 300, [new SkippedPage(Platform.Vk, "1", "deleted", Permanent: true)], ["no user token"]);

        var first = await Progress.MarkAsync(run, 1, ProgressStep.Collect, 3, 40, outcome, CancellationToken.None);
        var second = await Progress.MarkAsync(run, 1, ProgressStep.Collect, 3, 40, outcome, CancellationToken.None);

        Assert.True(first.Newly);
        Assert.False(second.Newly);
        var progress = await Progress.ReadAsync(run, 1, CancellationToken.None);
        Assert.Equal((1, 0, 25, 1, 300), (progress.Collected, progress.Scored, progress.PagesCollected, progress.PagesSkipped, progress.Posts));
        Assert.Equal(["no user token"], progress.Notices);
        Assert.Equal(3, Assert.Single(progress.Skipped).BatchIndex);
    }

    [Fact]
    public async Task Batches_marked_concurrently_are_all_counted_and_each_shard_completes_once_all_its_batches_are_in()
    {
        var run = NewRun();
        const int Batches = 100;
        var marks = await Task.WhenAll(Enumerable.Range(0, Batches)
            .Select(index => Task.Run(() => Progress.MarkAsync(run, 1, ProgressStep.Score, index, Batches, null, CancellationToken.None))));

        Assert.All(marks, mark => Assert.True(mark.Newly));
        Assert.Equal(Batches, (await Progress.ReadAsync(run, 1, CancellationToken.None)).Scored);

        // Whichever order they finished in, the last batch into each shard saw the shard complete; the others did not.
        Assert.Equal(RunProgressStore.Shards, marks.Count(mark => mark.ShardComplete));
        for (var shard = 0; shard < RunProgressStore.Shards; shard++)
        {
            Assert.Equal((Batches - shard - 1) / RunProgressStore.Shards + 1, RunProgressStore.BatchesInShard(Batches, shard));
        }
    }

    [Fact]
    public async Task A_new_attempt_counts_from_zero_and_the_old_attempts_marks_do_not_leak_into_it()
    {
        var run = NewRun();
        await Progress.MarkAsync(run, 1, ProgressStep.Score, 0, 2, null, CancellationToken.None);
        await Progress.MarkAsync(run, 1, ProgressStep.Score, 1, 2, null, CancellationToken.None);

        var mark = await Progress.MarkAsync(run, 2, ProgressStep.Score, 1, 2, null, CancellationToken.None);

        Assert.True(mark.Newly);
        Assert.Equal(1, (await Progress.ReadAsync(run, 2, CancellationToken.None)).Scored);
        Assert.Equal(1, (await Progress.ReadAsync(run, 1, CancellationToken.None)).Scored); // shard 1 now belongs to attempt 2
    }

    [Fact]
    public async Task The_report_lists_the_skipped_pages_of_the_lowest_batches_whatever_order_they_arrive_in()
    {
        var run = NewRun();
        var batches = Enumerable.Range(0, RunProgressStore.SkippedListedPerShard + 10).Select(i => i * RunProgressStore.Shards).ToList(); // all in shard 0
        foreach (var batch in batches.AsEnumerable().Reverse())
        {
            var skipped = new SkippedPage(Platform.Ok, $"page{batch}", "closed");
            await Progress.MarkAsync(run, 1, ProgressStep.Collect, batch, batches[^1] + 1, new BatchOutcome(0, 1, 0, [skipped], []), CancellationToken.None);
        }

        var progress = await Progress.ReadAsync(run, 1, CancellationToken.None);
        Assert.Equal(batches.Count, progress.PagesSkipped);
        Assert.Equal(batches.Take(RunProgressStore.SkippedListedPerShard), progress.Skipped.Select(s => s.BatchIndex));
    }

    private static string NewRun() => $"test-{Guid.NewGuid():N}";
}
