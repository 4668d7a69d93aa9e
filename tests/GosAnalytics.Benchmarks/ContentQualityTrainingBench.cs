using System.Diagnostics;
using System.Globalization;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;
using Microsoft.Extensions.Configuration;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>content-quality-train --posts N</c>: one training of the content-quality model with the default settings on the first
/// <c>N</c> labelled demo posts (<see cref="ContentQualityWorkload.LabelledExamples"/>), timed by stage (featurise, fit, the
/// manifest's data hash, evaluate, explain) through the trainer's own progress reports, with the process's peak working set
/// and the managed heap. <see cref="ContentQualityBench"/> runs each size in a process of its own, so that the peak is that
/// training's and no other.
/// </summary>
internal static class ContentQualityTrainingBench
{
    public const string Name = "content-quality-train";

    /// <summary>Runs one training size in a child process and copies its output.</summary>
    public static int RunInChildProcess(int posts, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("GosAnalytics.Benchmarks", StringComparison.Ordinal))
        {
            // Started through the dotnet host: the child needs the assembly too.
            start.ArgumentList.Add(typeof(ContentQualityTrainingBench).Assembly.Location);
        }

        start.ArgumentList.Add(Name);
        start.ArgumentList.Add("--posts");
        start.ArgumentList.Add(posts.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the training process.");
        using var cancel = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        while (process.StandardOutput.ReadLine() is { } line)
        {
            output.WriteLine(line);
            output.Flush();
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            error.WriteLine($"{Name} --posts {posts} exited with {process.ExitCode}.");
        }

        return process.ExitCode;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        if (!int.TryParse(settings["posts"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 100)
        {
            error.WriteLine($"Usage: {Name} --posts N   (N ≥ 100 labelled demo posts)");
            return 2;
        }

        using var memory = new MemorySampler();
        var started = Stopwatch.GetTimestamp();
        var examples = ContentQualityWorkload.LabelledExamples(count, out var windows, out var postsRead);
        var generated = Stopwatch.GetElapsedTime(started);
        var examplesHeap = GC.GetTotalMemory(forceFullCollection: true);
        var examplesWorkingSet = Environment.WorkingSet;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Training on {examples.Count:N0} labelled demo posts ({examples.Select(e => e.PageKey).Distinct(StringComparer.Ordinal).Count():N0} pages, " +
            $"{windows} windows, {postsRead:N0} posts read), generated in {generated.TotalSeconds:0.0} s: managed heap {Mb(examplesHeap)}, working set {Mb(examplesWorkingSet)}; " +
            $"{RuntimeInfoLine()}; load average {ContentQualityBench.LoadAverage()}"));
        output.Flush();

        var clock = new StageClock(output);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var trainingStarted = Stopwatch.GetTimestamp();
        var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
        var result = ContentQualityTrainer.Train(
            new TrainingRequest(examples, ModelManifest.EngagementLabelKind, $"demo, {windows} windows", new TrainerSettings(), DateTimeOffset.UnixEpoch),
            clock,
            cancellationToken);
        var total = Stopwatch.GetElapsedTime(trainingStarted);
        var totalCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStarted;
        memory.Sample();

        var manifest = result.Model.Manifest;
        var featurise = clock.Duration("featurise");
        var fit = clock.Between("fit", "fit");
        var describe = clock.Between("fit", "evaluate", fromEnd: true);
        var evaluate = clock.Duration("evaluate");
        var explain = clock.Duration("explain");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Model {manifest.Version}: {manifest.Data.TrainPosts:N0} training and {manifest.Data.TestPosts:N0} held-out posts, {manifest.Trainer}; " +
            $"held-out Spearman {manifest.Metrics.Spearman:0.000}, RMSE {manifest.Metrics.Rmse:0.000}."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Train(): featurise {featurise.TotalSeconds:0.0} s ({manifest.Data.TrainPosts / featurise.TotalSeconds:N0} posts/s), " +
            $"fit {fit.TotalSeconds:0.0} s, data hash and manifest {describe.TotalSeconds:0.0} s, evaluate {evaluate.TotalSeconds:0.0} s, explain {explain.TotalSeconds:0.0} s, " +
            $"total {total.TotalSeconds:0.0} s. CPU time: featurise {clock.CpuTime("featurise").TotalSeconds:0.0} s, fit {clock.CpuTime("fit").TotalSeconds:0.0} s, " +
            $"total {totalCpu.TotalSeconds:0.0} s (wall time also counts waiting for a core on this shared machine; load average now {ContentQualityBench.LoadAverage()})."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Memory: peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)} (sampled peak {Mb(memory.PeakWorkingSet)}), " +
            $"sampled peak managed heap {Mb(memory.PeakManagedHeap)}, managed heap once featurised {Mb(clock.HeapAfterFeaturising)} (examples alone {Mb(examplesHeap)}); " +
            $"GC during Train(): {GC.CollectionCount(0) - gen0} gen-0, {GC.CollectionCount(1) - gen1} gen-1, {GC.CollectionCount(2) - gen2} gen-2, " +
            $"{(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.0} s paused, {Mb(GC.GetTotalAllocatedBytes(precise: true) - allocated)} allocated."));
        output.WriteLine("| Labelled posts | Training posts | Featurise | Fit (CPU) | Evaluate + explain + hash | Train() total (CPU) | Peak working set | Heap once featurised |");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {examples.Count:N0} | {manifest.Data.TrainPosts:N0} | {featurise.TotalSeconds:0.0} s | {fit.TotalSeconds:0} s ({clock.CpuTime("fit").TotalSeconds:0} s) | {(evaluate + explain + describe).TotalSeconds:0.0} s | " +
            $"{total.TotalSeconds:0} s ({totalCpu.TotalSeconds:0} s) | {Mb(Process.GetCurrentProcess().PeakWorkingSet64)} | {Mb(clock.HeapAfterFeaturising)} |"));
        return 0;
    }

    private static string RuntimeInfoLine() =>
        $"{ContentQualityBench.RuntimeInfo()}, server GC {System.Runtime.GCSettings.IsServerGC}";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB");

    /// <summary>
    /// Times the trainer's stages from its progress reports, synchronously (<see cref="Progress{T}"/> would post them to the
    /// thread pool and blur the times). When featurisation ends, it measures the heap that holds the rows.
    /// </summary>
    private sealed class StageClock(TextWriter output) : IProgress<TrainingProgress>
    {
        private readonly Dictionary<string, (long First, long Last, TimeSpan CpuFirst, TimeSpan CpuLast)> stages = new(StringComparer.Ordinal);
        private readonly Process process = Process.GetCurrentProcess();
        private readonly long started = Stopwatch.GetTimestamp();
        private int lastTreeReported;

        public long HeapAfterFeaturising { get; private set; }

        public void Report(TrainingProgress value)
        {
            if (value.Stage == "fit" && value.Done == 0 && HeapAfterFeaturising == 0)
            {
                // Featurising is over and fitting has not begun: the heap now holds the examples and their rows. The full
                // collection happens before the fit's clock starts.
                HeapAfterFeaturising = GC.GetTotalMemory(forceFullCollection: true);
            }

            var now = Stopwatch.GetTimestamp();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            stages[value.Stage] = stages.TryGetValue(value.Stage, out var known) ? (known.First, now, known.CpuFirst, cpu) : (now, now, cpu, cpu);
            if (value.Stage == "fit" && value.Done - lastTreeReported >= 25)
            {
                // A line every 25 trees, so that a long training can be followed from its log.
                lastTreeReported = (int)value.Done;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"//   fit: {value.Done}/{value.Total} trees after {Stopwatch.GetElapsedTime(stages["fit"].First).TotalSeconds:0} s ({Stopwatch.GetElapsedTime(started).TotalSeconds:0} s since Train() began)"));
                output.Flush();
            }
        }

        public TimeSpan Duration(string stage) => stages.TryGetValue(stage, out var s) ? Stopwatch.GetElapsedTime(s.First, s.Last) : TimeSpan.Zero;

        /// <summary>The process's CPU time within one stage: on a shared machine, wall time also counts the waits for a core.</summary>
        public TimeSpan CpuTime(string stage) => stages.TryGetValue(stage, out var s) ? s.CpuLast - s.CpuFirst : TimeSpan.Zero;

        /// <summary>From the first (or, with <paramref name="fromEnd"/>, the last) report of one stage to the last report of another.</summary>
        public TimeSpan Between(string from, string to, bool fromEnd = false)
        {
            if (!stages.TryGetValue(from, out var a) || !stages.TryGetValue(to, out var b))
            {
                return TimeSpan.Zero;
            }

            return fromEnd ? Stopwatch.GetElapsedTime(a.Last, b.First) : Stopwatch.GetElapsedTime(a.First, b.Last);
        }
    }

    /// <summary>Samples the working set and the managed heap every 100 ms, for their peaks.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer timer;
        private long peakWorkingSet;
        private long peakManagedHeap;

        public MemorySampler() => timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        public long PeakWorkingSet => Interlocked.Read(ref peakWorkingSet);

        public long PeakManagedHeap => Interlocked.Read(ref peakManagedHeap);

        public void Sample()
        {
            Raise(ref peakWorkingSet, Environment.WorkingSet);
            Raise(ref peakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
        }

        public void Dispose() => timer.Dispose();

        private static void Raise(ref long peak, long value)
        {
            long current;
            while (value > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, current) != current)
            {
            }
        }
    }
}
