using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>GET /api/pages/{platform}/{page}</c>: a page's profile, current standing and metric history, the page named by its id, screen name
/// or address; <c>…/history</c>: its index, ranks, components and key metrics on every served day; <c>GET /api/pages?search=…</c>: pages
/// found by name, screen name or address.
/// </summary>
public sealed class PagesApi(PageProfileService profiles, HistoryService histories, PageSearchService search, AnswerCache answers)
{
    /// <summary>Longest page id, screen name or address the route reads.</summary>
    private const int MaxPageText = 300;

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
        PageKey? resolved = null;
        var result = await answers.ServeAsync(
            request,
            async () =>
            {
                // A plain id is looked up as it is; anything else (an address, '@name') only through what it resolves to.
                lookup = IsPlainId(query.PageId) ? await profiles.GetAsync(query, cancellationToken) : null;
                if (lookup?.Profile is null && lookup?.NotCollected is null
                    && await search.ResolveAsync(query.Platform, query.PageId, cancellationToken) is { } key && key.PageId != query.PageId)
                {
                    // A screen name or address of a registered page: its profile, under its canonical id.
                    resolved = key;
                    lookup = await profiles.GetAsync(query with { PageId = key.PageId }, cancellationToken);
                }

                return lookup?.Profile is { } profile ? Answer.Json(profile) : null;
            },
            () => lookup?.NotCollected is { } missing
                ? Problems.NotFound(
                    $"Page {query.Platform.ToCode()}/{resolved?.PageId ?? query.PageId} was not collected in the served run {lookup.Run?.RunId}: {missing.Reason}",
                    new Dictionary<string, object?> { ["notCollected"] = missing })
                : Problems.NotFound($"Page {query.Platform.ToCode()}/{QueryParameters.Truncate(query.PageId)} is not registered or not in the served run {lookup?.Run?.RunId}."),
            cancellationToken);
        return result;
    }

    /// <summary>Pages whose name, screen name or id contains the text (case and ё/е aside), or that an address names; best index first.</summary>
    [Function("SearchPages")]
    public async Task<IActionResult> SearchPagesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        QueryParameters.OnlyKnown(request.Query, errors, "search", "period", "top");
        var text = QueryParameters.Single(request.Query, "search", errors);
        if (text is null && !errors.Any)
        {
            errors.Add("search", "Parameter 'search' is required: a page's name, screen name, id or address.");
        }
        else if (text is { Length: > PageSearchQuery.MaxSearchLength })
        {
            errors.Add("search", $"Parameter 'search' must be at most {PageSearchQuery.MaxSearchLength} characters; got {text.Length}.");
        }

        var period = QueryParameters.Choice<Period>(request.Query, "period", errors) ?? Period.Week;
        var top = QueryParameters.Integer(request.Query, "top", PageSearchQuery.DefaultTop, 1, PageSearchQuery.MaxTop, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = new PageSearchQuery(text!, period, top);
        return await answers.ServeAsync(
            request,
            async () => await search.SearchAsync(query, cancellationToken) is { } response ? Answer.Json(response) : null,
            () => Problems.NoRunServed(null),
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
        QueryParameters.OnlyKnown(request.Query, errors, "period", "days");
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
            async () =>
            {
                // A screen name or address is looked up through the page it resolves to, as the profile is.
                var key = IsPlainId(query.PageId) ? null : await search.ResolveAsync(query.Platform, query.PageId, cancellationToken);
                var lookup = await histories.GetPageAsync(key is null ? query : query with { PageId = key.Value.PageId }, cancellationToken);
                return lookup.History is { } history ? Answer.Json(history) : null;
            },
            () => Problems.NotFound($"Page {platform}/{pageId} is not in the registry."),
            cancellationToken);
    }

    internal static PageProfileQuery ParseQuery(string? platformText, string? pageId, IQueryCollection query, ParameterErrors errors)
    {
        QueryParameters.OnlyKnown(query, errors, "period", "days");
        var page = ParsePage(platformText, pageId, errors);
        var period = QueryParameters.Choice<Period>(query, "period", errors) ?? Period.Week;
        var days = QueryParameters.Integer(query, "days", 30, 1, PageProfileQuery.MaxDays, errors);
        return new PageProfileQuery(page.Platform, page.PageId, period, days);
    }

    /// <summary>The route's page: a known platform and a page id, screen name or (URL-encoded) address the registry's rules accept.</summary>
    private static PageKey ParsePage(string? platformText, string? pageId, ParameterErrors errors)
    {
        if (!EnumCodes.TryParse<Platform>(platformText, out var platform))
        {
            errors.Add("platform", $"Route parameter 'platform' must be one of {string.Join(", ", EnumCodes.AllCodes<Platform>())}; got '{QueryParameters.Truncate(platformText ?? "")}'.");
        }

        // An address comes URL-encoded (https%3A%2F%2Fvk.com%2Fname); hosts may hand the route value over still encoded.
        var text = Unescape(pageId?.Trim() ?? "");
        if (text.Length is 0 or > MaxPageText || text.Any(char.IsControl))
        {
            errors.Add("pageId", $"Route parameter 'pageId' must be a page id, screen name or address (URL-encoded) of 1–{MaxPageText} characters; got '{QueryParameters.Truncate(text)}'.");
        }

        else if (!IsPlainId(text) && errors.Count("platform") == 0 && !PageIdentifiers.TryNormalize(platform, text, out _, out var problem))
        {
            errors.Add("pageId", $"Route parameter 'pageId' {problem}");
        }

        return new PageKey(platform, text);
    }

    /// <summary>What a page id can be in the registry (and a table key): latin letters, digits, '_', '-', '.', at most 64.</summary>
    private static bool IsPlainId(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static string Unescape(string text)
    {
        try
        {
            return text.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(text) : text;
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
