using GosAnalytics.Functions.Api;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Every error the local host answers carries an <c>application/problem+json</c> body, as the functions' own errors do: an unknown
/// route (404), a method the route does not take (405), a request Kestrel could not read while a function read it (a body over the
/// limit: 413; a malformed chunk: 400), and a function that failed (500, with no detail of why). A client that goes away before its
/// request is answered (an aborted upload) is one warning line in the log, never a stack trace.
/// </summary>
/// <remarks>
/// Requests that Kestrel refuses before any middleware runs (a NUL in the path, a malformed request line) get their body from
/// <see cref="KestrelRejections"/>. On Azure the Functions host answers unknown routes and wrong methods itself (docs/operations.md).
/// </remarks>
internal static partial class HttpProblemResponses
{
    private const int MaxEchoedLength = 80;

    public static void UseHttpProblemResponses(this WebApplication app) => app.Use(InvokeAsync);

    private static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception error) when (ClientWentAway(error, context))
        {
            // The client went away (closed or reset the connection, or stopped sending its body): nobody is left to answer. Aborting
            // the connection also spares Kestrel draining a body whose reader the reset left mid-read (it would log that as an error).
            LogClientWentAway(Logger(context), context.Request.Method, Echo(context.Request.Path), error.Message);
            context.Abort();
            return;
        }
        catch (BadHttpRequestException error)
        {
            // Kestrel refused the body a function was reading: it ended before its length (an aborted upload), was malformed
            // (a bad chunk), or went over the server's limit. The client is told why; the log gets one line.
            LogUnreadableRequest(Logger(context), context.Request.Method, Echo(context.Request.Path), error.StatusCode, error.Message);
            if (context.Response.HasStarted)
            {
                return;
            }

            context.Response.Clear();
            context.Response.StatusCode = error.StatusCode;
            await context.WriteResultAsync(Problems.ForStatus(error.StatusCode, $"The request could not be read: {error.Message}"));
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null && response.ContentLength is null or 0)
        {
            await context.WriteResultAsync(Problems.ForStatus(response.StatusCode, Detail(context)));
        }
    }

    /// <summary>
    /// Whether a function failed because of the request's connection rather than on its own: the client went away, or Kestrel could not
    /// read the body. Such failures are answered (or not) here, in one log line; the endpoint leaves them alone.
    /// </summary>
    public static bool IsAboutTheConnection(Exception error, HttpContext context) => error is BadHttpRequestException || ClientWentAway(error, context);

    private static bool ClientWentAway(Exception error, HttpContext context) =>
        context.RequestAborted.IsCancellationRequested || error is ConnectionResetException or ConnectionAbortedException;

    private static string Detail(HttpContext context)
    {
        var request = context.Request;
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound =>
                $"There is no route {request.Method} {Echo(request.PathBase + request.Path)}. The API's routes are listed at /api/openapi.json.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{Echo(request.Method)} is not allowed on {Echo(request.Path)}; it answers {context.Response.Headers.Allow}.",
            StatusCodes.Status413PayloadTooLarge =>
                $"The request body is larger than this route accepts ({context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0} bytes).",
            StatusCodes.Status500InternalServerError => "The request failed on the server; the failure is in the host's log.",
            var status => $"The request was answered {status}.",
        };
    }

    /// <summary>A request's own text, cut short and with control characters shown as '?', for messages and the log.</summary>
    private static string Echo(string? text)
    {
        text ??= "";
        var shown = string.Create(Math.Min(text.Length, MaxEchoedLength), text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
        return text.Length > MaxEchoedLength ? shown + "…" : shown;
    }

    private static string Echo(PathString path) => Echo(path.Value);

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpProblemResponses).FullName!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the client went away before the answer ({Reason})")]
    private static partial void LogClientWentAway(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: could not read the request ({Reason}); answered {Status}")]
    private static partial void LogUnreadableRequest(ILogger logger, string method, string path, int status, string reason);
}
