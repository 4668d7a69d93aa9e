using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GosAnalytics.Benchmarks;

/// <summary>Derived throughput: pages (or posts) of one invocation's workload ÷ mean time of one invocation.</summary>
internal sealed class ThroughputColumn(string name, Func<WorkSize, long?> count) : IColumn
{
    public static readonly IColumn PagesPerSecond = new ThroughputColumn("Pages/s", size => size.Pages);

    public static readonly IColumn PostsPerSecond = new ThroughputColumn("Posts/s", size => size.Posts);

    public string Id => nameof(ThroughputColumn) + "." + ColumnName;

    public string ColumnName { get; } = name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{ColumnName}: work of one invocation (see [Work] on the method) ÷ Mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var unit = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkAttribute>()?.Unit;
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (unit is not { } work || meanNs is not > 0 || count(Workloads.Of(work)) is not { } items)
        {
            return "-";
        }

        return (items / (meanNs.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;
}
