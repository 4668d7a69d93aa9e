using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>GET /api/regions</c> and <c>GET /api/regions/{code}</c>: regional summaries, one region's top pages and breakdowns;
/// <c>GET /api/regions/{code}/history</c>: the region's summary on every served day.
/// </summary>
public sealed class RegionsApi(RegionService regions, HistoryService histories, AnswerCache answers)
{
    /// <summary>Summaries of every region in the served run, best median index first.</summary>
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

        return await answers.ServeAsync(
            request,
            async () => await regions.ListAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
            () => Problems.NoRunServed(null),
            cancellationToken);
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

        var runCompleted = true;
        return await answers.ServeAsync(
            request,
            async () =>
            {
                var lookup = await regions.GetAsync(query, cancellationToken);
                runCompleted = lookup.RunCompleted;
                return lookup.Detail is { } detail ? Answer.Json(detail) : null;
            },
            () => runCompleted
                ? Problems.NotFound($"Region {query.Code} ({Regions.Get(query.Code).RussianName}) has no pages in the served run.")
                : Problems.NoRunServed(null),
            cancellationToken);
    }

    /// <summary>One region's summary (median index and components, pages, rank among regions, shares) on every served day of the window.</summary>
    [Function("GetRegionHistory")]
    public async Task<IActionResult> GetRegionHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "regions/{code}/history")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        if (!Regions.TryParseCode(code?.Trim(), out var regionCode))
        {
            errors.Add("code", QueryParameters.RegionError("Route parameter", "code", code ?? ""));
        }

        var query = new RegionHistoryQuery(
            regionCode,
            ParsePeriod(request.Query, errors, "days"),
            QueryParameters.Integer(request.Query, "days", HistoryLimits.DefaultDays, 1, HistoryLimits.MaxDays, errors));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await answers.ServeAsync(
            request,
            async () => (await histories.GetRegionAsync(query, cancellationToken)).History is { } history ? Answer.Json(history) : null,
            () => Problems.NotFound($"Region {query.Code} ({Regions.Get(query.Code).RussianName}) has no pages in any served run of the last {query.Days} days."),
            cancellationToken);
    }

    /// <summary>The route's period; any parameter other than <c>period</c> and <paramref name="otherParameters"/> is an error.</summary>
    private static Period ParsePeriod(IQueryCollection query, ParameterErrors errors, params string[] otherParameters)
    {
        QueryParameters.OnlyKnown(query, errors, ["period", .. otherParameters]);
        return QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;
    }
}
