using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GosAnalytics.Pipeline;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>How one stage of the run went on this host: when its first invocation began and its last ended, how many ran, for how long in all, and the most memory the process held while any ran.</summary>
internal sealed record StageReport(string Stage, int Invocations, double FirstStartSeconds, double LastEndSeconds, double BusySeconds, long PeakWorkingSetBytes)
{
    /// <summary>From the stage's first start to its last end (stages overlap: collect and score run side by side).</summary>
    public double WallSeconds => LastEndSeconds - FirstStartSeconds;
}

/// <summary>
/// Listens to the pipeline's stage meter (<see cref="PipelineStages.MeterName"/>) and samples the process's working set, so that a run
/// report can say, per stage, its wall and busy time and the peak memory while it ran. Times are seconds since the host started.
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
        listener.SetMeasurementEventCallback<int>((instrument, change, tags, _) => OnActive(StageOf(tags), change));
        listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) => StageFor(StageOf(tags)).AddBusy(seconds));
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

    private static string StageOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == PipelineStages.StageTag && tag.Value is string stage)
            {
                return stage;
            }
        }

        return "unknown";
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

    private sealed class Stage
    {
        private readonly Lock sync = new();
        private int active;
        private int invocations;
        private double firstStart = double.NaN;
        private double lastEnd;
        private double busy;
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

        public void AddBusy(double seconds)
        {
            lock (sync)
            {
                busy += seconds;
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
                return new StageReport(name, invocations, double.IsNaN(firstStart) ? 0 : firstStart, lastEnd, busy, peak);
            }
        }
    }
}
