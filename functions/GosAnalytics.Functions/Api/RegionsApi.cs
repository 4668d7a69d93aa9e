using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/regions</c> and <c>GET /api/regions/{code}</c>: regional summaries, one region's top pages and breakdowns.</summary>
public sealed class RegionsApi(RegionService regions)
{
    private const string NoRunYet = "No run has completed yet; regional summaries appear after the first daily run.";

    /// <summary>Summaries of every region in the latest run, best median index first.</summary>
    [Function("GetRegions")]
    public async Task<IActionResult> GetRegionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "regions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = new RegionListQuery(ParsePeriod(request.Query, errors));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var response = await regions.ListAsync(query, cancellationToken);
        return response is null ? Problems.NotFound(NoRunYet) : new OkObjectResult(response);
    }

    /// <summary>One region's summary, its top pages and its breakdowns by kind and platform.</summary>
    [Function("GetRegion")]
    public async Task<IActionResult> GetRegionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "regions/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        if (!Regions.TryParseCode(code?.Trim(), out var regionCode))
        {
            errors.Add("code", QueryParameters.RegionError("Route parameter", "code", code ?? ""));
        }

        var query = new RegionDetailQuery(regionCode, ParsePeriod(request.Query, errors));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var lookup = await regions.GetAsync(query, cancellationToken);
        if (!lookup.RunCompleted)
        {
            return Problems.NotFound(NoRunYet);
        }

        return lookup.Detail is null
            ? Problems.NotFound($"Region {query.Code} ({Regions.Get(query.Code).RussianName}) has no pages in the latest completed run.")
            : new OkObjectResult(lookup.Detail);
    }

    private static Period ParsePeriod(IQueryCollection query, ParameterErrors errors) =>
        QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;
}
