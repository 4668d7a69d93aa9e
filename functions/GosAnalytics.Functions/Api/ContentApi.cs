using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/posts/top</c> and <c>GET /api/broadcasts/top</c>: the best content of the period, with filters.</summary>
public sealed class ContentApi(TopContentService content, AnswerCache answers)
{
    /// <summary>The best posts of the period by interactions, views or ER by views.</summary>
    [Function("GetTopPosts")]
    public async Task<IActionResult> GetTopPostsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts/top")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = ParsePostsQuery(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await answers.ServeAsync(
            request,
            async () => await content.TopPostsAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
            () => Problems.NoRunServed(null),
            cancellationToken);
    }

    /// <summary>Live broadcasts ("эфиры") of the period by views.</summary>
    [Function("GetTopBroadcasts")]
    public async Task<IActionResult> GetTopBroadcastsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "broadcasts/top")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = ParseBroadcastsQuery(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await answers.ServeAsync(
            request,
            async () => await content.TopBroadcastsAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
            () => Problems.NoRunServed(null),
            cancellationToken);
    }

    internal static TopPostsQuery ParsePostsQuery(IQueryCollection query, ParameterErrors errors)
    {
        var region = QueryParameters.Region(query, "region", errors);
        var platform = QueryParameters.Choice<Platform>(query, "platform", errors);
        var kind = QueryParameters.Choice<OrganisationKind>(query, "kind", errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;
        var sort = QueryParameters.Choice<ContentSort>(query, "sort", errors) ?? ContentSort.Interactions;
        var top = QueryParameters.Integer(query, "top", TopPostsQuery.DefaultTop, 1, TopPostsQuery.MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, TopPostsQuery.MaxSkip, errors);
        return new TopPostsQuery(region, platform, kind, period, sort, top, skip);
    }

    internal static TopBroadcastsQuery ParseBroadcastsQuery(IQueryCollection query, ParameterErrors errors)
    {
        var region = QueryParameters.Region(query, "region", errors);
        var platform = QueryParameters.Choice<Platform>(query, "platform", errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Month;
        var top = QueryParameters.Integer(query, "top", TopBroadcastsQuery.DefaultTop, 1, TopBroadcastsQuery.MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, TopBroadcastsQuery.MaxSkip, errors);
        return new TopBroadcastsQuery(region, platform, period, top, skip);
    }
}
