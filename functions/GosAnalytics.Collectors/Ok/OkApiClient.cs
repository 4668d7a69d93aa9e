using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GosAnalytics.Collectors.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors.Ok;

/// <summary>
/// Calls OK's REST API: <c>POST fb.do</c> relative to <see cref="PlatformClientOptions.BaseAddress"/>, every call signed
/// (<see cref="OkSignature"/>), paced by one process-wide <see cref="RequestPacer"/> and retried on transient failures.
/// </summary>
/// <remarks>
/// Parameters, the token and the signature travel only in the form body, so no URL (which proxies and HTTP logs keep) carries a
/// secret. OK reports errors in a JSON body <c>{"error_code","error_msg"}</c> even with HTTP 200, and/or in the
/// <c>invocation-error</c> header; both are checked. A singleton: the pacer must be shared by every worker that uses the token.
/// </remarks>
internal sealed partial class OkApiClient
{
    public const string PlatformName = "OK";

    private readonly IHttpClientFactory httpClients;
    private readonly TransientRetry retry;
    private readonly ILogger<OkApiClient> logger;

    public OkApiClient(IHttpClientFactory httpClients, IOptions<OkOptions> options, TimeProvider clock, ILogger<OkApiClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        this.httpClients = httpClients;
        this.logger = logger;
        Options = options.Value;
        Pacer = new RequestPacer(Options.RequestsPerSecond, clock);
        retry = new TransientRetry(Options, clock);
    }

    public OkOptions Options { get; }

    /// <summary>The one rate gate of every OK call of this process.</summary>
    public RequestPacer Pacer { get; }

    /// <summary>
    /// Calls <paramref name="method"/> and returns its result, or null when OK answered the literal <c>null</c> (an empty result).
    /// Throws <see cref="PlatformAuthException"/>, <see cref="PermanentPageException"/>, <see cref="OkApiException"/>, or
    /// <see cref="TransientPlatformException"/> once the retries are spent.
    /// </summary>
    public Task<JsonElement?> CallAsync(string method, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!Options.HasCredentials)
        {
            throw new PlatformAuthException(OkPageSource.MissingCredentialsReason);
        }

        return retry.RunAsync(token => SendOnceAsync(method, parameters, token), cancellationToken);
    }

    private async Task<JsonElement?> SendOnceAsync(string method, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var signed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["method"] = method,
            ["application_key"] = Options.ApplicationKey!,
            ["format"] = "json",
        };
        foreach (var (key, value) in parameters)
        {
            signed[key] = value;
        }

        var signature = OkSignature.Compute(signed, Options.AccessToken!, Options.ApplicationSecretKey!);
        var form = new List<KeyValuePair<string, string>>(signed)
        {
            new("access_token", Options.AccessToken!),
            new("sig", signature),
        };

        // Each try is a request of its own, so each takes a turn of the shared pacer.
        await Pacer.WaitTurnAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "fb.do") { Content = new FormUrlEncodedContent(form) };
        var client = httpClients.CreateClient(OkRegistration.HttpClientName);
        var started = Stopwatch.GetTimestamp();
        using var response = await PlatformHttp.SendAsync(client, request, PlatformName, cancellationToken);
        var body = await PlatformHttp.ReadBodyAsync(response, PlatformName, cancellationToken);
        LogCall(logger, method, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Interpret(method, response, body, signature);
    }

    private JsonElement? Interpret(string method, HttpResponseMessage response, string body, string signature)
    {
        var headerCode = response.Headers.TryGetValues("invocation-error", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : (int?)null;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            if (headerCode is int code)
            {
                throw OkErrors.For(code, method, "no error message");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OkApiException(0, $"OK answered HTTP {(int)response.StatusCode} to {method}.");
            }

            // A body cut short or garbled by a proxy: worth another try.
            throw new TransientPlatformException($"OK returned malformed JSON for {method}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && PlatformJson.Long(root, "error_code") is long errorCode)
            {
                throw OkErrors.For((int)errorCode, method, Redact(PlatformJson.String(root, "error_msg"), signature));
            }

            if (headerCode is int code)
            {
                throw OkErrors.For(code, method, "no error message");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OkApiException(0, $"OK answered HTTP {(int)response.StatusCode} to {method}.");
            }

            return root.ValueKind == JsonValueKind.Null ? null : root.Clone();
        }
    }

    /// <summary>OK's own message, safe to quote: every credential and the signature masked (some platforms echo the request).</summary>
    private string Redact(string? message, string signature) =>
        PlatformMessages.Quote(message, [
            Options.AccessToken,
            Options.ApplicationSecretKey,
            OkSignature.SessionSecret(Options.AccessToken!, Options.ApplicationSecretKey!),
            signature,
            Options.ApplicationKey,
        ]);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OK {Method} answered HTTP {StatusCode} in {ElapsedMs} ms")]
    private static partial void LogCall(ILogger logger, string method, int statusCode, long elapsedMs);
}
