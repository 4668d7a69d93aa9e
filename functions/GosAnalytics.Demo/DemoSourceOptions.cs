namespace GosAnalytics.Demo;

/// <summary>Settings of the generated demo region (configuration section <c>Demo</c>, app settings <c>Demo__*</c>).</summary>
public sealed record DemoSourceOptions
{
    public const string SectionName = "Demo";

    /// <summary>Subject code of the generated region; 28 (Amur oblast) has real place names.</summary>
    public int RegionCode { get; init; } = 28;

    /// <summary>Pages in the region: Amur oblast runs 1,188.</summary>
    public int PageCount { get; init; } = 1188;

    /// <summary>Root of every random draw: the same seed always yields the same region.</summary>
    public int Seed { get; init; } = 20221201;

    /// <summary>When above zero, each <see cref="DemoPageSource.CollectAsync"/> call waits this long once, imitating a platform call.</summary>
    public int SimulatedLatencyMs { get; init; }

    internal void Validate()
    {
        if (RegionCode is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(RegionCode), RegionCode, "Region code must be between 1 and 99.");
        }

        if (PageCount is < 1 or > 200_000)
        {
            throw new ArgumentOutOfRangeException(nameof(PageCount), PageCount, "Page count must be between 1 and 200,000.");
        }

        if (SimulatedLatencyMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SimulatedLatencyMs), SimulatedLatencyMs, "Latency cannot be negative.");
        }
    }
}
