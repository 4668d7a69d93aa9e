namespace GosAnalytics.Core.Domain;

/// <summary>A social platform that hosts government pages.</summary>
public enum Platform
{
    Vk,
    Ok,
    Telegram,
}

public static class PlatformCodes
{
    public static string ToCode(this Platform platform) => platform switch
    {
        Platform.Vk => "vk",
        Platform.Ok => "ok",
        Platform.Telegram => "telegram",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };

    public static bool TryParse(string? code, out Platform platform)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "vk": platform = Platform.Vk; return true;
            case "ok": platform = Platform.Ok; return true;
            case "telegram": platform = Platform.Telegram; return true;
            default: platform = default; return false;
        }
    }

    public static IReadOnlyList<string> All { get; } = ["vk", "ok", "telegram"];
}
