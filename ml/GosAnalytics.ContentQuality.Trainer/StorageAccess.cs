using System.CommandLine;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GosAnalytics.ContentQuality.Registry;
using GosAnalytics.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>
/// One storage account named by an option (<c>--storage</c>, <c>--registry-storage</c>): clients with short retries, so an
/// unreachable account fails in seconds instead of the SDK's minutes, and every failure turned into one line and exit code 3.
/// Messages name the option, never the connection string, which may hold an account key.
/// </summary>
internal sealed class StorageAccess
{
    private StorageAccess(string option, StorageClients clients)
    {
        Option = option;
        Clients = clients;
    }

    /// <summary>The option the account came from, e.g. <c>--registry-storage</c>: what messages name.</summary>
    public string Option { get; }

    public StorageClients Clients { get; }

    /// <summary>
    /// The account of <paramref name="option"/>: its <paramref name="value"/>, or when given without one, <c>AzureWebJobsStorage</c>
    /// from the environment or <c>local.settings.json</c> (its <c>Values</c>), as the local host reads it.
    /// </summary>
    public static StorageAccess Open(string option, string? value)
    {
        var connectionString = value ?? FromConfiguration()
            ?? throw CliFailure.Usage($"{option} needs a connection string, or set {StorageClients.ConnectionName} in the environment or local.settings.json.");
        try
        {
            return new StorageAccess(option, Create(connectionString));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The parser's message may quote the string, and with it an account key: say only what is expected.
            throw CliFailure.BadInput(
                $"the value of {option} is not a storage connection string (expected DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…, " +
                "a SAS connection string or UseDevelopmentStorage=true).");
        }
    }

    /// <summary>A model registry on this account; registry logs would only repeat what the CLI prints.</summary>
    public ModelRegistry Registry() =>
        new(Clients, new JsonBlobStore(Clients), TimeProvider.System, NullLogger<ModelRegistry>.Instance);

    /// <summary>Checks the account answers (and whether <paramref name="container"/> exists) before any real work.</summary>
    public Task<bool> ProbeAsync(string container, CancellationToken cancellationToken) =>
        CallAsync(async ct => (await Clients.Container(container).ExistsAsync(ct)).Value, cancellationToken);

    /// <summary>Runs a storage call; a failure to reach or use the account becomes <see cref="CliFailure"/> with exit code 3.</summary>
    public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsStorageFailure(e))
        {
            throw new CliFailure(ExitCodes.RuntimeFailure, $"storage of {Option} is not reachable or refused the request: {StorageFailures.Describe(e)}");
        }
    }

    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or HttpRequestException or IOException or OperationCanceledException or TimeoutException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsStorageFailure));

    private static string? FromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var value = configuration[StorageClients.ConnectionName] ?? configuration[$"Values:{StorageClients.ConnectionName}"];
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static StorageClients Create(string connectionString)
    {
        static T Short<T>(T options)
            where T : ClientOptions
        {
            // Two quick tries: a closed port or a wrong host answers in well under a second, and a silent one within the timeout.
            options.Retry.MaxRetries = 1;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            return options;
        }

        return new StorageClients(
            new BlobServiceClient(connectionString, Short(new BlobClientOptions())),
            new QueueServiceClient(connectionString, Short(StorageClients.QueueOptions())),
            new TableServiceClient(connectionString, Short(new TableClientOptions())));
    }
}

/// <summary>An option naming a storage account (<c>--storage</c>, <c>--registry-storage</c>), with or without a connection string.</summary>
internal sealed class StorageOption(string name, string description, bool required = false)
{
    public Option<string?> Option { get; } = CliOptions.OptionalValue(name, "CONNECTION", description, required);

    public bool IsGiven(ParseResult line) => line.IsGiven(Option);

    public StorageAccess Open(ParseResult line) => StorageAccess.Open(Option.Name, line.GetValue(Option));
}
