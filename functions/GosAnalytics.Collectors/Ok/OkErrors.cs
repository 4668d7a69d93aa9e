using GosAnalytics.Collectors.Http;

namespace GosAnalytics.Collectors.Ok;

/// <summary>What each OK error code means for the collector (apiok.ru/en/dev/errors). Messages name the setting to fix, never its value.</summary>
internal static class OkErrors
{
    public const string SessionExpired = "OK session expired (error 102): renew Ok:AccessToken";
    public const string BadSignature = "OK rejected the request signature (error 104): check Ok:ApplicationSecretKey and Ok:AccessToken";

    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "UNKNOWN",
        [2] = "SERVICE",
        [3] = "METHOD",
        [4] = "REQUEST",
        [7] = "ACTION_BLOCKED",
        [8] = "FLOOD_BLOCKED",
        [9] = "IP_BLOCKED",
        [10] = "PERMISSION_DENIED",
        [11] = "LIMIT_REACHED",
        [50] = "NOT_ADMIN",
        [100] = "PARAM",
        [101] = "PARAM_API_KEY",
        [102] = "PARAM_SESSION_EXPIRED",
        [103] = "PARAM_SESSION_KEY",
        [104] = "PARAM_SIGNATURE",
        [160] = "PARAM_GROUP_ID",
        [200] = "PARAM_PERMISSION",
        [210] = "APPLICATION_DISABLED",
        [300] = "NOT_FOUND",
        [401] = "AUTH_LOGIN",
        [402] = "AUTH_LOGIN_CAPTCHA",
        [403] = "AUTH_LOGIN_WEB_HUMAN_CHECK",
        [453] = "SESSION_REQUIRED",
        [455] = "FRIEND_RESTRICTION",
        [456] = "GROUP_RESTRICTION",
        [457] = "UNAUTHORIZED_RESTRICTION",
        [9999] = "SYSTEM",
    };

    public static string Name(int code) => Names.TryGetValue(code, out var name) ? name : "unlisted";

    /// <summary>
    /// The exception for an OK error. <paramref name="platformMessage"/> must already be redacted; it is quoted only where OK's
    /// own words help an operator (page and unlisted errors), never in the credential messages, which are fixed texts.
    /// </summary>
    public static Exception For(int code, string method, string platformMessage) => code switch
    {
        102 => new PlatformAuthException(SessionExpired),
        104 => new PlatformAuthException(BadSignature),
        101 => new PlatformAuthException("OK rejected the application key (error 101): check Ok:ApplicationKey"),
        103 => new PlatformAuthException("OK rejected the session (error 103): check Ok:AccessToken"),
        453 => new PlatformAuthException($"OK requires a user session for {method} (error 453): set a valid Ok:AccessToken"),
        >= 401 and <= 403 => new PlatformAuthException(
            $"OK refused the collecting account's authorisation (error {code} {Name(code)}): sign in to OK with that account and renew Ok:AccessToken"),

        // "Later" codes: a hiccup, flood control or a spent budget. Backoff is all we can do; the day's run tolerates a skipped page.
        1 or 2 or 8 or 9 or 11 or 9999 => new TransientPlatformException($"OK error {code} ({Name(code)}) in {method}: try later."),

        // The page itself is gone, unknown or closed to us: retrying tomorrow will not help.
        100 or 160 or 300 or 456 => new PermanentPageException($"OK error {code} ({Name(code)}) in {method}: {platformMessage}"),

        _ => new OkApiException(code, $"OK error {code} ({Name(code)}) in {method}: {platformMessage}"),
    };
}
