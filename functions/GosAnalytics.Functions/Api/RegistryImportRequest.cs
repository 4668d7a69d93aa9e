using GosAnalytics.Core.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>POST /api/registry</c>: the body is the CSV file itself (any text content type, e.g. <c>curl --data-binary @pages.csv</c>);
/// the query carries <c>importValidRows</c> and <c>dryRun</c>. <see cref="Rejection"/> is set for a body the API does not read at all.
/// </summary>
internal sealed record RegistryImportRequest(byte[] Content, RegistryImportOptions Options, IActionResult? Rejection)
{
    /// <summary>10 MB holds ~150,000 rows, more than the whole registry; a bigger upload is a mistake, not a registry.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    public static async Task<RegistryImportRequest> ReadAsync(HttpRequest request, ParameterErrors errors, CancellationToken cancellationToken)
    {
        var options = new RegistryImportOptions(
            ImportValidRows: QueryParameters.Boolean(request.Query, "importValidRows", errors) ?? false,
            DryRun: QueryParameters.Boolean(request.Query, "dryRun", errors) ?? false);
        if (errors.Any)
        {
            return new RegistryImportRequest([], options, null);
        }

        if (request.ContentType is { } contentType && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return new RegistryImportRequest([], options, Problems.ForStatus(
                StatusCodes.Status415UnsupportedMediaType,
                "Send the CSV file itself as the request body (e.g. curl --data-binary @pages.csv -H 'Content-Type: text/csv'), not a multipart form."));
        }

        if (await RequestBodies.ReadAtMostAsync(request, MaxBodyBytes, cancellationToken) is not { } content)
        {
            return new RegistryImportRequest([], options, RequestBodies.TooLarge(MaxBodyBytes, "split the file and send the parts one after another."));
        }

        if (content.Length == 0)
        {
            errors.Add("body", "The request 'body' is empty: send the CSV file as the body, with a header line platform;page;region;kind.");
        }

        return new RegistryImportRequest(content, options, null);
    }

    /// <summary>200 with the report, or 400 problem+json when the file has errors and nothing was written; the report rides along in both.</summary>
    public static IActionResult ToResult(RegistryImportReport report)
    {
        if (report.ErrorCount == 0 || report.Written)
        {
            return new OkObjectResult(report);
        }

        var first = report.Errors.Count > 0 ? $" The first: {Where(report.Errors[0])}{report.Errors[0].Message}" : "";
        var problem = new ParameterErrors();
        problem.Add("body", $"The CSV in the request 'body' has {report.ErrorCount} error(s) and nothing was written.{first} See 'report.errors' for each one.");
        var result = problem.ToProblem();
        ((ProblemDetails)result.Value!).Extensions["report"] = report;
        return result;
    }

    private static string Where(RegistryImportError error) =>
        (error.Line, error.Column) switch
        {
            ({ } line, { } column) => $"line {line}, column '{column}': ",
            ({ } line, null) => $"line {line}: ",
            _ => "",
        };
}
