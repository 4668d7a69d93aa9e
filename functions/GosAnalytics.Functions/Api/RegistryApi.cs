using GosAnalytics.Pipeline.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary><c>POST /api/registry</c> (function key): add the pages of a CSV file to the registry; all or nothing unless <c>importValidRows</c>.</summary>
public sealed class RegistryApi(RegistryImporter importer)
{
    [Function("ImportRegistry")]
    public async Task<IActionResult> ImportRegistryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "registry")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var import = await RegistryImportRequest.ReadAsync(request, errors, cancellationToken);
        if (import.Rejection is not null || errors.Any)
        {
            return import.Rejection ?? errors.ToProblem();
        }

        var report = await importer.ImportAsync(import.Content, import.Options, cancellationToken);
        return RegistryImportRequest.ToResult(report);
    }
}
