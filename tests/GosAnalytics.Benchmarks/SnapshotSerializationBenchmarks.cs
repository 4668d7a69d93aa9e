using BenchmarkDotNet.Attributes;
using GosAnalytics.Demo;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// One raw snapshot of a 25-page batch through the storage format, without storage: what the collect step does before its
/// upload (serialize, hash, gzip) and the score step after its download (gunzip, parse).
/// </summary>
[MemoryDiagnoser]
[ShortJob]
public class SnapshotSerializationBenchmarks
{
    private RawSnapshot snapshot = null!;
    private byte[] gzipped = [];
    private byte[] gzippedCyrillic = [];

    [GlobalSetup]
    public void Setup()
    {
        var source = new DemoPageSource(new DemoSourceOptions());
        var first = DemoRegion.PlanRequests(source)[0];
        var collection = source.CollectAsync(first, CancellationToken.None).GetAwaiter().GetResult();
        snapshot = DemoRegion.ToRawSnapshot(first, collection, 0);
        gzipped = StorageFormat.Write(snapshot).Gzipped;
        gzippedCyrillic = StorageFormat.Write(snapshot, StorageFormat.CyrillicOptions).Gzipped;
    }

    /// <summary>Serialize, hash and gzip; returns the compressed size.</summary>
    [Benchmark]
    [Work(WorkUnit.OneBatch)]
    public int SerializeGzip() => StorageFormat.Write(snapshot).Gzipped.Length;

    /// <summary>Gunzip and parse; returns the pages read.</summary>
    [Benchmark]
    [Work(WorkUnit.OneBatch)]
    public int GunzipDeserialize() => StorageFormat.Read<RawSnapshot>(gzipped).Pages.Count;

    /// <summary>What-if: the same with Cyrillic written as UTF-8 rather than escaped (not the pipeline's format).</summary>
    [Benchmark]
    [Work(WorkUnit.OneBatch)]
    public int SerializeGzipCyrillicUtf8() => StorageFormat.Write(snapshot, StorageFormat.CyrillicOptions).Gzipped.Length;

    /// <summary>What-if: reading that format.</summary>
    [Benchmark]
    [Work(WorkUnit.OneBatch)]
    public int GunzipDeserializeCyrillicUtf8() => StorageFormat.Read<RawSnapshot>(gzippedCyrillic, StorageFormat.CyrillicOptions).Pages.Count;
}
