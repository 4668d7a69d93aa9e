using GosAnalytics.Pipeline.Coordinate;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/runs/latest</c> and <c>POST /api/runs</c>: pipeline status and a manual refresh.</summary>
public sealed class RunsApi(RunCoordinator coordinator, RunStatusService status, AnswerCache answers, TimeProvider clock)
{
    /// <summary>How long a progress report is fresh: polling clients (the dashboard, scripts) cost one read of the run per second at most.</summary>
    private static readonly TimeSpan StatusLifetime = TimeSpan.FromSeconds(1);

    /// <summary>Status and progress of the most recent run.</summary>
    [Function("GetLatestRun")]
    public async Task<IActionResult> GetLatestRunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/latest")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        QueryParameters.OnlyKnown(request.Query, errors);
        return errors.Any
            ? errors.ToProblem()
            : await answers.ServeForAsync(
                request,
                StatusLifetime,
                async ct => await status.GetLatestAsync(ct) is { } latest ? Answer.Json(latest) : null,
                () => Problems.NotFound("No run has started yet."),
                cancellationToken);
    }

    /// <summary>Admin key: refresh a metric day now; a completed day runs again as a new attempt.</summary>
    [Function("StartRun")]
    public async Task<IActionResult> StartRunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "runs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var start = await StartRunRequest.ParseAsync(request, clock.GetUtcNow(), errors, cancellationToken);
        if (start.Rejection is not null || errors.Any)
        {
            return start.Rejection ?? errors.ToProblem();
        }

        var run = await coordinator.StartAsync(start.MetricDay, "http", rerunCompleted: true, cancellationToken);
        return new AcceptedResult("/api/runs/latest", await status.DescribeAsync(run, cancellationToken));
    }
}
