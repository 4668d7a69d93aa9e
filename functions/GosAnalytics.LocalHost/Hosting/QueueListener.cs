using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GosAnalytics.Storage;
using Microsoft.Extensions.Options;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Runs one queue-triggered function with the Functions host's semantics: polls with back-off, holds a renewed lease while the
/// function runs, deletes on success, makes a failed message visible again after <c>visibilityTimeout</c>, and moves it to
/// <c>&lt;queue&gt;-poison</c> once it has been dequeued <c>maxDequeueCount</c> times. A message that is not Base64 goes to
/// <c>&lt;queue&gt;-poison</c> at once, unchanged, as the host moves a message it cannot decode. Storage outages wait on
/// <see cref="StorageRecovery"/>; nothing a message holds or storage does stops the listener. On a clean stop, messages still
/// running are given back to the queue at once.
/// </summary>
internal sealed class QueueListener(
    FunctionDefinition function,
    StorageClients storage,
    FunctionInvoker invoker,
    StorageRecovery recovery,
    IOptions<LocalHostOptions> options,
    ILogger<QueueListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a stopping host tries to give a running message back before leaving it to its lease.</summary>
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        // Messages as stored: this listener decodes each itself, so that one which is not Base64 fails alone.
        var queue = storage.UndecodedQueue(function.QueueName!);
        var poison = storage.UndecodedQueue(StorageNames.PoisonQueue(function.QueueName!));

        // As the host: up to batchSize + newBatchThreshold (batchSize / 2 × cores) messages in flight.
        var capacity = settings.QueueBatchSize + (settings.QueueBatchSize / 2 * Environment.ProcessorCount);
        using var slots = new SemaphoreSlim(capacity, capacity);
        var inFlight = new List<Task>();
        var delay = MinPollingInterval;
        logger.LogInformation("Listening to queue {Queue} for function {Function}", function.QueueName, function.Name);
        await ReportLeasedMessagesAsync(queue, settings, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            var lossToken = recovery.LossToken;
            try
            {
                await recovery.WhenAvailableAsync(stoppingToken);
                lossToken = recovery.LossToken;
                var free = Math.Min(settings.QueueBatchSize, slots.CurrentCount);
                messages = free == 0 ? [] : (await queue.ReceiveMessagesAsync(free, settings.MessageLease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (recovery.Report(error))
            {
                // Storage is away or lost this queue: the recovery says so once, and the next poll waits until it is back.
                messages = [];
            }
            catch (RequestFailedException error)
            {
                logger.LogWarning("Polling queue {Queue} failed ({Cause}); retrying", function.QueueName, StorageFailures.Describe(error));
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
                try
                {
                    await slots.WaitAsync(stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    // Stopping before this message started: give it back.
                    await ReleaseAsync(queue, message.MessageId, message.PopReceipt);
                    continue;
                }

                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await ProcessAsync(queue, poison, message, settings, lossToken, stoppingToken);
                    }
                    catch (Exception error) when (stoppingToken.IsCancellationRequested || recovery.Report(error))
                    {
                        // Stopping, or storage went away while the outcome was recorded: the message returns when its lease lapses.
                    }
                    catch (Exception error)
                    {
                        logger.LogError(error, "Queue {Queue}: handling message {MessageId} failed; it returns when its lease lapses", queue.Name, message.MessageId);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }

            inFlight.RemoveAll(task => task.IsCompleted);
        }

        // On shutdown, unfinished messages are given back (ProcessAsync); a crash leaves them leased until the lease lapses.
        await Task.WhenAll(inFlight);
    }

    /// <param name="lossToken">Cancelled when the storage the message came from is found to have lost its data (<see cref="StorageRecovery.LossToken"/>).</param>
    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, LocalHostOptions settings, CancellationToken lossToken, CancellationToken stoppingToken)
    {
        using var running = recovery.Running();
        if (!TryDecode(message.Body, out var text))
        {
            logger.LogWarning("Message {MessageId} of queue {Queue} is not Base64, so no function can read it; moving it to {PoisonQueue} now",
                message.MessageId, queue.Name, poison.Name);
            try
            {
                await MoveToPoisonAsync(queue, poison, message, message.PopReceipt);
            }
            catch (RequestFailedException error) when (IsLeaseLost(error))
            {
                // Another delivery of it took it meanwhile and moves it.
            }

            return;
        }

        var receipt = new LeaseReceipt(message.PopReceipt);
        using var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(queue, message.MessageId, receipt, settings.MessageLease, renewal.Token);
        Exception? failure = null;
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lossToken);
        try
        {
            await invoker.InvokeAsync(function, text, new Dictionary<string, object?>(), invocation.Token);
        }
        catch (Exception error)
        {
            failure = error;
        }

        await renewal.CancelAsync();
        await renewing;
        if (failure is not null && lossToken.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Storage lost its data while this message was received or run. A message of the lost storage went with it (giving it back
            // fails, harmlessly); one received from the new storage with the token of the old was cut short before it did anything, and
            // is given back now rather than when its lease lapses.
            logger.LogInformation("Function {Function} on message {MessageId} was cut short: storage lost its data meanwhile", function.Name, message.MessageId);
            await ReleaseAsync(queue, message.MessageId, receipt.Value);
            return;
        }

        if (failure is not null && stoppingToken.IsCancellationRequested)
        {
            // Stopping: the function was cut short. Give the message back now rather than when its lease lapses.
            await ReleaseAsync(queue, message.MessageId, receipt.Value);
            return;
        }

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
                await MoveToPoisonAsync(queue, poison, message, receipt.Value);
            }
            else if (recovery.Report(failure))
            {
                // Storage went away under the function: the recovery has said why, once; no stack trace per message.
                logger.LogInformation("Function {Function} could not reach storage for message {MessageId}; it runs again when storage is back",
                    function.Name, message.MessageId);
                await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
            else
            {
                logger.LogWarning(failure, "Function {Function} failed on message {MessageId} (dequeue {DequeueCount} of {Max}); it will be retried",
                    function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
                await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (RequestFailedException error) when (IsLeaseLost(error))
        {
            // The lease was lost (the message became visible and someone else took it); their outcome stands.
            logger.LogWarning("Message {MessageId} of queue {Queue} was no longer leased by this host", message.MessageId, queue.Name);
        }
    }

    /// <summary>The message is gone or has a newer pop receipt: its lease lapsed and another delivery took it.</summary>
    private static bool IsLeaseLost(RequestFailedException error) =>
        (error.Status == 404 && StorageFailures.Classify(error) == StorageFailureKind.None) || error.ErrorCode == "PopReceiptMismatch";

    /// <summary>The message's text as the Functions host binds it: Base64-decoded UTF-8. False when it is not Base64.</summary>
    internal static bool TryDecode(BinaryData body, [NotNullWhen(true)] out string? text)
    {
        var stored = body.ToString();
        var bytes = new byte[((stored.Length / 4) + 1) * 3];
        if (Convert.TryFromBase64String(stored, bytes, out var length))
        {
            text = Encoding.UTF8.GetString(bytes, 0, length);
            return true;
        }

        text = null;
        return false;
    }

    /// <summary>Copies the message unchanged to the poison queue (created when missing, as the host does), then deletes it.</summary>
    private static async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt)
    {
        try
        {
            await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException error) when (StorageFailures.Classify(error) == StorageFailureKind.MissingResource)
        {
            // A poison queue the pipeline does not create at start (a poison queue's own poison queue).
            await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        }

        await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
    }

    /// <summary>Makes a message visible again now; when storage does not answer at once, its lease lapses as after a crash.</summary>
    private static async Task ReleaseAsync(QueueClient queue, string messageId, string popReceipt)
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: timeout.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or RequestFailedException || StorageFailures.Classify(error) != StorageFailureKind.None)
        {
            // It returns when its lease lapses.
        }
    }

    /// <summary>
    /// Says at start when messages of the queue are invisible: leased by a host that stopped without finishing them (they return
    /// when that lease lapses) or waiting out a retry delay. Exact while fewer than 32 messages are visible.
    /// </summary>
    private async Task ReportLeasedMessagesAsync(QueueClient queue, LocalHostOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            await recovery.WhenAvailableAsync(stoppingToken);
            var count = (await queue.GetPropertiesAsync(stoppingToken)).Value.ApproximateMessagesCount;
            var visible = count == 0 ? 0 : (await queue.PeekMessagesAsync(32, stoppingToken)).Value.Length;
            if (visible < 32 && count > visible)
            {
                logger.LogWarning(
                    "Queue {Queue} holds {Count} messages that are not visible yet: leased by a host that stopped before finishing them, or waiting to be retried. " +
                    "They return within {Wait} (LocalHost:MessageLease, or VisibilityTimeout for a retry) and run then",
                    queue.Name, count - visible, settings.MessageLease > settings.VisibilityTimeout ? settings.MessageLease : settings.VisibilityTimeout);
            }
        }
        catch (Exception error) when (stoppingToken.IsCancellationRequested || recovery.Report(error) || error is RequestFailedException)
        {
            // Stopping, or storage is away (the recovery says so): nothing to report.
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The function finished.
        }
        catch (Exception error) when (recovery.Report(error) || error is RequestFailedException)
        {
            logger.LogWarning("Could not renew the lease of message {MessageId} on {Queue} ({Cause}); another delivery may run it again",
                messageId, queue.Name, StorageFailures.Describe(error));
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
