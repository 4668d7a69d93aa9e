using GosAnalytics.Pipeline.Registry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Functions.Stages;

/// <summary>
/// Every 10 seconds, development only: when <c>Max:PollUpdates</c> is on, reads the MAX bot's updates by long polling and records
/// its channel events (<see cref="MaxUpdatePoller"/>). Off by default; production uses the webhook (<c>POST /api/max/webhook</c>).
/// </summary>
public sealed class PollMaxUpdates(MaxUpdatePoller poller, ILogger<PollMaxUpdates> logger)
{
    public const string Schedule = "*/10 * * * * *";

    [Function(nameof(PollMaxUpdates))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await poller.PollAsync(cancellationToken);
        if (result.Skipped is not null)
        {
            logger.LogDebug("MAX long-poll skipped: {Reason}", result.Skipped);
        }
    }
}
