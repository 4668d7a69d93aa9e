using GosAnalytics.Demo;

namespace GosAnalytics.Benchmarks;

/// <summary>How much work one invocation of a benchmark does, for the derived pages/s and posts/s columns.</summary>
internal enum WorkUnit
{
    /// <summary>The whole demo region, collected for one metric day.</summary>
    DemoRegion,

    /// <summary>A national scored set of <see cref="Workloads.NationalPages"/> pages.</summary>
    National,

    /// <summary>The first 25-page VK batch of the demo region.</summary>
    OneBatch,
}

/// <summary>Marks a benchmark method with the work one invocation does.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WorkAttribute(WorkUnit unit) : Attribute
{
    public WorkUnit Unit { get; } = unit;
}

/// <summary>Pages and posts processed by one invocation (posts: those in the 30-day collection window).</summary>
internal readonly record struct WorkSize(long Pages, long? Posts);

/// <summary>
/// Sizes of the workloads, computed once in the host process (the demo generator is deterministic, so they equal what the
/// benchmark processes build in their GlobalSetup).
/// </summary>
internal static class Workloads
{
    public const int NationalPages = 130_000;

    private static readonly Lazy<Facts> Computed = new(Compute);

    public static WorkSize Of(WorkUnit unit) => unit switch
    {
        WorkUnit.DemoRegion => new WorkSize(Computed.Value.RegionPages, Computed.Value.RegionPosts),
        WorkUnit.National => new WorkSize(NationalPages, null),
        WorkUnit.OneBatch => new WorkSize(Computed.Value.BatchPages, Computed.Value.BatchPosts),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    public static void Print(TextWriter output)
    {
        var f = Computed.Value;
        output.WriteLine($"// Workload: demo region {f.RegionPages:N0} pages in {f.RegionBatches} batches ({f.RegionSkipped} skipped), "
            + $"{f.RegionPosts:N0} posts and {f.RegionComments:N0} citizens' comments in the 30-day window of {DemoRegion.MetricDay:yyyy-MM-dd}; "
            + $"first VK batch {f.BatchPages} pages, {f.BatchPosts:N0} posts, JSON {f.BatchJsonBytes:N0} B, gzip {f.BatchGzipBytes:N0} B "
            + $"(with Cyrillic as UTF-8: {f.CyrillicJsonBytes:N0} B, gzip {f.CyrillicGzipBytes:N0} B); "
            + $"national ranking set {NationalPages:N0} pages.");
    }

    private static Facts Compute()
    {
        var source = new DemoPageSource(new DemoSourceOptions());
        var requests = DemoRegion.PlanRequests(source);
        var batches = DemoRegion.CollectAll(source, requests);
        var first = DemoRegion.ToRawSnapshot(requests[0], batches[0], 0);
        var written = StorageFormat.Write(first);
        var cyrillic = StorageFormat.Write(first, StorageFormat.CyrillicOptions);

        return new Facts(
            RegionPages: batches.Sum(b => b.Pages.Count),
            RegionBatches: batches.Count,
            RegionSkipped: batches.Sum(b => b.Skipped.Count),
            RegionPosts: batches.Sum(b => b.Pages.Sum(p => (long)p.Posts.Count)),
            RegionComments: batches.Sum(b => b.Pages.Sum(p => (long)p.CitizenComments.Count)),
            BatchPages: first.Pages.Count,
            BatchPosts: first.Pages.Sum(p => (long)p.Posts.Count),
            BatchJsonBytes: written.JsonBytes,
            BatchGzipBytes: written.Gzipped.Length,
            CyrillicJsonBytes: cyrillic.JsonBytes,
            CyrillicGzipBytes: cyrillic.Gzipped.Length);
    }

    private sealed record Facts(
        long RegionPages,
        int RegionBatches,
        int RegionSkipped,
        long RegionPosts,
        long RegionComments,
        long BatchPages,
        long BatchPosts,
        long BatchJsonBytes,
        long BatchGzipBytes,
        long CyrillicJsonBytes,
        long CyrillicGzipBytes);
}
