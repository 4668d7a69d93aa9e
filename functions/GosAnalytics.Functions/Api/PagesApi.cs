using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>GET /api/pages/{platform}/{pageId}</c>: a page's profile, current standing and metric history; <c>…/history</c>: its index,
/// ranks, components and key metrics on every served day.
/// </summary>
public sealed class PagesApi(PageProfileService profiles, HistoryService histories, AnswerCache answers)
{
    [Function("GetPage")]
    public async Task<IActionResult> GetPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/{platform}/{pageId}")] HttpRequest request,
        string platform,
        string pageId,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = ParseQuery(platform, pageId, request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        PageLookup? lookup = null;
        return await answers.ServeAsync(
            request,
            async () => (lookup = await profiles.GetAsync(query, cancellationToken)).Profile is { } profile ? Answer.Json(profile) : null,
            () => lookup?.NotCollected is { } missing
                ? Problems.NotFound(
                    $"Page {platform}/{pageId} was not collected in the served run {lookup.Run?.RunId}: {missing.Reason}",
                    new Dictionary<string, object?> { ["notCollected"] = missing })
                : Problems.NotFound($"Page {platform}/{pageId} is not in the served run {lookup?.Run?.RunId}."),
            cancellationToken);
    }

    [Function("GetPageHistory")]
    public async Task<IActionResult> GetPageHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/{platform}/{pageId}/history")] HttpRequest request,
        string platform,
        string pageId,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var page = ParsePage(platform, pageId, errors);
        var query = new PageHistoryQuery(
            page.Platform,
            page.PageId,
            QueryParameters.Choice<Period>(request.Query, "period", errors) ?? Period.Week,
            QueryParameters.Integer(request.Query, "days", HistoryLimits.DefaultDays, 1, HistoryLimits.MaxDays, errors));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await answers.ServeAsync(
            request,
            async () => (await histories.GetPageAsync(query, cancellationToken)).History is { } history ? Answer.Json(history) : null,
            () => Problems.NotFound($"Page {platform}/{pageId} is not in the registry."),
            cancellationToken);
    }

    internal static PageProfileQuery ParseQuery(string? platformText, string? pageId, IQueryCollection query, ParameterErrors errors)
    {
        var page = ParsePage(platformText, pageId, errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;
        var days = QueryParameters.Integer(query, "days", 30, 1, PageProfileQuery.MaxDays, errors);
        return new PageProfileQuery(page.Platform, page.PageId, period, days);
    }

    /// <summary>The route's page: a known platform and a page id of 1–64 safe characters.</summary>
    private static PageKey ParsePage(string? platformText, string? pageId, ParameterErrors errors)
    {
        if (!EnumCodes.TryParse<Platform>(platformText, out var platform))
        {
            errors.Add("platform", $"Route parameter 'platform' must be one of {string.Join(", ", EnumCodes.AllCodes<Platform>())}; got '{QueryParameters.Truncate(platformText ?? "")}'.");
        }

        if (string.IsNullOrWhiteSpace(pageId) || pageId.Length > 64 || !pageId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            errors.Add("pageId", $"Route parameter 'pageId' must be 1–64 latin letters, digits, '_', '-' or '.'; got '{QueryParameters.Truncate(pageId ?? "")}'.");
        }

        return new PageKey(platform, pageId ?? "");
    }
}
