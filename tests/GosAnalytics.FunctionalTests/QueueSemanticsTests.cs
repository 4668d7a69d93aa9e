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

    [Theory]
    [InlineData(StorageNames.CollectQueue, "not json")]
    [InlineData(StorageNames.ScoreQueue, "")]
    [InlineData(StorageNames.CollectQueue, "{\"runId\":")]
    [InlineData(StorageNames.ScoreQueue, "huge")]
    public async Task Message_that_no_function_can_read_ends_in_the_poison_queue_and_the_host_keeps_serving(string queueName, string body)
    {
        // The largest message a queue takes: 64 KB once Base64-encoded.
        body = body == "huge" ? new string('x', 48 * 1024) : body;
        var queue = pipeline.Storage.Queue(queueName);
        var poison = pipeline.Storage.Queue(StorageNames.PoisonQueue(queueName));
        var sent = (await queue.SendMessageAsync(body)).Value.MessageId;

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!(await poison.PeekMessagesAsync(32)).Value.Any(m => m.MessageText == body) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Contains((await poison.PeekMessagesAsync(32)).Value, m => m.MessageText == body);
        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.MessageId == sent);
        var run = await DemoPipelineFixture.WaitForCompletedRunAsync(pipeline.Http, TimeSpan.FromSeconds(30));
        Assert.Equal("completed", run.GetProperty("status").GetString());
    }
}
