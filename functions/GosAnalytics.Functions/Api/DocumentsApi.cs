using System.Text;
using GosAnalytics.Functions.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c> and <c>GET /api/dashboard</c>: the documents this app serves about itself, composed once per process
/// and written like every read answer (ETag, 304, gzip or Brotli).
/// </summary>
public sealed class DocumentsApi
{
    private static readonly Lazy<Answer> OpenApiAnswer = new(() => new Answer(Encoding.UTF8.GetBytes(DashboardAssets.OpenApi), DashboardAssets.JsonContentType));
    private static readonly Lazy<Answer> DashboardAnswer = new(() => new Answer(Encoding.UTF8.GetBytes(DashboardAssets.Dashboard.Html), DashboardAssets.HtmlContentType));

    /// <summary>The OpenAPI 3.1 document of this API.</summary>
    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        var errors = new ParameterErrors();
        QueryParameters.OnlyKnown(request.Query, errors);
        return errors.Any ? errors.ToProblem() : new AnswerResult(OpenApiAnswer.Value);
    }

    /// <summary>
    /// The analysts' page, in Russian: one self-contained HTML document that reads this API. Its query string is the page's own state
    /// (<c>?view=…&amp;region=…</c>, read by its scripts), so it is the one GET route that takes any parameter.
    /// </summary>
    [Function(nameof(GetDashboard))]
    public IActionResult GetDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request)
    {
        DashboardAssets.Dashboard.WriteHeaders(request.HttpContext.Response.Headers);
        return new AnswerResult(DashboardAnswer.Value);
    }
}
