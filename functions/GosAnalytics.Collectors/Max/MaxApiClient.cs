using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using GosAnalytics.Collectors.Http;
using GosAnalytics.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Collectors.Max;

/// <summary>
/// Calls the MAX Bot API (<c>GET</c> relative to <see cref="PlatformClientOptions.BaseAddress"/>) with the bot token in the
/// <c>Authorization</c> header, paced by the bot's <see cref="MaxRateGate"/> and retried on transient failures (429, 5xx,
/// timeouts, malformed JSON). Errors come as HTTP statuses with a body <c>{"code","message"}</c>.
/// </summary>
/// <remarks>
/// The token is sent raw, with no <c>Bearer</c> prefix (MAX refuses one), and never in the query string, which MAX no longer
/// accepts and proxies would log. A singleton: the gate must be shared by every worker that uses the token.
/// </remarks>
internal sealed partial class MaxApiClient
{
    public const string PlatformName = "MAX";

    /// <summary>The most posts or comments one <c>GET /messages</c> or <c>/comments</c> call returns.</summary>
    public const int MaxCount = 100;

    private readonly IHttpClientFactory httpClients;
    private readonly TransientRetry retry;
    private readonly ILogger<MaxApiClient> logger;
    private readonly TimeProvider clock;
    private long tooManyRequestsAnswers;

    public MaxApiClient(IHttpClientFactory httpClients, IOptions<MaxOptions> options, TimeProvider clock, ILogger<MaxApiClient> logger, SharedRateLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        this.httpClients = httpClients;
        this.logger = logger;
        this.clock = clock;
        Options = options.Value;
        Gate = new MaxRateGate(Options.RequestsPerSecond, clock, Options.HasBotToken ? ledger : null, Options.HasBotToken ? LedgerName(Options.BotToken!) : "");
        retry = new TransientRetry(Options, clock);
    }

    public MaxOptions Options { get; }

    /// <summary>The one rate gate of every call with the bot token in this process.</summary>
    public MaxRateGate Gate { get; }

    /// <summary>HTTP 429 answers seen (each retried): the gate should keep this at zero.</summary>
    public long TooManyRequestsAnswers => Interlocked.Read(ref tooManyRequestsAnswers);

    /// <summary>
    /// The ledger row of a token: <c>bot-</c> and the first 16 hex digits of a SHA-256 of its value. A replaced token gets a row of
    /// its own; the value itself is never stored.
    /// </summary>
    public static string LedgerName(string botToken)
    {
        ArgumentNullException.ThrowIfNull(botToken);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("GosAnalytics.MaxBot\n" + botToken));
        return "bot-" + Convert.ToHexStringLower(hash, 0, 8);
    }

    /// <summary><c>GET /chats/{chatId}</c> or <c>GET /chats/{link}</c>.</summary>
    public Task<JsonElement> GetChatAsync(string chatIdOrLink, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatIdOrLink);
        return GetAsync("chats/" + Uri.EscapeDataString(chatIdOrLink), "GET /chats", cancellationToken);
    }

    /// <summary><c>GET /messages?chat_id=…&amp;count=…[&amp;before=…]</c>: the channel's posts, newest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetMessagesAsync(long chatId, int count, long? before, CancellationToken cancellationToken)
    {
        var path = $"messages?chat_id={Value(chatId)}&count={Value(Math.Clamp(count, 1, MaxCount))}" + (before is { } b ? $"&before={Value(b)}" : "");
        return [.. PlatformJson.Array(await GetAsync(path, "GET /messages", cancellationToken), "messages")];
    }

    /// <summary><c>GET /messages/{mid}/comments?count=…[&amp;before=…]</c>: a post's comments, newest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetCommentsAsync(string mid, int count, long? before, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mid);
        var path = $"messages/{Uri.EscapeDataString(mid)}/comments?count={Value(Math.Clamp(count, 1, MaxCount))}" + (before is { } b ? $"&before={Value(b)}" : "");
        return [.. PlatformJson.Array(await GetAsync(path, "GET /messages/{mid}/comments", cancellationToken), "messages")];
    }

    /// <summary>
    /// <c>GET /updates</c> (long polling): up to <paramref name="limit"/> updates after <paramref name="marker"/> (null: from the
    /// oldest kept), waiting up to <paramref name="timeoutSeconds"/> for one; <paramref name="types"/> filters by <c>update_type</c>
    /// (empty: all). The wait must end before <see cref="PlatformClientOptions.RequestTimeout"/>, or every poll would time out.
    /// </summary>
    public async Task<MaxUpdatePage> GetUpdatesAsync(long? marker, int limit, int timeoutSeconds, IReadOnlyList<string> types, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeoutSeconds, 90);
        if (TimeSpan.FromSeconds(timeoutSeconds) >= Options.RequestTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(timeoutSeconds), timeoutSeconds, "The long-polling wait must be shorter than Max:RequestTimeout.");
        }

        var path = $"updates?limit={Value(limit)}&timeout={Value(timeoutSeconds)}"
            + (marker is { } m ? $"&marker={Value(m)}" : "")
            + (types.Count > 0 ? "&types=" + string.Join(',', types.Select(Uri.EscapeDataString)) : "");
        var answer = await GetAsync(path, "GET /updates", cancellationToken);
        return new MaxUpdatePage([.. PlatformJson.Array(answer, "updates").Select(update => update.Clone())], PlatformJson.Long(answer, "marker"));
    }

    public static string Value(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One GET and its JSON answer. Throws <see cref="PlatformAuthException"/> (401), <see cref="PermanentPageException"/> (403, 404),
    /// <see cref="MaxApiException"/> (other 4xx), or <see cref="TransientPlatformException"/> once the retries are spent.
    /// </summary>
    private Task<JsonElement> GetAsync(string path, string what, CancellationToken cancellationToken)
    {
        if (!Options.HasBotToken)
        {
            throw new PlatformAuthException(MaxPageSource.MissingTokenReason);
        }

        return retry.RunAsync(token => SendOnceAsync(path, what, token), cancellationToken);
    }

    private async Task<JsonElement> SendOnceAsync(string path, string what, CancellationToken cancellationToken)
    {
        // Each try is a request of its own, so each takes a turn of the bot's gate.
        await Gate.WaitTurnAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", Options.BotToken);
        request.Options.Set(MaxSendPacingHandler.TurnKey, new MaxTurn(Gate, clock.GetTimestamp()));
        var client = httpClients.CreateClient(MaxRegistration.HttpClientName);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await PlatformHttp.SendAsync(client, request, PlatformName, cancellationToken);
        }
        catch (TransientPlatformException exception) when (exception.HttpStatus == (int)HttpStatusCode.TooManyRequests)
        {
            Interlocked.Increment(ref tooManyRequestsAnswers);
            LogTooManyRequests(logger, what);
            throw;
        }

        using (response)
        {
            LogCall(logger, what, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.IsSuccessStatusCode)
            {
                var json = await PlatformHttp.ReadJsonAsync(response, PlatformName, what, cancellationToken);
                return json.ValueKind == JsonValueKind.Object
                    ? json
                    : throw new TransientPlatformException($"MAX answered {what} with JSON that is not an object.");
            }

            var body = await PlatformHttp.ReadBodyAsync(response, PlatformName, cancellationToken);
            throw Error(response.StatusCode, body, what);
        }
    }

    /// <summary>The exception for an HTTP error; MAX's own message is quoted with the token masked (platforms echo requests).</summary>
    private Exception Error(HttpStatusCode status, string body, string what)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            code = PlatformJson.String(document.RootElement, "code");
            message = PlatformJson.String(document.RootElement, "message");
        }
        catch (JsonException)
        {
            // An error page from a proxy: the status alone tells what happened.
        }

        var quoted = PlatformMessages.Quote(message, [Options.BotToken]);
        var key = PlatformMessages.Quote(code, [Options.BotToken]);
        var described = code is null ? $"HTTP {(int)status}" : $"HTTP {(int)status} {key}";
        return status switch
        {
            // Fixed text: whatever MAX says, the fix is the setting, and its value is never written.
            HttpStatusCode.Unauthorized => new PlatformAuthException(
                $"MAX refused the bot token ({described}): check {MaxOptions.BotTokenSetting}; nothing is collected from MAX until it is fixed."),
            HttpStatusCode.Forbidden => new PermanentPageException(
                $"MAX denies the bot access to the channel ({described}: {quoted}): the bot is not an administrator of it, or was removed; "
                + "a channel administrator has to add the bot again."),
            HttpStatusCode.NotFound => new PermanentPageException($"MAX knows no such channel ({described}: {quoted})."),
            _ => new MaxApiException((int)status, code, $"MAX answered {what} with {described}: {quoted}"),
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MAX {What} answered HTTP {StatusCode} in {ElapsedMs} ms")]
    private static partial void LogCall(ILogger logger, string what, int statusCode, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAX {What} answered HTTP 429 (too many requests); retried after a pause")]
    private static partial void LogTooManyRequests(ILogger logger, string what);
}

/// <summary>
/// A MAX error that is neither the token, nor "try later", nor a channel that is gone or closed to the bot (e.g. 400 or 405): the
/// page is skipped for today with the status, MAX's code and its (redacted) message, and tried again tomorrow.
/// </summary>
internal sealed class MaxApiException(int status, string? code, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>MAX's error key, e.g. <c>chat.denied</c>; null when the body had none.</summary>
    public string? Code { get; } = code;
}
