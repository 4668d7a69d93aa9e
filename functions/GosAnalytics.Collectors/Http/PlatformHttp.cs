using System.Net;
using System.Text.Json;

namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Sends one request and turns transport failures into <see cref="TransientPlatformException"/> with a message that carries
/// no secret: tokens travel in form bodies, and neither URLs nor bodies are ever written into messages or logs.
/// </summary>
internal static class PlatformHttp
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string platformName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientPlatformException($"{platformName} did not answer within {client.Timeout.TotalSeconds:0.#} s.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new TransientPlatformException($"{platformName} could not be reached ({exception.HttpRequestError}).", exception);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            var status = (int)response.StatusCode;
            var retryAfter = RetryAfter(response);
            response.Dispose();
            throw new TransientPlatformException($"{platformName} answered HTTP {status}.") { RetryAfter = retryAfter, HttpStatus = status };
        }

        return response;
    }

    /// <summary>The pause a <c>Retry-After</c> header asks for (seconds or a date); null without one or when it is already past.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay > TimeSpan.Zero ? delay : null;
    }

    /// <summary>
    /// Parses the (already buffered) body as JSON straight from its UTF-8 bytes, without a string in between: VK's execute
    /// answers run to hundreds of kilobytes. The element owns its memory (no document to dispose), so parts of it can be kept
    /// without copying. A body that is not JSON, or is cut off, counts as a transient failure.
    /// </summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string platformName, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<JsonElement>(body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new TransientPlatformException($"{platformName} answered {what} with malformed JSON (HTTP {(int)response.StatusCode}).", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientPlatformException($"{platformName} broke off its answer.", exception);
        }
    }

    /// <summary>Reads the body as text; a body cut off mid-way counts as a transient failure.</summary>
    public static async Task<string> ReadBodyAsync(HttpResponseMessage response, string platformName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientPlatformException($"{platformName} broke off its answer.", exception);
        }
    }
}
