using GosAnalytics.Pipeline.Domain;
using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/regions/{code}</c>: one region's summary, its top pages and its breakdowns by kind and platform.</summary>
public sealed class GetRegion(RegionService regions)
{
    [Function(nameof(GetRegion))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "regions/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = RegionDetailQuery.Parse(code, request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var lookup = await regions.GetAsync(query, cancellationToken);
        if (!lookup.RunCompleted)
        {
            return Problems.NotFound("No run has completed yet; regional summaries appear after the first daily run.");
        }

        return lookup.Detail is null
            ? Problems.NotFound($"Region {query.Code} ({Regions.Get(query.Code).RussianName}) has no pages in the latest completed run.")
            : new OkObjectResult(lookup.Detail);
    }
}
