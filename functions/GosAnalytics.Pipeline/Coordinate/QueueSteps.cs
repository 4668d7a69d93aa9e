using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline.Coordinate;

/// <summary>
/// Runs one message of a queue-triggered step, as every stage function does: a body that is not a message of the step goes to the
/// step's poison queue at once (retrying cannot help) and the function succeeds; a failure of the step is recorded against its batch
/// (<see cref="RunFailures.RecordErrorAsync"/>) and thrown again, so that the queue retries it and, after the last delivery, moves it
/// to the poison queue, whose function names that error.
/// </summary>
public sealed class QueueSteps(WorkQueue queue, RunFailures failures, ILogger<QueueSteps> logger)
{
    public async Task RunAsync<T>(string queueName, string body, Func<T, CancellationToken, Task> step, CancellationToken cancellationToken)
        where T : class, IRunMessage
    {
        ArgumentNullException.ThrowIfNull(step);
        T message;
        try
        {
            message = PipelineMessages.Parse<T>(body);
        }
        catch (InvalidDataException unreadable)
        {
            logger.LogError("A message on {Queue} cannot be read; it goes to {PoisonQueue} at once: {Problem}", queueName, StorageNames.PoisonQueue(queueName), unreadable.Message);
            await queue.SendToPoisonAsync(queueName, body, cancellationToken);
            return;
        }

        try
        {
            await step(message, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await failures.RecordErrorAsync(queueName, message, error, cancellationToken);
            throw;
        }
    }
}
