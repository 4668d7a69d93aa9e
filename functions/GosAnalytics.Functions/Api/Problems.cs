using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// RFC 9457 problem responses. A 400 always names the offending parameter in <c>errors</c> and in <c>detail</c>. Public because the
/// local host answers what never reaches a function (unknown routes, wrong methods, unreadable requests) with the same bodies.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult BadRequest(IReadOnlyDictionary<string, string[]> errors)
    {
        var details = new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more request parameters are invalid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
        };
        return WithProblemContentType(new BadRequestObjectResult(details));
    }

    public static ObjectResult ContentTooLarge(string detail) => ForStatus(StatusCodes.Status413PayloadTooLarge, detail);

    /// <summary>A problem of the given status, with the RFC section that defines it as its <c>type</c>.</summary>
    public static ObjectResult ForStatus(int status, string detail)
    {
        var (section, title) = status switch
        {
            400 => ("rfc9110#section-15.5.1", "Bad request."),
            401 => ("rfc9110#section-15.5.2", "Unauthorized."),
            404 => ("rfc9110#section-15.5.5", "Not found."),
            405 => ("rfc9110#section-15.5.6", "Method not allowed."),
            408 => ("rfc9110#section-15.5.9", "Request timeout."),
            411 => ("rfc9110#section-15.5.12", "Length required."),
            413 => ("rfc9110#section-15.5.14", "Content too large."),
            414 => ("rfc9110#section-15.5.15", "URI too long."),
            415 => ("rfc9110#section-15.5.16", "Unsupported media type."),
            431 => ("rfc6585#section-5", "Request header fields too large."),
            500 => ("rfc9110#section-15.6.1", "Internal server error."),
            _ => ("rfc9110#section-15", ReasonPhrases.GetReasonPhrase(status) + "."),
        };
        return Status(status, "https://tools.ietf.org/html/" + section, title, detail);
    }

    public static ObjectResult NotFound(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        Status(StatusCodes.Status404NotFound, "https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not found.", detail, extensions);

    /// <summary>
    /// The 404 of every read route before a run is served. When a run finished without being served (failed, or partial below the
    /// coverage threshold), the detail says why and <c>newerRun</c> carries its outcome.
    /// </summary>
    public static ObjectResult NoRunServed(RunOutcome? newer) => NotFound(
        "No run has been served yet: the data appear after the first daily run that collects enough pages."
            + (newer is null ? "" : $" The latest run, {newer.RunId} (attempt {newer.Attempt}), ended {newer.Status.ToCode()}: {string.Join(" ", newer.Problems.Select(p => p.Message))}"),
        newer is null ? null : new Dictionary<string, object?> { ["newerRun"] = newer });

    public static ObjectResult Status(int status, string type, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Type = type, Title = title, Status = status, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return WithProblemContentType(new ObjectResult(problem) { StatusCode = status });
    }

    private static ObjectResult WithProblemContentType(ObjectResult result)
    {
        result.ContentTypes.Clear();
        result.ContentTypes.Add(ContentType);
        return result;
    }
}

/// <summary>Collects parameter errors while a query is parsed.</summary>
internal sealed class ParameterErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    /// <summary>The errors recorded for <paramref name="parameter"/>.</summary>
    public int Count(string parameter) => errors.TryGetValue(parameter, out var list) ? list.Count : 0;

    public void Add(string parameter, string message)
    {
        if (!errors.TryGetValue(parameter, out var list))
        {
            errors[parameter] = list = [];
        }

        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public ObjectResult ToProblem() => Problems.BadRequest(ToDictionary());
}
