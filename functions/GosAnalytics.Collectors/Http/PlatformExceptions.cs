namespace GosAnalytics.Collectors.Http;

/// <summary>
/// A failure worth trying again: a timeout, HTTP 5xx or 429, a dropped connection, or a platform code that means "later".
/// Messages name the platform and the cause, never a token or a signed URL.
/// </summary>
internal sealed class TransientPlatformException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>
    /// The pause the platform asked for in a <c>Retry-After</c> header, if it sent one: the retry waits at least that long (capped
    /// at <see cref="TransientRetry.MaxDelay"/>), since trying sooner would only earn the same answer.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The HTTP status that made the failure (429, 5xx); null for timeouts, dropped connections and unreadable bodies.</summary>
    public int? HttpStatus { get; init; }
}

/// <summary>
/// A failure of one page that will not heal by retrying today: the page is deleted, banned, closed or unknown.
/// The page is skipped with <see cref="Exception.Message"/> as the reason and recorded in the registry.
/// </summary>
internal sealed class PermanentPageException(string message) : Exception(message);

/// <summary>
/// The platform refused our credentials (an expired session, a bad signature, a revoked token).
/// Nothing collects until an operator fixes the setting named in the message, so it is logged as critical.
/// </summary>
internal sealed class PlatformAuthException(string message) : Exception(message);
