using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/regions/{code}/worklists</c>: a region's work lists (no label, no description, no posts, few answers), as JSON or CSV.</summary>
public sealed class WorklistsApi(WorklistService worklists, AnswerCache answers)
{
    [Function("GetWorklists")]
    public async Task<IActionResult> GetWorklistsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "regions/{code}/worklists")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        if (!Regions.TryParseCode(code?.Trim(), out var region))
        {
            errors.Add("code", QueryParameters.RegionError("Route parameter", "code", code ?? ""));
        }

        var period = QueryParameters.Choice<Period>(request.Query, "period", errors) ?? Period.Week;
        var list = QueryParameters.Choice<WorkList>(request.Query, "list", errors);
        var threshold = AnsweredBelow(request.Query, errors);
        var format = QueryParameters.Choice<ResponseFormat>(request.Query, "format", errors) ?? ResponseFormat.Json;
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = new WorklistQuery(region, period, list, threshold);
        var runServed = true;
        IActionResult NotFound() => runServed
            ? Problems.NotFound($"Region {query.Region} ({Regions.Get(query.Region).RussianName}) has no pages in the served run.")
            : Problems.NoRunServed(null);

        // CSV is written as the other exports are (RussianCsv, streamed, not cached); JSON is a cached answer.
        return format == ResponseFormat.Csv
            ? await answers.StreamAsync(
                request,
                async () => await LookUpAsync() is { } response ? WorklistCsv.Download(response) : null,
                NotFound,
                cancellationToken)
            : await answers.ServeAsync(
                request,
                async () => await LookUpAsync() is { } response ? Answer.Json(response) : null,
                NotFound,
                cancellationToken);

        async Task<WorklistResponse?> LookUpAsync()
        {
            var lookup = await worklists.GetAsync(query, cancellationToken);
            runServed = lookup.RunServed;
            return lookup.Response;
        }
    }

    /// <summary><c>answeredBelow</c>: a share from 0 to 1 (0.5 = pages answering under half of citizens' comments).</summary>
    private static double AnsweredBelow(IQueryCollection query, ParameterErrors errors)
    {
        var text = QueryParameters.Single(query, "answeredBelow", errors);
        if (text is null)
        {
            return WorklistQuery.DefaultAnsweredBelow;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value is <= 0 or > 1)
        {
            errors.Add("answeredBelow", $"Parameter 'answeredBelow' must be a share above 0 and at most 1, such as 0.5; got '{QueryParameters.Truncate(text)}'.");
            return WorklistQuery.DefaultAnsweredBelow;
        }

        return value;
    }
}
