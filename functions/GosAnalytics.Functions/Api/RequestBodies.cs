using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// Reads a request body whatever its framing (a <c>Content-Length</c>, chunked transfer encoding, or neither), never more than a
/// bound: a body over it is refused as soon as it is known to be, before the server's own limit turns it into an error.
/// </summary>
internal static class RequestBodies
{
    /// <summary>The whole body (empty when there is none), or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.ContentLength == 0)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(81920, maxBytes + 1)];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The answer to a body over the bound: 413, saying what the bound is.</summary>
    public static ObjectResult TooLarge(int maxBytes, string advice) =>
        Problems.ContentTooLarge($"The request body is larger than {Size(maxBytes)}; {advice}");

    private static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{bytes / 1024} KB";
}
