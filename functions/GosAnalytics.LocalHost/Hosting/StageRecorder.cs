using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GosAnalytics.Pipeline;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// How one stage of the run went on this host: when its first invocation began and its last ended, how many ran and how many of them
/// failed, how long they took (in all — <see cref="BusySeconds"/> —, on average, at the 95th percentile, at most), and the most memory
/// the process held while any ran.
/// </summary>
internal sealed record StageReport(
    string Stage,
    int Invocations,
    int Failures,
    double FirstStartSeconds,
    double LastEndSeconds,
    double BusySeconds,
    double MeanSeconds,
    double P95Seconds,
    double MaxSeconds,
    long PeakWorkingSetBytes)
{
    /// <summary>From the stage's first start to its last end (stages overlap: collect and score run side by side).</summary>
    public double WallSeconds => LastEndSeconds - FirstStartSeconds;
}

/// <summary>
/// Listens to the pipeline's stage meter (<see cref="PipelineStages.MeterName"/>: the instruments every stage invocation records, which
/// OpenTelemetry exports too) and samples the process's working set, so that a run report can say, per stage, its invocations and
/// failures, their durations, its wall time and the peak memory while it ran. Times are seconds since the host started.
/// </summary>
internal sealed class StageRecorder : IHostedService, IDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<string, Stage> stages = new(StringComparer.Ordinal);
    private readonly long origin = Stopwatch.GetTimestamp();
    private readonly MeterListener listener = new();
    private readonly CancellationTokenSource stopping = new();
    private Task sampling = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineStages.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // The run's stages only: serve requests are measured too, and a host serving for days must not keep a duration per request.
        listener.SetMeasurementEventCallback<int>((instrument, change, tags, _) =>
        {
            if (StageOf(tags) is { } stage)
            {
                OnActive(stage, change);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (StageOf(tags) is { } stage)
            {
                StageFor(stage).Completed(seconds, Failed(tags));
            }
        });
        listener.Start();
        sampling = SampleAsync(stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await sampling;
    }

    public IReadOnlyList<StageReport> Report() =>
        [.. PipelineStages.All.Where(stages.ContainsKey).Select(name => stages[name].Report(name))];

    public void Dispose()
    {
        listener.Dispose();
        stopping.Dispose();
    }

    /// <summary>The stage of the run a measurement is tagged with, or null for anything else.</summary>
    private static string? StageOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == PipelineStages.StageTag && tag.Value is string stage && PipelineStages.All.Contains(stage))
            {
                return stage;
            }
        }

        return null;
    }

    private static bool Failed(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == PipelineStages.ErrorTypeTag)
            {
                return true;
            }
        }

        return false;
    }

    private Stage StageFor(string name) => stages.GetOrAdd(name, _ => new Stage());

    private double Now => Stopwatch.GetElapsedTime(origin).TotalSeconds;

    private void OnActive(string name, int change)
    {
        var stage = StageFor(name);
        stage.Change(change, Now, Environment.WorkingSet);
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(SampleInterval, cancellationToken);
                var workingSet = Environment.WorkingSet;
                foreach (var stage in stages.Values)
                {
                    stage.Sample(workingSet);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>The nearest-rank percentile of sorted values (0 for none).</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed class Stage
    {
        private readonly Lock sync = new();
        private int active;
        private int invocations;
        private double firstStart = double.NaN;
        private double lastEnd;
        private readonly List<double> durations = [];
        private int failures;
        private long peak;

        public void Change(int change, double now, long workingSet)
        {
            lock (sync)
            {
                if (change > 0)
                {
                    invocations++;
                    firstStart = double.IsNaN(firstStart) ? now : firstStart;
                }
                else
                {
                    lastEnd = now;
                }

                active += change;
                peak = Math.Max(peak, workingSet);
            }
        }

        public void Completed(double seconds, bool failed)
        {
            lock (sync)
            {
                durations.Add(seconds);
                failures += failed ? 1 : 0;
            }
        }

        public void Sample(long workingSet)
        {
            lock (sync)
            {
                if (active > 0)
                {
                    peak = Math.Max(peak, workingSet);
                }
            }
        }

        public StageReport Report(string name)
        {
            lock (sync)
            {
                var sorted = durations.Order().ToList();
                var total = sorted.Sum();
                return new StageReport(
                    name,
                    invocations,
                    failures,
                    double.IsNaN(firstStart) ? 0 : firstStart,
                    lastEnd,
                    total,
                    sorted.Count == 0 ? 0 : total / sorted.Count,
                    Percentile(sorted, 0.95),
                    sorted.Count == 0 ? 0 : sorted[^1],
                    peak);
            }
        }
    }
}
