using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/runs/latest</c>: status and progress of the most recent run.</summary>
public sealed class GetLatestRun(RunStatusService status)
{
    [Function(nameof(GetLatestRun))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/latest")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var latest = await status.GetLatestAsync(cancellationToken);
        return latest is null ? Problems.NotFound("No run has started yet.") : new OkObjectResult(latest);
    }
}
