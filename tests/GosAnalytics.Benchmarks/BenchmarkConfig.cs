using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// The derived throughput columns and one joined summary table. Jobs are short and set per class (<see cref="ShortJobAttribute"/>,
/// <see cref="SecondsJobAttribute"/>) so that the whole run takes a few minutes on a 2-core machine. Results go under the
/// build output (ignored by git) unless <c>--artifacts</c> says otherwise.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddColumn(ThroughputColumn.PagesPerSecond, ThroughputColumn.PostsPerSecond)
            .HideColumns(Column.IterationCount, Column.WarmupCount, Column.RunStrategy, Column.UnrollFactor, "MinWarmupIterationCount", "MaxWarmupIterationCount")
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared))
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
}

/// <summary>
/// Operations of milliseconds to a second: 5 measured iterations after 4 to 12 warm-up iterations (until steady).
/// When an operation's first, unoptimised, calls take hundreds of milliseconds it runs once per iteration; a fixed
/// 2 warm-ups then end before tiered JIT has recompiled the hot methods, and the first measured iterations come out
/// several times slower than the rest.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortJobAttribute() : JobConfigBaseAttribute(
    Job.Default.WithMinWarmupCount(4).WithMaxWarmupCount(12).WithIterationCount(5).WithId("Short"));

/// <summary>Operations of seconds: one invocation per iteration, 1 warm-up and 3 measured iterations.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SecondsJobAttribute() : JobConfigBaseAttribute(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(3).WithId("Seconds"));
