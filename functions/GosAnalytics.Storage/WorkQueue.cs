using System.Text.Json;
using GosAnalytics.Core.Json;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Storage;

/// <summary>Sends pipeline messages. The queue clients Base64-encode (see <see cref="StorageClients"/>), as the Functions trigger expects.</summary>
public sealed class WorkQueue(StorageClients clients)
{
    public Task SendAsync(CollectMessage message, CancellationToken cancellationToken) =>
        SendAsync(StorageNames.CollectQueue, message, cancellationToken);

    public Task SendAsync(ScoreMessage message, CancellationToken cancellationToken) =>
        SendAsync(StorageNames.ScoreQueue, message, cancellationToken);

    public Task SendAsync(AggregateMessage message, CancellationToken cancellationToken) =>
        SendAsync(StorageNames.AggregateQueue, message, cancellationToken);

    /// <summary>Puts a body that cannot be processed on <paramref name="queue"/>'s poison queue as it is (retrying it cannot help).</summary>
    public async Task SendToPoisonAsync(string queue, string body, CancellationToken cancellationToken) =>
        await clients.Queue(StorageNames.PoisonQueue(queue)).SendMessageAsync(body, cancellationToken);

    /// <summary>True when any queue of the daily run holds a message, visible or leased (an approximate count, one request per queue).</summary>
    public async Task<bool> HasWorkAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in StorageNames.Queues)
        {
            if ((await clients.Queue(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount > 0)
            {
                return true;
            }
        }

        return false;
    }

    private async Task SendAsync<T>(string queue, T message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(message, JsonConventions.Options);
        await clients.Queue(queue).SendMessageAsync(body, cancellationToken);
    }
}
