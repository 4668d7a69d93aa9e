using System.Net.Http.Json;
using System.Text.Json;
using GosAnalytics.Storage;

namespace GosAnalytics.FunctionalTests;

/// <summary>The local host's queue listeners run the poison functions too: what reaches a poison queue is handled, not left there.</summary>
public sealed class QueueSemanticsTests(DemoPipelineFixture pipeline) : IClassFixture<DemoPipelineFixture>
{
    [Theory]
    [InlineData(StorageNames.CollectQueue, "not json")]
    [InlineData(StorageNames.ScoreQueue, "")]
    [InlineData(StorageNames.CollectQueue, "{\"runId\":")]
    [InlineData(StorageNames.ScoreQueue, "huge")]
    [InlineData(StorageNames.AggregateQueue, "this is not an aggregate message")]
    public async Task A_message_that_cannot_be_read_leaves_its_queue_through_the_poison_function_and_changes_no_run(string queueName, string body)
    {
        // The largest message a queue takes: 64 KB once Base64-encoded.
        body = body == "huge" ? new string('x', 48 * 1024) : body;
        var before = await pipeline.Http.GetFromJsonAsync<JsonElement>("runs/latest");
        var queue = pipeline.Storage.Queue(queueName);
        var poison = pipeline.Storage.Queue(StorageNames.PoisonQueue(queueName));
        await queue.SendMessageAsync(body);

        // The count includes messages in flight: the step sends the message to poison before it deletes it from its queue, so the
        // sum stays above zero until the poison function has taken it off.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && await CountAsync(queue) + await CountAsync(poison) > 0)
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, await CountAsync(queue));
        Assert.Equal(0, await CountAsync(poison));
        var poisonOfPoison = pipeline.Storage.Queue(StorageNames.PoisonQueue(StorageNames.PoisonQueue(queueName)));
        Assert.False(await poisonOfPoison.ExistsAsync() && await CountAsync(poisonOfPoison) > 0, "The poison function failed on the message.");
        var after = await DemoPipelineFixture.WaitForCompletedRunAsync(pipeline.Http, TimeSpan.FromSeconds(30));
        Assert.Equal(
            (before.GetProperty("runId").GetString(), before.GetProperty("status").GetString(), before.GetProperty("completedAt").GetString()),
            (after.GetProperty("runId").GetString(), after.GetProperty("status").GetString(), after.GetProperty("completedAt").GetString()));
    }

    private static async Task<int> CountAsync(Azure.Storage.Queues.QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
