using GosAnalytics.Functions.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/openapi.json</c> and <c>GET /api/dashboard</c>: the documents this app serves about itself.</summary>
public sealed class DocumentsApi
{
    /// <summary>The OpenAPI 3.1 document of this API.</summary>
    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new ContentResult { Content = DashboardAssets.OpenApi, ContentType = DashboardAssets.JsonContentType, StatusCode = StatusCodes.Status200OK };

    /// <summary>The analysts' page, in Russian: one self-contained HTML document that reads this API.</summary>
    [Function(nameof(GetDashboard))]
    public IActionResult GetDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request)
    {
        var page = DashboardAssets.Dashboard;
        page.WriteHeaders(request.HttpContext.Response.Headers);
        return new ContentResult { Content = page.Html, ContentType = DashboardAssets.HtmlContentType, StatusCode = StatusCodes.Status200OK };
    }
}
