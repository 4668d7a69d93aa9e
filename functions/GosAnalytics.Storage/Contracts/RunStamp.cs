using MemoryPack;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// Which run a document or an answer comes from: composed into every snapshot aggregation writes, the latest pointer
/// and every read answer, so the run's identity is one record, not seven fields copied from record to record.
/// </summary>
/// <param name="GeneratedAt">When aggregation wrote the run's documents (UTC); for the latest pointer, when the run completed.</param>
[MemoryPackable]
public sealed partial record RunStamp(string RunId, int Attempt, DateOnly MetricDay, string Source, bool IsDemo, DateTimeOffset GeneratedAt)
{
    /// <summary>The one wording of the demo notice: the API, the dashboard's banner and the weekly workbook all use it (a demo may be one region or the whole country).</summary>
    public const string DemoNotice = "Демонстрационные данные: сгенерированный пример, а не реальные страницы.";

    /// <summary>What analysts must read before trusting the numbers: anything served from demo data says so.</summary>
    [MemoryPackIgnore]
    public string? Notice => IsDemo ? DemoNotice : null;
}

/// <summary>A document aggregation writes for one attempt of a run; readers cache it by that identity.</summary>
public interface IRunSnapshot
{
    RunStamp Run { get; }
}
