using GosAnalytics.Storage;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host's queue listeners behave as the Functions host's: a failing message is retried, then poisoned.</summary>
public sealed class QueueSemanticsTests(DemoPipelineFixture pipeline) : IClassFixture<DemoPipelineFixture>
{
    [Fact]
    public async Task Message_that_always_fails_moves_to_the_poison_queue_after_five_dequeues()
    {
        var queue = pipeline.Storage.Queue(StorageNames.AggregateQueue);
        var poison = pipeline.Storage.Queue(StorageNames.PoisonQueue(StorageNames.AggregateQueue));
        var body = "this is not an aggregate message";
        await queue.SendMessageAsync(body);

        var deadline = DateTime.UtcNow.AddMinutes(1);
        string? poisoned = null;
        while (poisoned is null && DateTime.UtcNow < deadline)
        {
            var peeked = (await poison.PeekMessagesAsync(32)).Value;
            poisoned = peeked.Select(m => m.MessageText).FirstOrDefault(text => text == body);
            await Task.Delay(200);
        }

        Assert.Equal(body, poisoned);
        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.MessageText == body);
    }
}
