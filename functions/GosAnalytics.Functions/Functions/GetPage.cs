using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/pages/{platform}/{pageId}</c>: a page's profile, current standing and metric history.</summary>
public sealed class GetPage(PageProfileService profiles)
{
    [Function(nameof(GetPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/{platform}/{pageId}")] HttpRequest request,
        string platform,
        string pageId,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = PageProfileQuery.Parse(platform, pageId, request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var profile = await profiles.GetAsync(query, cancellationToken);
        return profile is null
            ? Problems.NotFound($"Page {platform}/{pageId} is not in the latest completed run.")
            : new OkObjectResult(profile);
    }
}
