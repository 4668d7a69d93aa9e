using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/posts/top</c>: the best posts of the period by interactions, views or ER by views, with filters.</summary>
public sealed class GetTopPosts(TopContentService content)
{
    [Function(nameof(GetTopPosts))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts/top")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = TopPostsQuery.Parse(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var response = await content.TopPostsAsync(query, cancellationToken);
        return response is null
            ? Problems.NotFound("No run has completed yet; top posts appear after the first daily run.")
            : new OkObjectResult(response);
    }
}
