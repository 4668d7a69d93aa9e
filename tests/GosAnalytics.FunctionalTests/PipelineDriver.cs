using Azure.Data.Tables;
using GosAnalytics.Functions;
using GosAnalytics.Functions.Stages;
using GosAnalytics.Pipeline.Aggregate;
using GosAnalytics.Pipeline.Collect;
using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Score;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The pipeline's services on an Azurite account, driven message by message: a test decides how often each message is
/// delivered, which is how duplicates and retries are simulated without timing games.
/// </summary>
public sealed class PipelineDriver : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public PipelineDriver(string connectionString, int pageCount, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = connectionString,
            ["Demo:RegionCode"] = "28",
            ["Demo:PageCount"] = pageCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        services = collection.AddGosAnalytics(configuration).BuildServiceProvider();
    }

    public StorageClients Storage => services.GetRequiredService<StorageClients>();

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Takes every message now in <paramref name="queue"/> off it (deleting them), returning their bodies.</summary>
    public async Task<IReadOnlyList<string>> TakeAllAsync(string queue)
    {
        var client = Storage.Queue(queue);
        var bodies = new List<string>();
        while (true)
        {
            var messages = (await client.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return bodies;
            }

            foreach (var message in messages)
            {
                bodies.Add(message.MessageText);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Runs a day through every step, each message once, in queue order.</summary>
    public async Task RunDayAsync(DateOnly metricDay, bool rerun)
    {
        await Get<RunCoordinator>().StartAsync(metricDay, "test", rerun, CancellationToken.None);
        while (await TakeAllAsync(StorageNames.CollectQueue) is { Count: > 0 } collects)
        {
            foreach (var collect in collects)
            {
                await CollectAsync(collect);
            }

            foreach (var score in await TakeAllAsync(StorageNames.ScoreQueue))
            {
                await ScoreAsync(score);
            }
        }

        foreach (var aggregate in await TakeAllAsync(StorageNames.AggregateQueue))
        {
            await AggregateAsync(aggregate);
        }
    }

    public Task CollectAsync(string body) => Get<BatchCollector>().CollectAsync(PipelineMessages.Parse<CollectMessage>(body), CancellationToken.None);

    public Task ScoreAsync(string body) => Get<BatchScorer>().ScoreAsync(PipelineMessages.Parse<ScoreMessage>(body), CancellationToken.None);

    public Task AggregateAsync(string body) => Get<RunAggregator>().AggregateAsync(PipelineMessages.Parse<AggregateMessage>(body), CancellationToken.None);

    /// <summary>One delivery of <paramref name="body"/> to the collect function, as the queue trigger makes it.</summary>
    public Task CollectFunctionAsync(string body) => new CollectBatch(Get<QueueSteps>(), Get<BatchCollector>()).Run(body, CancellationToken.None);

    /// <summary>One delivery of <paramref name="body"/> to the score function, as the queue trigger makes it.</summary>
    public Task ScoreFunctionAsync(string body) => new ScoreBatch(Get<QueueSteps>(), Get<BatchScorer>()).Run(body, CancellationToken.None);

    /// <summary>One delivery of <paramref name="body"/> to the function on <paramref name="queue"/>'s poison queue.</summary>
    public Task PoisonedAsync(string queue, string body)
    {
        var functions = new PoisonedMessages(Get<RunFailures>());
        return queue switch
        {
            StorageNames.CollectQueue => functions.CollectAsync(body, CancellationToken.None),
            StorageNames.ScoreQueue => functions.ScoreAsync(body, CancellationToken.None),
            _ => functions.AggregateAsync(body, CancellationToken.None),
        };
    }

    /// <summary>Every row of a table without its service-stamped Timestamp and ETag, in key order, as comparable text.</summary>
    public async Task<IReadOnlyList<string>> DumpTableAsync(string table)
    {
        var rows = new List<string>();
        await foreach (var entity in Storage.Table(table).QueryAsync<TableEntity>())
        {
            var cells = entity.Keys
                .Where(k => k is not ("Timestamp" or "odata.etag"))
                .Order(StringComparer.Ordinal)
                .Select(k => $"{k}={Format(entity[k])}");
            rows.Add(string.Join("|", cells));
        }

        return rows.Order(StringComparer.Ordinal).ToList();
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        DateTimeOffset time => time.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}
