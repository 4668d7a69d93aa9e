using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace GosAnalytics.Storage;

/// <summary>
/// The Azure Storage clients of the process: created once, here only, and shared (Azure SDK clients are thread-safe).
/// Queue clients always Base64-encode, because the Functions queue trigger expects Base64; <see cref="UndecodedQueue"/> reads a
/// queue's messages as they are stored, for a listener that decodes them itself (as the Functions host does) and must survive one
/// that is not Base64.
/// </summary>
public sealed class StorageClients
{
    /// <summary>The connection the Functions host uses for its own triggers; the pipeline uses the same account.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    private readonly QueueServiceClient? undecodedQueues;

    public StorageClients(
        BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables, StorageOperationCounter? operations = null, QueueServiceClient? undecodedQueues = null)
    {
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
        Operations = operations ?? new StorageOperationCounter();
        this.undecodedQueues = undecodedQueues;
    }

    /// <summary>What the clients sent, by stage and kind (see <see cref="StorageOperationCounter"/>).</summary>
    public StorageOperationCounter Operations { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>A queue whose messages are sent and received exactly as stored (no Base64): for the local host's queue listener.</summary>
    public QueueClient UndecodedQueue(string name) =>
        (undecodedQueues ?? throw new InvalidOperationException("These storage clients were created without an undecoded queue client.")).GetQueueClient(name);

    public static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public static StorageClients FromConnectionString(string connectionString)
    {
        var operations = new StorageOperationCounter();
        return new StorageClients(
            new BlobServiceClient(connectionString, Counted(new BlobClientOptions(), operations, StorageService.Blob)),
            new QueueServiceClient(connectionString, Counted(QueueOptions(), operations, StorageService.Queue)),
            new TableServiceClient(connectionString, Counted(new TableClientOptions(), operations, StorageService.Table)),
            operations,
            new QueueServiceClient(connectionString, Counted(new QueueClientOptions(), operations, StorageService.Queue)));
    }

    /// <summary>
    /// Reads the connection like the Functions host does: either a connection string in <c>AzureWebJobsStorage</c>,
    /// or identity-based settings <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__queueServiceUri</c> / <c>__tableServiceUri</c>
    /// (with optional <c>__clientId</c> for a user-assigned managed identity).
    /// </summary>
    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return FromConnectionString(connectionString);
            }
            catch (FormatException error)
            {
                // The SDK's message names what is wrong, never the string: the string holds the account key.
                throw new InvalidOperationException($"Setting '{ConnectionName}' is not a valid storage connection string: {error.Message}", error);
            }
        }

        var section = configuration.GetSection(ConnectionName);
        var blobUri = section["blobServiceUri"];
        var queueUri = section["queueServiceUri"];
        var tableUri = section["tableServiceUri"];
        if (string.IsNullOrWhiteSpace(blobUri) || string.IsNullOrWhiteSpace(queueUri) || string.IsNullOrWhiteSpace(tableUri))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string, or set " +
                $"'{ConnectionName}__blobServiceUri', '{ConnectionName}__queueServiceUri' and '{ConnectionName}__tableServiceUri'.");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        var operations = new StorageOperationCounter();
        return new StorageClients(
            new BlobServiceClient(new Uri(blobUri), credential, Counted(new BlobClientOptions(), operations, StorageService.Blob)),
            new QueueServiceClient(new Uri(queueUri), credential, Counted(QueueOptions(), operations, StorageService.Queue)),
            new TableServiceClient(new Uri(tableUri), credential, Counted(new TableClientOptions(), operations, StorageService.Table)),
            operations,
            new QueueServiceClient(new Uri(queueUri), credential, Counted(new QueueClientOptions(), operations, StorageService.Queue)));
    }

    private static T Counted<T>(T options, StorageOperationCounter operations, StorageService service)
        where T : Azure.Core.ClientOptions
    {
        options.AddPolicy(operations.PolicyFor(service), Azure.Core.HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Creates every container, table and queue (with its poison twin). Idempotent; run once at start, never per invocation.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        tasks.AddRange(StorageNames.Containers.Select(name => Container(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        tasks.AddRange(StorageNames.Tables.Select(name => Table(name).CreateIfNotExistsAsync(cancellationToken)));
        foreach (var queue in StorageNames.Queues)
        {
            tasks.Add(Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            tasks.Add(Queue(StorageNames.PoisonQueue(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }

        await Task.WhenAll(tasks);
    }
}
