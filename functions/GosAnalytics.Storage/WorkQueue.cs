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

    private async Task SendAsync<T>(string queue, T message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(message, JsonConventions.Options);
        await clients.Queue(queue).SendMessageAsync(body, cancellationToken);
    }
}
