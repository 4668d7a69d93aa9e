using System.Security.Cryptography;
using System.Text;
using GosAnalytics.Functions.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// The Functions host's key check, on the local host. A route's <see cref="HttpTriggerAttribute.AuthLevel"/> decides: <c>Anonymous</c>
/// takes no key; <c>Function</c> takes the function key or the master key; <c>Admin</c> (and <c>System</c>, <c>User</c>) only the
/// master key. The key comes in the <c>x-functions-key</c> header or the <c>code</c> query parameter, as on Azure. The keys are
/// secrets: they appear in no log and no answer; only the host's start-up line prints the master key, for its user.
/// </summary>
internal sealed class FunctionKeys
{
    public const string Header = "x-functions-key";
    public const string QueryParameter = "code";

    private readonly byte[] master;
    private readonly byte[]? function;

    public FunctionKeys(IOptions<LocalHostOptions> options)
    {
        var settings = options.Value;
        MasterKey = string.IsNullOrWhiteSpace(settings.MasterKey) ? RandomKey() : settings.MasterKey;
        IsMasterKeyGenerated = string.IsNullOrWhiteSpace(settings.MasterKey);
        master = Encoding.UTF8.GetBytes(MasterKey);
        function = string.IsNullOrWhiteSpace(settings.FunctionKey) ? null : Encoding.UTF8.GetBytes(settings.FunctionKey);
    }

    /// <summary>The master key: <c>LocalHost:MasterKey</c>, or a random one for this process.</summary>
    public string MasterKey { get; }

    public bool IsMasterKeyGenerated { get; }

    /// <summary>Whether <paramref name="presented"/> opens a route of <paramref name="level"/>.</summary>
    public bool Allows(AuthorizationLevel level, string? presented)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var key = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(key, master)
            || (level == AuthorizationLevel.Function && function is not null && CryptographicOperations.FixedTimeEquals(key, function));
    }

    /// <summary>The key a request presents: the <c>x-functions-key</c> header, else the <c>code</c> query parameter.</summary>
    public static string? Presented(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var header) && header.Count > 0 ? header[0]
        : request.Query.TryGetValue(QueryParameter, out var code) && code.Count > 0 ? code[0]
        : null;

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
}

/// <summary>Answers <c>401</c> problem+json to a request for a route with a key level that does not present a key that opens it.</summary>
internal static class FunctionKeyCheck
{
    /// <summary>Checks every request routed to an HTTP function (the route's <see cref="FunctionDefinition"/> is its endpoint metadata).</summary>
    public static void UseFunctionKeys(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<FunctionKeys>();
        app.Use(async (context, next) =>
        {
            var function = context.GetEndpoint()?.Metadata.GetMetadata<FunctionDefinition>();
            if (function is { Disabled: true } && !keys.Allows(AuthorizationLevel.Admin, FunctionKeys.Presented(context.Request)))
            {
                // As on Azure: a disabled function runs only for the master key; any other request finds nothing there.
                await context.WriteResultAsync(Problems.Status(
                    StatusCodes.Status404NotFound,
                    "https://tools.ietf.org/html/rfc9110#section-15.5.5",
                    "The function is disabled.",
                    $"Function '{function.Name}' is disabled by the setting AzureWebJobs.{function.Name}.Disabled."));
                return;
            }

            if (function is null || keys.Allows(function.Authorization, FunctionKeys.Presented(context.Request)))
            {
                await next(context);
                return;
            }

            var level = function.Authorization == AuthorizationLevel.Function ? "a function key or the master key" : "the master key";
            await context.WriteResultAsync(Problems.Status(
                StatusCodes.Status401Unauthorized,
                "https://tools.ietf.org/html/rfc9110#section-15.5.2",
                "A key is required.",
                $"This route needs {level}: send it in the '{FunctionKeys.Header}' header or the '{FunctionKeys.QueryParameter}' query parameter " +
                "(locally LocalHost:MasterKey, printed when the local host starts; on Azure the function app's keys)."));
        });
    }

    /// <summary>The start-up lines: where the API is, and the key that opens its routes with a key level.</summary>
    public static string StartupLines(string baseUrl, IEnumerable<FunctionDefinition> functions, FunctionKeys keys)
    {
        var keyed = functions
            .Where(f => f.Trigger == TriggerKind.Http && f.Authorization != AuthorizationLevel.Anonymous)
            .Select(f => $"{string.Join('/', f.HttpMethods)} /{HttpFunctionEndpoints.RoutePrefix}/{f.Route} ({(f.Authorization == AuthorizationLevel.Function ? "function key" : "admin")})");
        var origin = keys.IsMasterKeyGenerated ? "random for this run; set LocalHost__MasterKey to keep one" : "LocalHost__MasterKey";
        return $"Serving {baseUrl} (dashboard {baseUrl}/dashboard)\n" +
            $"Master key ({origin}) for {string.Join(", ", keyed)}: -H \"{FunctionKeys.Header}: {keys.MasterKey}\" or ?{FunctionKeys.QueryParameter}=…";
    }
}
