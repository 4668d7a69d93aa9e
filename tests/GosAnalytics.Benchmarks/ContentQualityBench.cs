using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using GosAnalytics.ContentQuality;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// <c>content-quality</c>: how fast the content-quality model scores real demo posts end to end (<c>model.Score(posts)</c>:
/// featurisation and the FastTree model), against the model alone on the same rows featurised beforehand and against
/// featurisation alone, per batch size, on one thread and on two. Each measurement is repeated, with the paths interleaved
/// so that the machine's load falls on all of them alike; medians and ranges are reported. Before timing, it checks that every
/// path gives bit-identical scores, and equal to ML.NET's generic path (<c>LoadFromEnumerable</c>), and prints digests of the
/// feature vectors and scores so that a change to the featuriser can be compared with the figures of an earlier build.
/// With <c>--train-posts</c>, it then times trainings with the default settings (<see cref="ContentQualityTrainingBench"/>),
/// each in a process of its own so that its peak memory is its own.
/// </summary>
internal static class ContentQualityBench
{
    public const string Name = "content-quality";

    private const string Usage =
        "Usage: dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- content-quality [--posts 20000] [--batches 400,1000,2000,20000]\n" +
        "       [--repeat 5] [--model-posts 50000] [--model-cache DIR] [--train-posts 100000,250000]\n" +
        "  --posts        demo posts scored per measurement (0: skip scoring); one thread scores them once, two threads twice\n" +
        "  --batches      batch sizes: posts per Score call\n" +
        "  --repeat       measured rounds; each round runs every path, batch size and thread count once\n" +
        "  --model-posts  labelled demo posts to train the scoring model on when the build carries no bundled model\n" +
        "  --model-cache  a folder to keep that model in (model.zip, manifest.json), so that reruns skip its training\n" +
        "  --train-posts  training sizes to time with the default settings, each in its own process (empty: none)";

    private enum ScoringPath
    {
        EndToEnd,
        ModelOnly,
        FeaturiseOnly,
    }

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        if (!TryParse(settings, out var options, out var problem))
        {
            error.WriteLine($"{Name}: {problem}\n{Usage}");
            return 2;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {Environment.ProcessorCount} logical processors, {RuntimeInfo()}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}"));
        if (options.Posts > 0)
        {
            var model = ScoringModel(options, output, cancellationToken);
            MeasureScoring(model, options, output, cancellationToken);
        }

        foreach (var size in options.TrainPosts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var exitCode = ContentQualityTrainingBench.RunInChildProcess(size, output, error, cancellationToken);
            if (exitCode != 0)
            {
                return exitCode;
            }
        }

        return 0;
    }

    /// <summary>The bundled model when the build carries one; otherwise one trained here with the default settings on demo posts.</summary>
    private static ContentQualityModel ScoringModel(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (BundledModel.IsAvailable)
        {
            var bundled = BundledModel.Load();
            output.WriteLine($"// Model: the bundled model {bundled.Version} (ml/models/default).");
            return bundled;
        }

        var zipPath = options.ModelCache is null ? null : Path.Combine(options.ModelCache, "model.zip");
        var manifestPath = options.ModelCache is null ? null : Path.Combine(options.ModelCache, "manifest.json");
        if (zipPath is not null && manifestPath is not null && File.Exists(zipPath) && File.Exists(manifestPath))
        {
            using var zip = File.OpenRead(zipPath);
            var cached = ContentQualityModel.Load(zip, ModelManifest.FromJson(File.ReadAllBytes(manifestPath)));
            output.WriteLine($"// Model: {cached.Version} from {options.ModelCache}, trained with {cached.Manifest.Trainer} on {cached.Manifest.Data.TrainPosts:N0} of {cached.Manifest.Data.Posts:N0} labelled demo posts (no bundled model in this build).");
            return cached;
        }

        var started = Stopwatch.GetTimestamp();
        var examples = ContentQualityWorkload.LabelledExamples(options.ModelPosts, out var windows, out _);
        var result = ContentQualityTrainer.Train(
            new TrainingRequest(examples, ModelManifest.EngagementLabelKind, $"demo, {windows} windows", new TrainerSettings(), DateTimeOffset.UnixEpoch),
            progress: null,
            cancellationToken);
        var model = result.Model;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Model: no bundled model in this build, so {model.Version} was trained here with {model.Manifest.Trainer} on {model.Manifest.Data.TrainPosts:N0} of {examples.Count:N0} labelled demo posts ({windows} windows) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s."));
        if (zipPath is not null && manifestPath is not null)
        {
            Directory.CreateDirectory(options.ModelCache!);
            using (var zip = File.Create(zipPath))
            {
                model.Save(zip);
            }

            File.WriteAllBytes(manifestPath, model.Manifest.ToJson());
        }

        return model;
    }

    private static void MeasureScoring(ContentQualityModel model, BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var posts = ContentQualityWorkload.Contents(options.Posts, out var windows);
        var characters = posts.Sum(p => (long)p.Text.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Posts: {posts.Length:N0} demo posts from {windows} window(s) ({DemoRegion.MetricDay:yyyy-MM-dd} backwards), {characters / (double)posts.Length:0} characters of text per post on average."));

        var rows = posts.Select(p => new FeatureRow { Features = ContentFeatures.Featurize(p) }).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Feature vectors: {rows.Average(r => r.Features.GetValues().Length):0.0} slots set per post on average; features digest {FeaturesDigest(rows)}."));

        var reference = ReferenceScores(model, rows);
        output.WriteLine($"// Scores digest {ScoresDigest(reference)} (ML.NET's generic path over the same rows).");
        var layouts = options.Batches.Select(size => new BatchLayout(size, posts, rows)).ToArray();
        foreach (var layout in layouts)
        {
            CheckIdentical(reference, layout.Gather(batch => model.Score(batch)), $"Score(posts) in batches of {layout.Size}");
            CheckIdentical(reference, layout.Gather(batch => model.Score(layout.RowsOf(batch))), $"Score(rows) in batches of {layout.Size}");
        }

        CheckIdentical(reference, TwoThreads(layouts[0], model), $"Score(posts) in batches of {layouts[0].Size} on two threads");
        output.WriteLine("// Every path gives bit-identical scores.");

        var samples = new Dictionary<(ScoringPath Path, int Batch, int Threads), List<Sample>>();
        for (var round = -1; round < options.Repeat; round++)
        {
            // Round -1 warms the JIT up (tiered compilation) and is not reported. The order of the paths alternates between
            // rounds, so that neither is always the one measured after the other's garbage.
            var order = round % 2 == 0
                ? new[] { ScoringPath.EndToEnd, ScoringPath.ModelOnly, ScoringPath.FeaturiseOnly }
                : [ScoringPath.ModelOnly, ScoringPath.EndToEnd, ScoringPath.FeaturiseOnly];
            foreach (var layout in layouts)
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    foreach (var path in order)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var sample = Measure(model, layout, path, threads);
                        if (round >= 0)
                        {
                            (samples.TryGetValue((path, layout.Size, threads), out var list) ? list : samples[(path, layout.Size, threads)] = []).Add(sample);
                        }
                    }
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// round {(round < 0 ? "warm-up" : (round + 1).ToString(CultureInfo.InvariantCulture))} done, load average {LoadAverage()}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Posts/s, median of {options.Repeat} rounds [min–max]; ratio = end-to-end ÷ model-only, median of the rounds' ratios; allocated bytes per post on one thread"));
        output.WriteLine("| Batch | Threads | End to end | Model only | Ratio | Featurise only | Allocated/post, end to end | model only |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var layout in layouts)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var endToEnd = samples[(ScoringPath.EndToEnd, layout.Size, threads)];
                var modelOnly = samples[(ScoringPath.ModelOnly, layout.Size, threads)];
                var featurise = samples[(ScoringPath.FeaturiseOnly, layout.Size, threads)];
                var ratios = endToEnd.Zip(modelOnly, (e, m) => e.PostsPerSecond / m.PostsPerSecond).ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {layout.Size:N0} | {threads} | {Spread(endToEnd.Select(s => s.PostsPerSecond))} | {Spread(modelOnly.Select(s => s.PostsPerSecond))} | " +
                    $"{Median(ratios):0.00} [{ratios.Min():0.00}–{ratios.Max():0.00}] | {Spread(featurise.Select(s => s.PostsPerSecond))} | " +
                    $"{(threads == 1 ? $"{Median(endToEnd.Select(s => s.AllocatedPerPost)):N0} B" : "")} | {(threads == 1 ? $"{Median(modelOnly.Select(s => s.AllocatedPerPost)):N0} B" : "")} |"));
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// GC: {GC.CollectionCount(0):N0} gen-0, {GC.CollectionCount(1):N0} gen-1, {GC.CollectionCount(2):N0} gen-2 collections, {GC.GetTotalPauseDuration().TotalSeconds:0.00} s paused; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB; load average {LoadAverage()}"));
    }

    /// <summary>One timed pass: every post of the layout once on one thread, or twice over on two threads (the batch list twice, two batches at a time).</summary>
    private static Sample Measure(ContentQualityModel model, BatchLayout layout, ScoringPath path, int threads)
    {
        Action<int> scoreBatch = path switch
        {
            ScoringPath.EndToEnd => b => model.Score(layout.Posts[b]),
            ScoringPath.ModelOnly => b => model.Score(layout.Rows[b]),
            ScoringPath.FeaturiseOnly => b => Featurise(layout.Posts[b]),
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
        };

        // Collect the previous pass's garbage outside the clock, so that each pass pays for its own.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        if (threads == 1)
        {
            for (var b = 0; b < layout.Posts.Length; b++)
            {
                scoreBatch(b);
            }
        }
        else
        {
            Parallel.For(0, layout.Posts.Length * threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => scoreBatch(i % layout.Posts.Length));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var posts = (long)layout.PostCount * threads;
        return new Sample(posts / seconds, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)posts);
    }

    /// <summary>Featurisation as <see cref="ContentQualityModel.Score(IReadOnlyList{PostContent})"/> does it: a new vector per post.</summary>
    private static FeatureRow[] Featurise(PostContent[] batch)
    {
        var rows = new FeatureRow[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            rows[i] = new FeatureRow { Features = ContentFeatures.Featurize(batch[i]) };
        }

        return rows;
    }

    private static float[] TwoThreads(BatchLayout layout, ContentQualityModel model)
    {
        var scores = new float[layout.Posts.Length][];
        Parallel.For(0, layout.Posts.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, b => scores[b] = model.Score(layout.Posts[b]));
        return [.. scores.SelectMany(s => s)];
    }

    /// <summary>
    /// Scores through ML.NET's generic path, independent of how <see cref="ContentQualityModel"/> feeds its transformer: the saved
    /// model loaded into a context of its own, and the rows read with <c>LoadFromEnumerable</c> (reflection over
    /// <see cref="FeatureRow"/>), which is how the model was first served.
    /// </summary>
    private static float[] ReferenceScores(ContentQualityModel model, FeatureRow[] rows)
    {
        using var zip = new MemoryStream();
        model.Save(zip);
        zip.Position = 0;
        var ml = new MLContext(model.Manifest.Trainer.Seed);
        var transformer = ml.Model.Load(zip, out var schema);
        var scored = transformer.Transform(ml.Data.LoadFromEnumerable(rows, schema));
        return [.. scored.GetColumn<float>(nameof(FeaturePrediction.Score))];
    }

    private static void CheckIdentical(float[] expected, float[] actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException($"{what}: {actual.Length} scores, expected {expected.Length}.");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{what}: post {i} scored {actual[i]:R}, expected {expected[i]:R}."));
            }
        }
    }

    /// <summary>SHA-256 of every vector exactly as stored: density, length, indices and the bits of every value.</summary>
    private static string FeaturesDigest(IEnumerable<FeatureRow> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            var vector = row.Features;
            sha.AppendData(BitConverter.GetBytes(vector.IsDense));
            sha.AppendData(BitConverter.GetBytes(vector.Length));
            sha.AppendData(BitConverter.GetBytes(vector.GetValues().Length));
            if (!vector.IsDense)
            {
                foreach (var index in vector.GetIndices())
                {
                    sha.AppendData(BitConverter.GetBytes(index));
                }
            }

            foreach (var value in vector.GetValues())
            {
                sha.AppendData(BitConverter.GetBytes(BitConverter.SingleToInt32Bits(value)));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static string ScoresDigest(float[] scores)
    {
        var bytes = new byte[scores.Length * sizeof(float)];
        Buffer.BlockCopy(scores, 0, bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    private static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Median(list):N0} [{list.Min():N0}–{list.Max():N0}]");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    internal static string RuntimeInfo() => $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

    private static bool TryParse(IConfiguration settings, [NotNullWhen(true)] out BenchOptions? options, out string? problem)
    {
        options = null;
        problem = null;
        if (!TryInt(settings, "posts", 20_000, out var posts) || posts < 0)
        {
            problem = "--posts must be a whole number ≥ 0.";
            return false;
        }

        if (!TryInts(settings, "batches", [400, 1000, 2000, 20_000], out var batches) || batches.Count == 0 || batches.Any(b => b <= 0))
        {
            problem = "--batches must list batch sizes > 0, comma-separated.";
            return false;
        }

        if (!TryInt(settings, "repeat", 5, out var repeat) || repeat <= 0)
        {
            problem = "--repeat must be > 0.";
            return false;
        }

        if (!TryInt(settings, "model-posts", 50_000, out var modelPosts) || modelPosts < 100)
        {
            problem = "--model-posts must be ≥ 100.";
            return false;
        }

        if (!TryInts(settings, "train-posts", [], out var trainPosts) || trainPosts.Any(n => n < 100))
        {
            problem = "--train-posts must list sizes ≥ 100, comma-separated.";
            return false;
        }

        options = new BenchOptions(posts, batches, repeat, modelPosts, settings["model-cache"] is { Length: > 0 } cache ? cache : null, trainPosts);
        return true;
    }

    private static bool TryInt(IConfiguration settings, string key, int fallback, out int value)
    {
        value = fallback;
        return settings[key] is not { } text || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryInts(IConfiguration settings, string key, IReadOnlyList<int> fallback, out IReadOnlyList<int> values)
    {
        values = fallback;
        if (settings[key] is not { } text)
        {
            return true;
        }

        var parsed = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            parsed.Add(number);
        }

        values = parsed;
        return true;
    }

    private sealed record BenchOptions(int Posts, IReadOnlyList<int> Batches, int Repeat, int ModelPosts, string? ModelCache, IReadOnlyList<int> TrainPosts);

    /// <summary>One timed pass: posts per second, and bytes allocated per post (by every thread).</summary>
    private readonly record struct Sample(double PostsPerSecond, double AllocatedPerPost);

    /// <summary>The posts cut into batches of one size (the last one shorter), with the same rows featurised beforehand.</summary>
    private sealed class BatchLayout
    {
        private readonly Dictionary<PostContent[], FeatureRow[]> rowsByBatch = new(ReferenceEqualityComparer.Instance);

        public BatchLayout(int size, PostContent[] posts, FeatureRow[] rows)
        {
            Size = size;
            Posts = [.. posts.Chunk(size)];
            Rows = [.. rows.Chunk(size)];
            PostCount = posts.Length;
            for (var b = 0; b < Posts.Length; b++)
            {
                rowsByBatch[Posts[b]] = Rows[b];
            }
        }

        public int Size { get; }

        public int PostCount { get; }

        public PostContent[][] Posts { get; }

        public FeatureRow[][] Rows { get; }

        public FeatureRow[] RowsOf(PostContent[] batch) => rowsByBatch[batch];

        public float[] Gather(Func<PostContent[], float[]> score) => [.. Posts.SelectMany(score)];
    }
}
