using GosAnalytics.Pipeline.Runs;
using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>POST /api/runs</c> (admin key): refresh a metric day now; a completed day runs again as a new attempt.</summary>
public sealed class StartRun(RunCoordinator coordinator, RunStatusService status, TimeProvider clock)
{
    [Function(nameof(StartRun))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "runs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var start = await StartRunRequest.ParseAsync(request, clock.GetUtcNow(), errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var run = await coordinator.StartAsync(start.MetricDay, "http", rerunCompleted: true, cancellationToken);
        return new AcceptedResult("/api/runs/latest", await status.DescribeAsync(run, cancellationToken));
    }
}
