using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GosAnalytics.Core.Domain;
using Microsoft.AspNetCore.WebUtilities;

namespace GosAnalytics.TestSupport.HttpFuzz;

/// <summary>
/// What every answer of the fuzz must be: never a 5xx; a right status where the request says which; every 4xx an
/// <c>application/problem+json</c> whose 400s name the parameter; no more data than was asked for; no stack trace and no secret.
/// </summary>
public static partial class FuzzChecks
{
    private const int MaxProblemBytes = 16 * 1024;
    private const int MaxEchoedString = 1000;

    /// <summary>Every way the answer breaks the rules, in words; none for a right answer.</summary>
    public static IEnumerable<string> Check(FuzzRequest request, FuzzResponse response, string? functionKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (request.Aborts)
        {
            yield break;
        }

        if (response.Status == 0)
        {
            yield return $"no answer ({response.Failure})";
            yield break;
        }

        if (response.Status >= 500 && !request.Expected.Contains(response.Status))
        {
            yield return $"answered {response.Status}: {FuzzRequest.Shorten(response.Text, 300)}";
        }

        if (request.Expected.Count > 0 && !request.Expected.Contains(response.Status))
        {
            yield return $"answered {response.Status}, expected {string.Join(" or ", request.Expected)}: {FuzzRequest.Shorten(response.Text, 300)}";
        }

        if (request.SentKey && response.Status == 401)
        {
            yield return "answered 401 to a request with the right key";
        }

        var problems = response.Status >= 400 ? CheckProblem(request, response) : response.Status is >= 200 and < 300 ? CheckData(request, response) : [];
        foreach (var problem in problems)
        {
            yield return problem;
        }

        var text = response.Text;
        if (response.MediaType != "text/html" && StackTrace().IsMatch(text))
        {
            yield return $"a stack trace in the answer: {FuzzRequest.Shorten(StackTrace().Match(text).Value, 200)}";
        }

        if ((functionKey is not null && text.Contains(functionKey, StringComparison.Ordinal))
            || text.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
            || text.Contains("DefaultEndpointsProtocol", StringComparison.OrdinalIgnoreCase))
        {
            yield return "a secret (the function key or a storage connection string) in the answer";
        }
    }

    /// <summary>Lines of a host's log that show a stack trace.</summary>
    public static bool IsStackTrace(string line) => StackTrace().IsMatch(line);

    private static IEnumerable<string> CheckProblem(FuzzRequest request, FuzzResponse response)
    {
        if (response.MediaType != "application/problem+json")
        {
            yield return $"a {response.Status} that is not application/problem+json ({response.MediaType ?? "no content type"}, {response.Body.Length} bytes)";
            yield break;
        }

        if (request.Method == "HEAD")
        {
            yield break;
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(response.Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            problem = default;
        }

        if (problem.ValueKind != JsonValueKind.Object)
        {
            yield return $"a {response.Status} whose problem is not a JSON object: {FuzzRequest.Shorten(response.Text, 200)}";
            yield break;
        }

        if (!problem.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != response.Status)
        {
            yield return $"a {response.Status} whose problem says another status: {FuzzRequest.Shorten(response.Text, 200)}";
        }

        if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString())
            || !problem.TryGetProperty("detail", out var detail) || string.IsNullOrWhiteSpace(detail.GetString()))
        {
            yield return $"a {response.Status} whose problem lacks a title or a detail: {FuzzRequest.Shorten(response.Text, 200)}";
        }

        if (response.Status == 400 && request.MustName)
        {
            var names = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? errors.EnumerateObject().Select(e => e.Name).ToList()
                : [];
            if (names.Count == 0)
            {
                yield return $"a 400 that names no parameter: {FuzzRequest.Shorten(response.Text, 200)}";
            }

            foreach (var name in names.Where(n => !request.Names.Contains(n)))
            {
                yield return $"a 400 naming '{name}', which the request does not have";
            }
        }

        var withReport = problem.TryGetProperty("report", out _);
        if (!withReport && response.Body.Length > MaxProblemBytes)
        {
            yield return $"a problem of {response.Body.Length:N0} bytes: an error should not be that long";
        }

        if (Strings(problem).FirstOrDefault(s => s.Length > MaxEchoedString) is { } echoed)
        {
            yield return $"a problem that echoes {echoed.Length:N0} characters of the input";
        }
    }

    /// <summary>A successful answer holds what was asked for and no more: at most <c>top</c> items, only the region, platform and kind asked for.</summary>
    private static IEnumerable<string> CheckData(FuzzRequest request, FuzzResponse response)
    {
        var query = QueryHelpers.ParseQuery(request.Target.Contains('?', StringComparison.Ordinal) ? request.Target[request.Target.IndexOf('?', StringComparison.Ordinal)..] : "");
        string? Value(string name) => query.TryGetValue(name, out var values) && values.Count == 1 ? values[0]?.Trim() : null;
        int? Number(string name) => int.TryParse(Value(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

        if (request.Route == "POST /api/runs")
        {
            var run = JsonDocument.Parse(response.Body).RootElement;
            var day = DateOnly.ParseExact(run.GetProperty("metricDay").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var asked = request.RunDay;
            var now = DateTimeOffset.UtcNow;
            if (asked is { } wanted ? day != wanted : day != MoscowTime.LastCompleteDay(now) && day != MoscowTime.LastCompleteDay(now.AddMinutes(-5)))
            {
                yield return $"started a run of {day:yyyy-MM-dd}, but {(asked is { } a ? a.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "the default day")} was asked for";
            }

            yield break;
        }

        if (request.Route == "POST /api/registry")
        {
            if (JsonDocument.Parse(response.Body).RootElement.GetProperty("written").GetBoolean())
            {
                yield return "a dry run of the registry import wrote pages";
            }

            yield break;
        }

        if (request.Route is not ("GET /api/rankings" or "GET /api/posts/top" or "GET /api/broadcasts/top" or "GET /api/regions/{code}" or "GET /api/pages/{platform}/{pageId}")
            || request.Kind == "path"
            || request.Target.Split('?')[0].Split('/') is var segments && (segments.Length != request.Route.Split(' ')[1].Split('/').Length || segments.Skip(1).Any(s => s.Length == 0)))
        {
            // Not that route's answer: the path was changed on purpose, or an empty segment made it another route's.
            yield break;
        }

        if (response.MediaType == "text/csv")
        {
            // A CSV is every item of the filtered list, whatever top says (docs/operations.md); its filters are checked on JSON.
            yield break;
        }

        var root = JsonDocument.Parse(response.Body).RootElement;
        var path = request.Target.Split('?')[0].Split('/');
        if (request.Route == "GET /api/pages/{platform}/{pageId}")
        {
            var (platform, pageId) = (Uri.UnescapeDataString(path[^2]), Uri.UnescapeDataString(path[^1]));
            if (!string.Equals(root.GetProperty("platform").GetString(), platform.Trim(), StringComparison.OrdinalIgnoreCase) || root.GetProperty("pageId").GetString() != pageId)
            {
                yield return $"asked for page {platform}/{pageId}, got {root.GetProperty("platform")}/{root.GetProperty("pageId")}";
            }

            if (root.GetProperty("history").GetArrayLength() > (Number("days") ?? 30) || root.GetProperty("posts").GetArrayLength() > 100)
            {
                yield return $"{root.GetProperty("history").GetArrayLength()} days of history for days={Number("days") ?? 30}";
            }

            yield break;
        }

        var (items, region, limit) = request.Route == "GET /api/regions/{code}"
            ? (root.GetProperty("topPages"), int.Parse(Uri.UnescapeDataString(path[^1]).Trim(), CultureInfo.InvariantCulture), 10)
            : (root.GetProperty("items"), Number("region"), Number("top") ?? 20);
        if (request.Route == "GET /api/regions/{code}" && root.GetProperty("region").GetProperty("regionCode").GetInt32() != region)
        {
            yield return $"asked for region {region}, got region {root.GetProperty("region").GetProperty("regionCode")}";
        }

        if (request.Route == "GET /api/rankings")
        {
            limit = Number("top") ?? 50;
        }

        if (items.GetArrayLength() > limit)
        {
            yield return $"{items.GetArrayLength()} items for top={limit}";
        }

        foreach (var item in items.EnumerateArray())
        {
            if (region is { } code && item.GetProperty("regionCode").GetInt32() != code)
            {
                yield return $"an item of region {item.GetProperty("regionCode")} when region {code} was asked for";
                yield break;
            }

            foreach (var filter in new[] { "platform", "kind" })
            {
                if (Value(filter) is { } wanted && item.TryGetProperty(filter, out var got) && !string.Equals(got.GetString(), wanted, StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"an item of {filter} {got} when {filter}={wanted} was asked for";
                    yield break;
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    /// <summary>A frame of a .NET stack trace (<c>at Namespace.Type.Method(</c>) or its separators.</summary>
    [GeneratedRegex(@"\bat (?:[A-Za-z_][\w`]*\.)+[\w<>`|$]+\(|--- End of (?:inner exception )?stack trace")]
    private static partial Regex StackTrace();
}
