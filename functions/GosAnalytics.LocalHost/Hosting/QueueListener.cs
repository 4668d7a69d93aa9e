using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GosAnalytics.Storage;
using Microsoft.Extensions.Options;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Runs one queue-triggered function with the Functions host's semantics: polls with back-off, holds a renewed lease while the
/// function runs, deletes on success, makes a failed message visible again after <c>visibilityTimeout</c>, and moves it to
/// <c>&lt;queue&gt;-poison</c> once it has been dequeued <c>maxDequeueCount</c> times.
/// </summary>
internal sealed class QueueListener(
    FunctionDefinition function,
    StorageClients storage,
    FunctionInvoker invoker,
    IOptions<LocalHostOptions> options,
    ILogger<QueueListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var queue = storage.Queue(function.QueueName!);
        var poison = storage.Queue(StorageNames.PoisonQueue(function.QueueName!));

        // As the host: up to batchSize + newBatchThreshold (batchSize / 2 × cores) messages in flight.
        var capacity = settings.QueueBatchSize + (settings.QueueBatchSize / 2 * Environment.ProcessorCount);
        using var slots = new SemaphoreSlim(capacity, capacity);
        var inFlight = new List<Task>();
        var delay = MinPollingInterval;
        logger.LogInformation("Listening to queue {Queue} for function {Function}", function.QueueName, function.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                var free = Math.Min(settings.QueueBatchSize, slots.CurrentCount);
                messages = free == 0 ? [] : (await queue.ReceiveMessagesAsync(free, settings.MessageLease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException error)
            {
                logger.LogWarning(error, "Polling queue {Queue} failed; retrying", function.QueueName);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await DelayAsync(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            delay = MinPollingInterval;
            foreach (var message in messages)
            {
                await slots.WaitAsync(stoppingToken);
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await ProcessAsync(queue, poison, message, settings, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }

            inFlight.RemoveAll(task => task.IsCompleted);
        }

        // On shutdown, unfinished messages keep their lease and come back after it lapses, as after a crash.
        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, LocalHostOptions settings, CancellationToken stoppingToken)
    {
        var receipt = new LeaseReceipt(message.PopReceipt);
        using var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(queue, message.MessageId, receipt, settings.MessageLease, renewal.Token);
        Exception? failure = null;
        try
        {
            await invoker.InvokeAsync(function, message.MessageText, new Dictionary<string, object?>(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await renewal.CancelAsync();
            await renewing;
            return;
        }
        catch (Exception error)
        {
            failure = error;
        }

        await renewal.CancelAsync();
        await renewing;
        try
        {
            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
                return;
            }

            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                logger.LogError(failure, "Function {Function} failed on message {MessageId} for the {DequeueCount}th time; moving it to {PoisonQueue}",
                    function.Name, message.MessageId, message.DequeueCount, poison.Name);
                await poison.SendMessageAsync(message.MessageText, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
            }
            else
            {
                logger.LogWarning(failure, "Function {Function} failed on message {MessageId} (dequeue {DequeueCount} of {Max}); it will be retried",
                    function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
                await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            // The lease was lost (the message became visible and someone else took it); their outcome stands.
            logger.LogWarning("Message {MessageId} of queue {Queue} was no longer leased by this host", message.MessageId, queue.Name);
        }
    }

    private async Task RenewLeaseAsync(QueueClient queue, string messageId, LeaseReceipt receipt, TimeSpan lease, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromTicks(Math.Max(lease.Ticks / 2, TimeSpan.FromMilliseconds(500).Ticks));
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                var updated = await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: lease, cancellationToken: cancellationToken);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
            // The function finished.
        }
        catch (RequestFailedException error)
        {
            logger.LogWarning(error, "Could not renew the lease of message {MessageId} on {Queue}", messageId, queue.Name);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>The pop receipt changes on every lease renewal; completion must use the newest.</summary>
    private sealed class LeaseReceipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
