using System.Diagnostics;
using System.Diagnostics.Metrics;
using GosAnalytics.Storage;

namespace GosAnalytics.Pipeline;

/// <summary>
/// The stages of a daily run. Each stage driver opens <see cref="Begin"/> for the length of one invocation: its storage requests are
/// counted under the stage's name (<see cref="StorageOperationCounter"/>), and the meter <see cref="MeterName"/> records how long it
/// took (histogram <c>gosanalytics.stage.duration</c>, seconds) and how many invocations run (<c>gosanalytics.stage.active</c>), tagged
/// <c>stage</c> — what Application Insights collects on Azure and the scale bench reads locally.
/// </summary>
public static class PipelineStages
{
    public const string Plan = "plan";
    public const string Collect = "collect";
    public const string Score = "score";
    public const string Aggregate = "aggregate";

    public const string MeterName = "GosAnalytics.Pipeline";
    public const string DurationInstrument = "gosanalytics.stage.duration";
    public const string ActiveInstrument = "gosanalytics.stage.active";
    public const string StageTag = "stage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of one invocation of a pipeline stage.");
    private static readonly UpDownCounter<int> Active = Meter.CreateUpDownCounter<int>(ActiveInstrument, "{invocation}", "Invocations of a pipeline stage in progress.");

    public static IReadOnlyList<string> All { get; } = [Plan, Collect, Score, Aggregate];

    /// <summary>Marks the calling flow as one invocation of <paramref name="stage"/> until disposed.</summary>
    public static IDisposable Begin(string stage)
    {
        var tag = new KeyValuePair<string, object?>(StageTag, stage);
        Active.Add(1, tag);
        return new Invocation(StorageOperationCounter.Stage(stage), tag, Stopwatch.GetTimestamp());
    }

    private sealed class Invocation(IDisposable storageStage, KeyValuePair<string, object?> tag, long started) : IDisposable
    {
        public void Dispose()
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
            Active.Add(-1, tag);
            storageStage.Dispose();
        }
    }
}
