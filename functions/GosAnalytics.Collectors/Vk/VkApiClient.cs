using System.Globalization;
using System.Text;
using System.Text.Json;
using GosAnalytics.Collectors.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors.Vk;

/// <summary>One VK API method call: name and parameters, as a plain request or as one line of an <c>execute</c>.</summary>
internal sealed record VkMethodCall(string Method, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsWallGet => Method == "wall.get";
}

/// <summary>The outcome of one call inside <c>execute</c>: its response, or the error VK reported for it.</summary>
internal sealed record VkCallOutcome(JsonElement? Response, VkApiException? Error)
{
    public bool Succeeded => Response is not null;
}

/// <summary>
/// VK API over plain HTTP (form-encoded POST to <c>{BaseAddress}{method}</c>, version pinned): tokens from the pool, errors mapped
/// to what the collector does about them, <c>execute</c> with up to 25 calls and its partial failures.
/// The token travels in the form body, never in the URL, and no message or log line carries it.
/// </summary>
internal sealed class VkApiClient(
    IHttpClientFactory httpClients,
    VkTokenPool pool,
    IOptions<VkOptions> options,
    TimeProvider clock,
    ILogger<VkApiClient> logger)
{
    /// <summary>VK's limit of API calls inside one <c>execute</c>.</summary>
    public const int MaxCallsPerExecute = 25;

    private const string PlatformName = "VK";
    private readonly TransientRetry retry = new(options.Value, clock);
    private readonly SemaphoreSlim firstRequest = new(1, 1);
    private volatile bool warm;
    private long tooManyRequestsAnswers;

    /// <summary>Error-6 answers seen by this client since start: the rate limiter's report card (zero is the target).</summary>
    public long TooManyRequestsAnswers => Interlocked.Read(ref tooManyRequestsAnswers);

    /// <summary>Calls one method. Transient failures are retried; a token VK refuses is swapped for another.</summary>
    /// <exception cref="VkApiException">VK answered an error that is about the request or page, not the token.</exception>
    public async Task<JsonElement> CallAsync(VkMethodCall call, VkTokenNeeds needs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var spend = needs with { WallGetCalls = call.IsWallGet ? 1 : 0 };
        var answer = await retry.RunAsync(ct => SendWithPoolAsync(call.Method, call.Parameters, spend, ct), cancellationToken);
        return answer.Response;
    }

    /// <summary>
    /// Runs the calls through <c>execute</c>, 25 at a time, and answers one outcome per call in order. Calls that fail inside
    /// an <c>execute</c> for a passing reason (a token's daily limit, a server hiccup) run again in a later round, after the
    /// same backoff as a retry; the last round's outcomes stand.
    /// </summary>
    public async Task<IReadOnlyList<VkCallOutcome>> ExecuteAllAsync(IReadOnlyList<VkMethodCall> calls, VkTokenNeeds needs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var outcomes = new VkCallOutcome?[calls.Count];
        var pending = Enumerable.Range(0, calls.Count).ToList();
        if (pending.Count == 0)
        {
            return [];
        }

        await retry.RunRoundsAsync(
            async (round, ct) =>
            {
                var retryLater = new List<int>();
                foreach (var chunk in pending.Chunk(MaxCallsPerExecute))
                {
                    var chunkCalls = chunk.Select(index => calls[index]).ToList();
                    var (results, lease) = await ExecuteOnceAsync(chunkCalls, needs, ct);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var outcome = results[i];
                        if (outcome.Error is { } error && round < options.Value.MaxAttempts && IsAboutTokenOrMoment(error.Code))
                        {
                            await ReportTokenErrorAsync(lease, error.Code, ct);
                            retryLater.Add(chunk[i]);
                            continue;
                        }

                        outcomes[chunk[i]] = outcome;
                    }
                }

                pending = retryLater;
                return retryLater.Count > 0;
            },
            cancellationToken);

        return outcomes.Select(outcome => outcome!).ToList();
    }

    /// <summary>An error inside an execute that says nothing about the page: a passing failure, or one of the token's.</summary>
    private static bool IsAboutTokenOrMoment(int code) =>
        VkErrorCodes.IsTransient(code) || VkErrorCodes.IsAuthFailure(code) || code is VkErrorCodes.RateLimit or VkErrorCodes.Captcha;

    /// <summary>Tells the pool what a token-level error means for the token; other codes change nothing.</summary>
    private async Task ReportTokenErrorAsync(VkTokenLease lease, int code, CancellationToken cancellationToken)
    {
        if (VkErrorCodes.IsAuthFailure(code))
        {
            await pool.ReportAuthFailureAsync(lease, code, cancellationToken);
        }
        else if (code == VkErrorCodes.Captcha)
        {
            await pool.ReportCaptchaAsync(lease, cancellationToken);
        }
        else if (code == VkErrorCodes.RateLimit)
        {
            await pool.ReportDailyLimitAsync(lease, cancellationToken);
        }
    }

    private async Task<(IReadOnlyList<VkCallOutcome> Outcomes, VkTokenLease Lease)> ExecuteOnceAsync(
        IReadOnlyList<VkMethodCall> calls,
        VkTokenNeeds needs,
        CancellationToken cancellationToken)
    {
        var code = ExecuteCode(calls);
        var parameters = new Dictionary<string, string> { ["code"] = code };
        var spend = needs with { WallGetCalls = calls.Count(call => call.IsWallGet) };
        var answer = await retry.RunAsync(ct => SendWithPoolAsync("execute", parameters, spend, ct), cancellationToken);
        return (ReadExecuteResponse(answer.Response, answer.ExecuteErrors, calls), answer.Lease);
    }

    /// <summary>
    /// VKScript that calls each method and returns their results as one array, e.g.
    /// <c>return [API.wall.get({"owner_id":-1,"count":100})];</c>. Parameters are JSON-encoded, so no value can break the script.
    /// </summary>
    public static string ExecuteCode(IReadOnlyList<VkMethodCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count is 0 or > MaxCallsPerExecute)
        {
            throw new ArgumentOutOfRangeException(nameof(calls), calls.Count, $"An execute carries 1 to {MaxCallsPerExecute} calls.");
        }

        var code = new StringBuilder("return [");
        for (var i = 0; i < calls.Count; i++)
        {
            code.Append(i == 0 ? "" : ",").Append("API.").Append(calls[i].Method).Append('(')
                .Append(JsonSerializer.Serialize(calls[i].Parameters)).Append(')');
        }

        return code.Append("];").ToString();
    }

    /// <summary>Matches the <c>false</c> items of an execute answer with <c>execute_errors</c>, which VK lists in the order of the failures.</summary>
    public static IReadOnlyList<VkCallOutcome> ReadExecuteResponse(JsonElement response, IReadOnlyList<VkApiException> executeErrors, IReadOnlyList<VkMethodCall> calls)
    {
        ArgumentNullException.ThrowIfNull(executeErrors);
        ArgumentNullException.ThrowIfNull(calls);
        var items = response.ValueKind == JsonValueKind.Array ? response.EnumerateArray().ToList() : [];
        var outcomes = new List<VkCallOutcome>(calls.Count);
        var nextError = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            if (i < items.Count && items[i].ValueKind is not (JsonValueKind.False or JsonValueKind.Null))
            {
                outcomes.Add(new VkCallOutcome(items[i], null));
                continue;
            }

            var error = nextError < executeErrors.Count
                ? executeErrors[nextError++]
                : new VkApiException(VkErrorCodes.Unknown, $"execute returned no result for {calls[i].Method}");
            outcomes.Add(new VkCallOutcome(null, error));
        }

        return outcomes;
    }

    private sealed record Answer(JsonElement Response, IReadOnlyList<VkApiException> ExecuteErrors, VkTokenLease Lease);

    /// <summary>
    /// The process's first request goes alone: it pays for compiling the HTTP stack and opening a connection, hundreds of
    /// milliseconds in which requests paced behind it would pile up and reach VK together (error 6).
    /// </summary>
    private async Task<Answer> SendWithPoolAsync(string method, IReadOnlyDictionary<string, string> parameters, VkTokenNeeds needs, CancellationToken cancellationToken)
    {
        if (warm)
        {
            return await SendWithAnyTokenAsync(method, parameters, needs, cancellationToken);
        }

        await firstRequest.WaitAsync(cancellationToken);
        try
        {
            var answer = await SendWithAnyTokenAsync(method, parameters, needs, cancellationToken);
            warm = true;
            return answer;
        }
        finally
        {
            firstRequest.Release();
        }
    }

    /// <summary>One logical request: takes a token, sends, and on a token-level error hands the request to another token.</summary>
    private async Task<Answer> SendWithAnyTokenAsync(string method, IReadOnlyDictionary<string, string> parameters, VkTokenNeeds needs, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = await pool.AcquireAsync(needs, cancellationToken);
            try
            {
                return await SendOnceAsync(lease, method, parameters, cancellationToken);
            }
            catch (VkApiException error) when (VkErrorCodes.IsAuthFailure(error.Code) || error.Code is VkErrorCodes.Captcha or VkErrorCodes.RateLimit)
            {
                await ReportTokenErrorAsync(lease, error.Code, cancellationToken);
            }
            catch (VkApiException error) when (VkErrorCodes.IsTransient(error.Code))
            {
                if (error.Code == VkErrorCodes.TooManyRequests)
                {
                    Interlocked.Increment(ref tooManyRequestsAnswers);
                    logger.LogWarning("VK answered error 6 (too many requests) to token {Token}", lease.Name);
                }

                throw new TransientPlatformException($"VK answered error {error.Code} ({error.PlatformMessage}) to {method}.", error);
            }
        }
    }

    private async Task<Answer> SendOnceAsync(VkTokenLease lease, string method, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>(parameters.Count + 2);
        form.AddRange(parameters);
        form.Add(new("v", options.Value.ApiVersion));
        form.Add(new("access_token", lease.AccessToken));
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(form) };
        request.Options.Set(VkSendPacingHandler.LeaseKey, lease);
        using var response = await PlatformHttp.SendAsync(httpClients.CreateClient(VkRegistration.HttpClientName), request, PlatformName, cancellationToken);
        var root = await PlatformHttp.ReadJsonAsync(response, PlatformName, method, cancellationToken);
        if (VkJson.Object(root, "error") is { } error)
        {
            throw ToException(error);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("response", out var payload))
        {
            throw new TransientPlatformException($"VK answered {method} without a response (HTTP {(int)response.StatusCode}).");
        }

        var executeErrors = VkJson.Array(root, "execute_errors").Select(ToException).ToList();
        return new Answer(payload, executeErrors, lease);
    }

    /// <summary>VK's error, its message made safe to quote: VK echoes parts of the request, so the pool's tokens and anything token-like are masked.</summary>
    private VkApiException ToException(JsonElement error) =>
        new((int)(VkJson.Int64(error, "error_code") ?? VkErrorCodes.Unknown), PlatformMessages.Quote(VkJson.String(error, "error_msg"), options.Value.Tokens.Select(t => t.Token)));

    /// <summary>Parameter values as VK expects them in a form: invariant numbers, comma-joined lists.</summary>
    public static string Value(long number) => number.ToString(CultureInfo.InvariantCulture);
}
