using System.Net.Http.Json;
using System.Text.Json;
using GosAnalytics.Storage;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host's queue listeners run the poison functions too: what reaches a poison queue is handled, not left there.</summary>
public sealed class QueueSemanticsTests(DemoPipelineFixture pipeline) : IClassFixture<DemoPipelineFixture>
{
    [Fact]
    public async Task A_message_that_cannot_be_read_leaves_its_queue_for_the_poison_function_which_takes_it_off_and_changes_no_run()
    {
        var before = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var queue = pipeline.Storage.Queue(StorageNames.AggregateQueue);
        var poison = pipeline.Storage.Queue(StorageNames.AggregatePoisonQueue);
        await queue.SendMessageAsync("this is not an aggregate message");

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline
            && ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 || (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0))
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var after = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        Assert.Equal(
            (before.GetProperty("runId").GetString(), before.GetProperty("status").GetString(), before.GetProperty("completedAt").GetString()),
            (after.GetProperty("runId").GetString(), after.GetProperty("status").GetString(), after.GetProperty("completedAt").GetString()));
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
