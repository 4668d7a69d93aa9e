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
                .WithName(function.Name);
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
                await ExecuteAsync(action, context);
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

    /// <summary>Writes an MVC action result (what HTTP functions return) to the response.</summary>
    public static Task ExecuteAsync(IActionResult result, HttpContext context) =>
        result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
}
