namespace GosAnalytics.Collectors.Ok;

/// <summary>
/// An OK error that is neither a credentials problem, nor "try later", nor a page that is gone: the page is skipped for today
/// with the code and OK's (redacted) message, and tried again tomorrow.
/// </summary>
internal sealed class OkApiException(int errorCode, string message) : Exception(message)
{
    /// <summary>OK's <c>error_code</c>; 0 when OK answered an HTTP error without one.</summary>
    public int ErrorCode { get; } = errorCode;
}
