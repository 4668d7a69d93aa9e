using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace GosAnalytics.Functions.Api;

/// <summary><c>GET /api/reports/weekly?region=28&amp;format=xlsx</c>: the weekly report of a region as an Excel workbook.</summary>
public sealed class ReportsApi(WeeklyReportService reports, RankingReader reader)
{
    [Function("GetWeeklyReport")]
    public async Task<IActionResult> GetWeeklyReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/weekly")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var region = QueryParameters.Region(request.Query, "region", errors);
        if (region is null && !errors.Any)
        {
            errors.Add("region", "Parameter 'region' is required: the code of a Russian federal subject (e.g. 28 for Amur oblast).");
        }

        var format = QueryParameters.Choice<ReportFormat>(request.Query, "format", errors) ?? ReportFormat.Xlsx;
        if (errors.Any || region is not { } code)
        {
            return errors.ToProblem();
        }

        _ = format; // one format today; the parameter names it so that links stay valid when another is added
        var (runServed, report) = await reports.GetAsync(new WeeklyReportQuery(code), cancellationToken);
        if (report is null)
        {
            return runServed
                ? Problems.NotFound($"Region {code} ({Core.Domain.Regions.Get(code).RussianName}) has no pages in the served run.")
                : Problems.NoRunServed((await reader.GetServedAsync(cancellationToken))?.Newer);
        }

        return new WorkbookResult(report);
    }

    /// <summary>
    /// Writes the workbook row by row into a temporary file and streams that into the response, so no copy of the file is held in
    /// memory: the Open XML package needs a seekable stream (its zip directory is written last), which a response body is not.
    /// </summary>
    private sealed class WorkbookResult(WeeklyReport report) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var cancellationToken = context.HttpContext.RequestAborted;
            await using var file = new FileStream(
                Path.Combine(Path.GetTempPath(), $"gosanalytics-{Guid.NewGuid():N}.xlsx"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            WeeklyReportXlsx.Write(report, file);
            file.Position = 0;

            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = WeeklyReportXlsx.ContentType;
            response.ContentLength = file.Length;
            response.Headers.CacheControl = "no-cache";
            var name = WeeklyReportXlsx.FileName(report);
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name, FileName = name }.ToString();
            await file.CopyToAsync(response.Body, cancellationToken);
        }
    }
}

/// <summary>How <c>GET /api/reports/weekly</c> answers.</summary>
public enum ReportFormat
{
    Xlsx,
}
