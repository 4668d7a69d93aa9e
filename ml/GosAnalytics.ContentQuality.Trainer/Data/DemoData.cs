using System.Globalization;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Domain;
using GosAnalytics.Demo;

namespace GosAnalytics.ContentQuality.Trainer.Data;

/// <summary>What to generate: the demo region and the metric days whose 30-day windows are read.</summary>
internal sealed record DemoDataRequest(DemoSourceOptions Region, IReadOnlyList<DateOnly> MetricDays);

/// <summary>
/// Training data from the demo generator, read as a daily run would collect it: each metric day's snapshot of every page,
/// posts old enough for their counters to have settled, each post once with its latest counters, labelled by
/// <see cref="EngagementLabel"/>. The generator's hidden content effects come along for evaluation only.
/// </summary>
internal static class DemoData
{
    /// <summary>
    /// Three non-overlapping 30-day windows ending on 2026-11-28: 48,732 labelled posts of the default region (those with
    /// ≥ 50 views on pages with ≥ 5 such posts), and fixed, so that <c>train --demo</c> gives the same
    /// model whenever it runs.
    /// </summary>
    public static IReadOnlyList<DateOnly> DefaultMetricDays { get; } = [new(2026, 9, 29), new(2026, 10, 29), new(2026, 11, 28)];

    public static LabelledData Load(DemoDataRequest request, ProgressBar progress, CancellationToken cancellationToken)
    {
        DemoPageSource source;
        try
        {
            source = new DemoPageSource(request.Region);
        }
        catch (ArgumentException e)
        {
            throw CliFailure.Usage($"the demo region cannot be built: {e.Message}");
        }

        var pages = source.ListPages();
        var days = request.MetricDays.Distinct().Order().ToList();
        var latest = new CollectedPosts();
        var effects = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = (long)pages.Count * days.Count;
        var done = 0L;
        foreach (var day in days)
        {
            // Days ascend, so a later day's counters overwrite an earlier day's for a post both windows hold.
            var settledBy = CollectedPosts.SettledCutoff(day);
            foreach (var page in pages)
            {
                if (done % 64 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress.Report("read", done, total);
                }

                var snapshot = source.Snapshot(page.Key, day) ?? throw new InvalidOperationException($"Demo page {page.Key} has no snapshot.");
                var pageKey = page.Key.ToStorageKey();
                foreach (var post in snapshot.Posts.Where(p => p.PublishedAt <= settledBy))
                {
                    latest.Add(pageKey, post);
                }

                done++;
            }

            foreach (var truth in source.DescribeTruth(day).Posts)
            {
                effects[LabelledData.EffectKey(new PageKey(truth.Platform, truth.PageId).ToStorageKey(), truth.PostId)] = truth.ContentEffect;
            }
        }

        progress.Report("read", total, total);
        var examples = EngagementLabel.Label(latest.Outcomes);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"demo region {request.Region.RegionCode} (seed {request.Region.Seed}, {pages.Count} pages), metric days {string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
        return new LabelledData(examples, ModelManifest.EngagementLabelKind, description, effects);
    }
}
