using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/model</c>: the content-quality model scoring uses: version, training date, metrics, top features.</summary>
public sealed class GetModel(ModelInfoService models)
{
    [Function(nameof(GetModel))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "model")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(await models.GetAsync(cancellationToken));
}
