using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/broadcasts/top</c>: live broadcasts ("эфиры") of the period by views, with filters.</summary>
public sealed class GetTopBroadcasts(TopContentService content)
{
    [Function(nameof(GetTopBroadcasts))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "broadcasts/top")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = TopBroadcastsQuery.Parse(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var response = await content.TopBroadcastsAsync(query, cancellationToken);
        return response is null
            ? Problems.NotFound("No run has completed yet; top broadcasts appear after the first daily run.")
            : new OkObjectResult(response);
    }
}
