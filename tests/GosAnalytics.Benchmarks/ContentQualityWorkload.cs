using GosAnalytics.ContentQuality;
using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Domain;
using GosAnalytics.Demo;

namespace GosAnalytics.Benchmarks;

/// <summary>One 30-day collection window of one generated demo region.</summary>
/// <param name="Seed">The demo generator's seed: another seed is another region of the same size.</param>
/// <param name="MetricDay">The daily run whose window is read.</param>
internal readonly record struct DemoWindow(int Seed, DateOnly MetricDay);

/// <summary>A collected demo post with the page it belongs to.</summary>
internal readonly record struct DemoPost(string PageKey, Post Post);

/// <summary>
/// Real demo posts (Russian texts of the default demo region, Amur oblast) for the content-quality benches, in a fixed order:
/// the 30-day window of <see cref="DemoRegion.MetricDay"/>, then the windows 30, 60, … days earlier (windows that do not overlap,
/// so every post is a different post), a year of windows per seed, then the same year of the next seed's region.
/// </summary>
internal static class ContentQualityWorkload
{
    /// <summary>Windows per seed: a year of 30-day windows, so that no window reaches far outside the calendar the generator models.</summary>
    private const int WindowsPerSeed = 12;

    private const int FirstSeed = 20221201;

    public static DemoWindow WindowAt(int index) =>
        new(FirstSeed + (index / WindowsPerSeed), DemoRegion.MetricDay.AddDays(-Periods.CollectionWindowDays * (index % WindowsPerSeed)));

    /// <summary>Every post of every page in one window, in page order, as the daily run of its metric day collects them.</summary>
    public static IEnumerable<DemoPost> PostsOf(DemoWindow window)
    {
        var source = new DemoPageSource(new DemoSourceOptions { Seed = window.Seed });
        foreach (var page in source.ListPages())
        {
            var key = new PageKey(page.Platform, page.PageId);
            if (source.Snapshot(key, window.MetricDay) is not { } snapshot)
            {
                continue;
            }

            // Pages of two seeds may share an id; the seed keeps them apart in labels and in the page split.
            var pageKey = $"s{window.Seed}_{key.ToStorageKey()}";
            foreach (var post in snapshot.Posts)
            {
                yield return new DemoPost(pageKey, post);
            }
        }
    }

    /// <summary>The first <paramref name="count"/> posts of the workload, mapped as the pipeline maps them (<see cref="PostContentMapping"/>).</summary>
    public static PostContent[] Contents(int count, out int windows)
    {
        var contents = new List<PostContent>(count);
        windows = 0;
        while (contents.Count < count)
        {
            foreach (var post in PostsOf(WindowAt(windows)))
            {
                contents.Add(PostContentMapping.ToContent(post.Post));
                if (contents.Count == count)
                {
                    break;
                }
            }

            windows++;
        }

        return [.. contents];
    }

    /// <summary>
    /// The first <paramref name="count"/> labelled posts of the workload. Each window is labelled on its own, as a training on
    /// one window's collected counters would label it (<see cref="EngagementLabel"/>: views ≥ 50, ≥ 5 such posts per page).
    /// </summary>
    public static List<LabeledPost> LabelledExamples(int count, out int windows, out long postsRead)
    {
        var examples = new List<LabeledPost>(count);
        windows = 0;
        postsRead = 0;
        while (examples.Count < count)
        {
            var outcomes = PostsOf(WindowAt(windows))
                .Select(p => new PostOutcome(p.PageKey, p.Post.PostId, PostContentMapping.ToContent(p.Post), p.Post.Views, p.Post.Likes, p.Post.Reposts, p.Post.Comments))
                .ToList();
            postsRead += outcomes.Count;
            var labelled = EngagementLabel.Label(outcomes);
            examples.AddRange(labelled.Take(count - examples.Count));
            windows++;
        }

        return examples;
    }
}
