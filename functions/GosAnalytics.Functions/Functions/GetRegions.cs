using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/regions</c>: summaries of every region in the latest run, best median index first.</summary>
public sealed class GetRegions(RegionService regions)
{
    [Function(nameof(GetRegions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "regions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = RegionListQuery.Parse(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var response = await regions.ListAsync(query, cancellationToken);
        return response is null
            ? Problems.NotFound("No run has completed yet; regional summaries appear after the first daily run.")
            : new OkObjectResult(response);
    }
}
