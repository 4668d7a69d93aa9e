using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Scoring;

/// <summary>
/// Names of peer groups: <c>platform|band|kind</c>, e.g. <c>vk|1k-10k|education</c>, with <c>*</c> for an axis the group
/// does not restrict after a fallback (<c>vk|1k-10k|*</c>, <c>vk|*|*</c>). See docs/metrics.md §4.
/// </summary>
internal static class PeerGroups
{
    /// <summary>Stands for "any" on an axis of a fallback group.</summary>
    public const string Any = "*";

    /// <summary>The name of a peer group; a null band or kind means "any".</summary>
    public static string Name(Platform platform, string? audienceBand, OrganisationKind? kind) =>
        $"{platform.ToCode()}|{audienceBand ?? Any}|{(kind is { } k ? k.ToCode() : Any)}";
}
