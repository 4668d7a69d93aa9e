using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/model</c>: the content-quality model scoring uses: version, training date, metrics, top features.</summary>
public sealed class ModelApi(ModelInfoService models)
{
    [Function("GetModel")]
    public async Task<IActionResult> GetModelAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "model")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        QueryParameters.OnlyKnown(request.Query, errors);
        return errors.Any ? errors.ToProblem() : new OkObjectResult(await models.GetAsync(cancellationToken));
    }
}
