using System.Net;

namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Sends one request and turns transport failures into <see cref="TransientPlatformException"/> with a message that carries
/// no secret: tokens travel in form bodies, and neither URLs nor bodies are ever written into messages or logs.
/// </summary>
public static class PlatformHttp
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
            response.Dispose();
            throw new TransientPlatformException($"{platformName} answered HTTP {status}.");
        }

        return response;
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
