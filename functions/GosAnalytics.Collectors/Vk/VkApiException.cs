namespace GosAnalytics.Collectors.Vk;

/// <summary>An error VK answered for one call (schema <c>base_error</c>); the message is VK's own text with anything token-like masked.</summary>
internal sealed class VkApiException(int code, string message) : Exception($"VK error {code}: {message}")
{
    public int Code { get; } = code;

    public string PlatformMessage { get; } = message;
}

/// <summary>VK's error codes and what the collector does about each (docs/collectors.md).</summary>
internal static class VkErrorCodes
{
    public const int Unknown = 1;
    public const int Auth = 5;
    public const int TooManyRequests = 6;
    public const int Flood = 9;
    public const int Server = 10;
    public const int Captcha = 14;
    public const int Access = 15;
    public const int UserDeleted = 18;
    public const int GroupAuth = 27;
    public const int AppAuth = 28;
    public const int RateLimit = 29;
    public const int PrivateProfile = 30;
    public const int Timeout = 36;
    public const int Param = 100;
    public const int InvalidUserId = 113;
    public const int InvalidGroupId = 125;
    public const int GroupAccessDenied = 203;

    /// <summary>Worth another try soon, possibly with the same token.</summary>
    public static bool IsTransient(int code) => code is Unknown or TooManyRequests or Flood or Server or Timeout;

    /// <summary>The token was refused: it leaves the pool and an operator must replace it.</summary>
    public static bool IsAuthFailure(int code) => code is Auth or GroupAuth or AppAuth;

    /// <summary>The page itself cannot be read and will not be tomorrow either.</summary>
    public static bool IsPermanentForPage(int code) => code is Access or UserDeleted or PrivateProfile or Param or InvalidUserId or InvalidGroupId or GroupAccessDenied;
}
