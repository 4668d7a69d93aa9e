using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>GET /api/organisations</c> and <c>GET /api/organisations/{id}</c>: organisations whose pages the registry links across platforms,
/// with their combined standing, and one organisation's pages side by side.
/// </summary>
public sealed class OrganisationsApi(OrganisationService organisations, AnswerCache answers)
{
    [Function("GetOrganisations")]
    public async Task<IActionResult> GetOrganisationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organisations")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = ParseQuery(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await answers.ServeAsync(
            request,
            async () => await organisations.ListAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
            () => Problems.NoRunServed(null),
            cancellationToken);
    }

    [Function("GetOrganisation")]
    public async Task<IActionResult> GetOrganisationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organisations/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var organisationId = id?.Trim() ?? "";
        if (!RegistryFile.IsOrganisationId(organisationId))
        {
            errors.Add("id", $"Route parameter 'id' must be an organisation id: 1–{RegistryFile.MaxOrganisationIdLength} letters, digits, '-', '_' or '.'; got '{QueryParameters.Truncate(organisationId)}'.");
        }

        QueryParameters.OnlyKnown(request.Query, errors, "period");
        var period = QueryParameters.Choice<Period>(request.Query, "period", errors) ?? Period.Week;
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        OrganisationLookup? lookup = null;
        return await answers.ServeAsync(
            request,
            async () => (lookup = await organisations.GetAsync(new OrganisationDetailQuery(organisationId, period), cancellationToken)).Detail is { } detail ? Answer.Json(detail) : null,
            () => lookup?.RunServed == true
                ? Problems.NotFound(
                    $"Organisation '{organisationId}' has no ranked page in the served run {lookup.Run?.RunId}: no registered page carries this id, or none of its pages was collected.",
                    new Dictionary<string, object?> { ["organisationId"] = organisationId })
                : Problems.NoRunServed(null),
            cancellationToken);
    }

    internal static OrganisationQuery ParseQuery(IQueryCollection query, ParameterErrors errors)
    {
        QueryParameters.OnlyKnown(query, errors, "region", "search", "period", "top", "skip");
        var region = QueryParameters.Region(query, "region", errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;
        var search = QueryParameters.Single(query, "search", errors) is { } text ? RegistryFile.CollapseSpaces(text) : null;
        if (search is { Length: > OrganisationQuery.MaxSearchLength })
        {
            errors.Add("search", $"Parameter 'search' must be at most {OrganisationQuery.MaxSearchLength} characters; got {search.Length}.");
        }

        var top = QueryParameters.Integer(query, "top", OrganisationQuery.DefaultTop, 1, OrganisationQuery.MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, OrganisationQuery.MaxSkip, errors);
        return new OrganisationQuery(region, search, period, top, skip);
    }
}
