using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>GET /api/posts/top</c>, <c>GET /api/broadcasts/top</c> and <c>GET /api/comments/unanswered</c>: the best content of the period and
/// the citizens' comments left unanswered longest, with filters, as JSON or CSV (every item of the filtered list).
/// </summary>
public sealed class ContentApi(TopContentService content, AnswerCache answers)
{
    /// <summary>The best posts of the period by interactions, views or ER by views.</summary>
    [Function("GetTopPosts")]
    public async Task<IActionResult> GetTopPostsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts/top")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var (query, format) = ParsePostsQuery(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return format == ResponseFormat.Csv
            ? await answers.StreamAsync(
                request,
                async () => await content.TopPostsAsync(query with { Top = TopContent.MaxPlaces }, cancellationToken) is { } all ? ContentCsv.Posts(all) : null,
                () => Problems.NoRunServed(null),
                cancellationToken)
            : await answers.ServeAsync(
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
        var (query, format) = ParseBroadcastsQuery(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return format == ResponseFormat.Csv
            ? await answers.StreamAsync(
                request,
                async () => await content.TopBroadcastsAsync(query with { Top = int.MaxValue }, cancellationToken) is { } all ? ContentCsv.Broadcasts(all) : null,
                () => Problems.NoRunServed(null),
                cancellationToken)
            : await answers.ServeAsync(
                request,
                async () => await content.TopBroadcastsAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
                () => Problems.NoRunServed(null),
                cancellationToken);
    }

    /// <summary>Citizens' comments the pages left unanswered longest, oldest first.</summary>
    [Function("GetUnansweredComments")]
    public async Task<IActionResult> GetUnansweredCommentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "comments/unanswered")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var (query, format) = ParseUnansweredQuery(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return format == ResponseFormat.Csv
            ? await answers.StreamAsync(
                request,
                async () => await content.UnansweredAsync(query with { Top = int.MaxValue }, cancellationToken) is { } all ? ContentCsv.Unanswered(all) : null,
                () => Problems.NoRunServed(null),
                cancellationToken)
            : await answers.ServeAsync(
                request,
                async () => await content.UnansweredAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
                () => Problems.NoRunServed(null),
                cancellationToken);
    }

    internal static (TopPostsQuery Query, ResponseFormat Format) ParsePostsQuery(IQueryCollection query, ParameterErrors errors)
    {
        QueryParameters.OnlyKnown(query, errors, "region", "platform", "kind", "period", "sort", "top", "skip", "format");
        var region = QueryParameters.Region(query, "region", errors);
        var platform = QueryParameters.Choice<Platform>(query, "platform", errors);
        var kind = QueryParameters.Choice<OrganisationKind>(query, "kind", errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;
        var sort = QueryParameters.Choice<ContentSort>(query, "sort", errors) ?? ContentSort.Interactions;
        var top = QueryParameters.Integer(query, "top", TopPostsQuery.DefaultTop, 1, TopPostsQuery.MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, TopPostsQuery.MaxSkip, errors);
        var format = QueryParameters.Choice<ResponseFormat>(query, "format", errors) ?? ResponseFormat.Json;
        return (new TopPostsQuery(region, platform, kind, period, sort, top, skip), format);
    }

    internal static (TopBroadcastsQuery Query, ResponseFormat Format) ParseBroadcastsQuery(IQueryCollection query, ParameterErrors errors)
    {
        QueryParameters.OnlyKnown(query, errors, "region", "platform", "period", "top", "skip", "format");
        var region = QueryParameters.Region(query, "region", errors);
        var platform = QueryParameters.Choice<Platform>(query, "platform", errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Month;
        var top = QueryParameters.Integer(query, "top", TopBroadcastsQuery.DefaultTop, 1, TopBroadcastsQuery.MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, TopBroadcastsQuery.MaxSkip, errors);
        var format = QueryParameters.Choice<ResponseFormat>(query, "format", errors) ?? ResponseFormat.Json;
        return (new TopBroadcastsQuery(region, platform, period, top, skip), format);
    }

    internal static (UnansweredCommentsQuery Query, ResponseFormat Format) ParseUnansweredQuery(IQueryCollection query, ParameterErrors errors)
    {
        QueryParameters.OnlyKnown(query, errors, "region", "platform", "kind", "top", "skip", "format");
        var region = QueryParameters.Region(query, "region", errors);
        var platform = QueryParameters.Choice<Platform>(query, "platform", errors);
        var kind = QueryParameters.Choice<OrganisationKind>(query, "kind", errors);
        var top = QueryParameters.Integer(query, "top", UnansweredCommentsQuery.DefaultTop, 1, UnansweredCommentsQuery.MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, UnansweredCommentsQuery.MaxSkip, errors);
        var format = QueryParameters.Choice<ResponseFormat>(query, "format", errors) ?? ResponseFormat.Json;
        return (new UnansweredCommentsQuery(region, platform, kind, top, skip), format);
    }
}
