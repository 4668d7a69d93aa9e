using GosAnalytics.Functions.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/dashboard</c>: the analysts' page, in Russian. One self-contained HTML document that reads this API.</summary>
public sealed class GetDashboard
{
    [Function(nameof(GetDashboard))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request)
    {
        var page = DashboardAssets.Dashboard;
        page.WriteHeaders(request.HttpContext.Response.Headers);
        return new ContentResult { Content = page.Html, ContentType = DashboardAssets.HtmlContentType, StatusCode = StatusCodes.Status200OK };
    }
}
