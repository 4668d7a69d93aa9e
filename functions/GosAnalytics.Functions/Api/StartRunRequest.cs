using System.Globalization;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// <c>POST /api/runs</c>: run a metric day now (default: the last complete Moscow day). A completed day is run again as a new attempt.
/// The day comes from the query (<c>?metricDay=2026-11-28</c>) or a JSON body <c>{"metricDay":"2026-11-28"}</c>, sent with a length or
/// chunked. <see cref="Rejection"/> is set for a body the API does not read at all.
/// </summary>
internal sealed record StartRunRequest(DateOnly MetricDay, IActionResult? Rejection = null)
{
    public const int MaxDaysBack = 365;

    /// <summary>The body is one small JSON object; 16 KB leaves room for whitespace and fields to come, and nothing for a mistake.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static async Task<StartRunRequest> ParseAsync(HttpRequest request, DateTimeOffset now, ParameterErrors errors, CancellationToken cancellationToken)
    {
        var lastComplete = MoscowTime.LastCompleteDay(now);
        var text = QueryParameters.Single(request.Query, "metricDay", errors);
        if (text is null)
        {
            if (await RequestBodies.ReadAtMostAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
            {
                return new StartRunRequest(lastComplete, RequestBodies.TooLarge(MaxBodyBytes, "send {\"metricDay\":\"yyyy-MM-dd\"} or nothing."));
            }

            text = body.Length > 0 ? ReadBody(body, errors) : null;
        }

        if (text is null)
        {
            return new StartRunRequest(lastComplete);
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add("metricDay", $"Parameter 'metricDay' must be a date as yyyy-MM-dd; got '{QueryParameters.Truncate(text)}'.");
            return new StartRunRequest(lastComplete);
        }

        if (day > lastComplete || day < lastComplete.AddDays(-MaxDaysBack))
        {
            errors.Add("metricDay", $"Parameter 'metricDay' must be a complete Moscow day from {lastComplete.AddDays(-MaxDaysBack):yyyy-MM-dd} to {lastComplete:yyyy-MM-dd}; got '{text}'.");
        }

        return new StartRunRequest(day);
    }

    private static string? ReadBody(byte[] body, ParameterErrors errors)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "The request body must be a JSON object such as {\"metricDay\":\"2026-11-28\"}.");
                return null;
            }

            if (!document.RootElement.TryGetProperty("metricDay", out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                errors.Add("metricDay", "Field 'metricDay' must be a string date as yyyy-MM-dd.");
                return null;
            }

            return value.GetString();
        }
        catch (JsonException)
        {
            errors.Add("body", "The request body is not valid JSON.");
            return null;
        }
    }
}
