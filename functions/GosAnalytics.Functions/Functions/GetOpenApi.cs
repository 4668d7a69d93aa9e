using GosAnalytics.Functions.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document of this API.</summary>
public sealed class GetOpenApi
{
    [Function(nameof(GetOpenApi))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new ContentResult { Content = DashboardAssets.OpenApi, ContentType = DashboardAssets.JsonContentType, StatusCode = StatusCodes.Status200OK };
}
