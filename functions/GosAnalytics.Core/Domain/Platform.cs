namespace GosAnalytics.Core.Domain;

/// <summary>A social platform that hosts government pages. Codes (<see cref="EnumCodes"/>): <c>vk</c>, <c>ok</c>, <c>telegram</c>, <c>max</c> (the national messenger MAX).</summary>
public enum Platform
{
    Vk,
    Ok,
    Telegram,
    Max,
}

/// <summary>The platforms' names as Russian readers know them (exports; the dashboard has the same names).</summary>
public static class PlatformNames
{
    public static string RussianName(this Platform platform) => platform switch
    {
        Platform.Vk => "ВКонтакте",
        Platform.Ok => "Одноклассники",
        Platform.Telegram => "Telegram",
        Platform.Max => "MAX",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };
}
