using GosAnalytics.Functions.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>Maps each HTTP function to <c>/api/{route}</c> with its methods, exactly as the Functions host routes it.</summary>
internal static class HttpFunctionEndpoints
{
    public const string RoutePrefix = "api";

    public static void MapHttpFunctions(this WebApplication app, IEnumerable<FunctionDefinition> functions)
    {
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            app.MapMethods($"/{RoutePrefix}/{function.Route}", function.HttpMethods, context => InvokeAsync(function, context))
                .WithName(function.Name)
                .WithMetadata(function);
        }
    }

    private static async Task InvokeAsync(FunctionDefinition function, HttpContext context)
    {
        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        var routeValues = context.Request.RouteValues.ToDictionary(pair => pair.Key, pair => (object?)pair.Value?.ToString(), StringComparer.OrdinalIgnoreCase);
        try
        {
            var result = await invoker.InvokeAsync(function, context.Request, routeValues, context.RequestAborted);
            if (result is IActionResult action)
            {
                await context.WriteResultAsync(action);
            }
        }
        catch (Exception error) when (!HttpProblemResponses.IsAboutTheConnection(error, context) && context.RequestServices.GetRequiredService<StorageRecovery>().Report(error))
        {
            // (A client that went away also surfaces as an I/O error: that one is the request's, not storage's.)
            // Storage is away or lost its tables: the recovery logs it once and recreates them; the client may try again shortly.
            if (!context.Response.HasStarted)
            {
                context.Response.Headers.RetryAfter = "5";
                await context.WriteResultAsync(Problems.Status(
                    StatusCodes.Status503ServiceUnavailable,
                    "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                    "Storage is not available.",
                    "The storage behind the API did not answer or is being set up again. Try again in a few seconds."));
            }
        }
        catch (Exception error) when (!HttpProblemResponses.IsAboutTheConnection(error, context))
        {
            // A request Kestrel could not read, or a client that went away, is answered by HttpProblemResponses; this is a failure.
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionEndpoints));
            logger.LogError(error, "HTTP function {Function} failed", function.Name);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    /// <summary>Writes an MVC result (what HTTP functions return) to the response, as the Functions host does.</summary>
    public static Task WriteResultAsync(this HttpContext context, IActionResult result) =>
        result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
}
