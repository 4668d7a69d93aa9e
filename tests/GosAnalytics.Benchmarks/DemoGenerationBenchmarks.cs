using BenchmarkDotNet.Attributes;
using GosAnalytics.Core.Sources;
using GosAnalytics.Demo;

namespace GosAnalytics.Benchmarks;

/// <summary>The demo source generating the whole region for one metric day, batch by batch as the collect step asks for it.</summary>
[MemoryDiagnoser]
[ShortJob]
public class DemoGenerationBenchmarks
{
    private DemoPageSource source = null!;
    private IReadOnlyList<CollectRequest> requests = [];

    [GlobalSetup]
    public void Setup()
    {
        source = new DemoPageSource(new DemoSourceOptions());
        requests = DemoRegion.PlanRequests(source);
    }

    /// <summary>Every batch of the region, one after another (one core); returns the posts generated.</summary>
    [Benchmark]
    [Work(WorkUnit.DemoRegion)]
    public async Task<long> CollectRegion()
    {
        long posts = 0;
        foreach (var request in requests)
        {
            var batch = await source.CollectAsync(request, CancellationToken.None);
            for (var i = 0; i < batch.Pages.Count; i++)
            {
                posts += batch.Pages[i].Posts.Count;
            }
        }

        return posts;
    }
}
