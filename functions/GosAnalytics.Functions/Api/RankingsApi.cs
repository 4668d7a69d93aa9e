using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/rankings</c>: quality rankings with filters, sorting and paging, as JSON or CSV.</summary>
public sealed class RankingsApi(RankingService rankings, AnswerCache answers)
{
    [Function("GetRankings")]
    public async Task<IActionResult> GetRankingsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rankings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var (query, format) = ParseQuery(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // CSV is every page of the filtered scope, written as it is read (top does not apply): not an answer to hold in the cache.
        return format == ResponseFormat.Csv
            ? await answers.StreamAsync(
                request,
                async () => await rankings.ExportAsync(query, cancellationToken) is { } export ? RankingCsv.Download(export) : null,
                () => Problems.NoRunServed(null),
                cancellationToken)
            : await answers.ServeAsync(
                request,
                async () => await rankings.QueryAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
                () => Problems.NoRunServed(null),
                cancellationToken);
    }

    internal static (RankingQuery Query, ResponseFormat Format) ParseQuery(IQueryCollection query, ParameterErrors errors)
    {
        QueryParameters.OnlyKnown(query, errors, "region", "platform", "kind", "period", "sort", "top", "skip", "format");
        var region = QueryParameters.Region(query, "region", errors);
        var platform = QueryParameters.Choice<Platform>(query, "platform", errors);
        var kind = QueryParameters.Choice<OrganisationKind>(query, "kind", errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;

        var sort = QueryParameters.Single(query, "sort", errors) ?? RankingQuery.SortByIndex;
        var sortKey = RankingQuery.SortKeys.FirstOrDefault(key => string.Equals(key, sort, StringComparison.OrdinalIgnoreCase));
        if (sortKey is null)
        {
            errors.Add("sort", $"Parameter 'sort' must be one of {string.Join(", ", RankingQuery.SortKeys)}; got '{QueryParameters.Truncate(sort)}'.");
        }

        var top = QueryParameters.Integer(query, "top", RankingQuery.DefaultTop, 1, RankingQuery.MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, RankingQuery.MaxSkip, errors);
        var format = QueryParameters.Choice<ResponseFormat>(query, "format", errors) ?? ResponseFormat.Json;
        return (new RankingQuery(region, platform, kind, period, sortKey ?? RankingQuery.SortByIndex, top, skip), format);
    }
}

/// <summary>How a list route answers: JSON, or CSV for Russian Excel (every item of the filtered list, <c>top</c> aside).</summary>
public enum ResponseFormat
{
    Json,
    Csv,
}
