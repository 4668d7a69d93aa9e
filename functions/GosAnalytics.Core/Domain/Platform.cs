namespace GosAnalytics.Core.Domain;

/// <summary>A social platform that hosts government pages. Codes (<see cref="EnumCodes"/>): <c>vk</c>, <c>ok</c>, <c>telegram</c>, <c>max</c> (the national messenger MAX).</summary>
public enum Platform
{
    Vk,
    Ok,
    Telegram,
    Max,
}
