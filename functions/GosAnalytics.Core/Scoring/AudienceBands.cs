namespace GosAnalytics.Core.Scoring;

/// <summary>Audience-size bands by subscriber count; one axis of the peer group (docs/metrics.md §4).</summary>
internal static class AudienceBands
{
    /// <summary>Fewer than 1,000 subscribers.</summary>
    public const string Below1K = "<1k";

    /// <summary>1,000 to 9,999 subscribers.</summary>
    public const string From1KTo10K = "1k-10k";

    /// <summary>10,000 to 99,999 subscribers.</summary>
    public const string From10KTo100K = "10k-100k";

    /// <summary>100,000 subscribers or more.</summary>
    public const string From100K = "100k+";

    /// <summary>The bands from smallest to largest.</summary>
    public static IReadOnlyList<string> All { get; } = [Below1K, From1KTo10K, From10KTo100K, From100K];

    /// <summary>The band of a page with <paramref name="subscribers"/> subscribers (lower bound inclusive).</summary>
    public static string Of(long subscribers) => All[IndexOf(subscribers)];

    internal static int IndexOf(long subscribers) => subscribers switch
    {
        < 1_000 => 0,
        < 10_000 => 1,
        < 100_000 => 2,
        _ => 3,
    };
}
