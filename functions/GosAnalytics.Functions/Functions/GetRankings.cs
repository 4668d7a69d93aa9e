using GosAnalytics.Pipeline.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Functions;

/// <summary><c>GET /api/rankings</c>: quality rankings with filters, sorting and paging, as JSON or CSV.</summary>
public sealed class GetRankings(RankingService rankings)
{
    [Function(nameof(GetRankings))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rankings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var query = RankingQuery.Parse(request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var response = await rankings.QueryAsync(query, cancellationToken);
        if (response is null)
        {
            return Problems.NotFound("No run has completed yet; rankings appear after the first daily run.");
        }

        return query.Format == ResponseFormat.Csv
            ? new FileContentResult(RankingCsv.Write(response), RankingCsv.ContentType) { FileDownloadName = RankingCsv.FileName(response) }
            : new OkObjectResult(response);
    }
}
