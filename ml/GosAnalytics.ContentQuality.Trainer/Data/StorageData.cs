using System.Globalization;
using Azure;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.ContentQuality.Trainer.Data;

/// <summary>
/// Training data from what the pipeline collected: the raw snapshots of completed runs (their latest attempt only), posts old
/// enough for their counters to have settled by the run's metric day, each post once with the counters of the latest metric day,
/// labelled by <see cref="EngagementLabel"/>.
/// </summary>
internal static class StorageData
{
    /// <param name="runIds">Runs to read (run id = metric day, yyyy-MM-dd); null for every completed run.</param>
    public static async Task<LabelledData> LoadAsync(StorageAccess storage, IReadOnlyList<string>? runIds, ProgressBar progress, CancellationToken cancellationToken)
    {
        var runStore = new RunStore(storage.Clients);
        var runs = await storage.CallAsync(async ct => await ListRunsAsync(runStore, ct), cancellationToken);
        var selected = Select(runs, runIds);
        var blobs = new JsonBlobStore(storage.Clients);
        var snapshots = new List<string>();
        foreach (var run in selected)
        {
            var batches = await storage.CallAsync(ct => runStore.ListBatchAttemptsAsync(run.RowKey, ct), cancellationToken);
            foreach (var (index, attempt, code) in batches.OrderBy(b => b.BatchIndex))
            {
                if (attempt == run.Attempt && EnumCodes.TryParse<Platform>(code, out var platform))
                {
                    snapshots.Add(StorageNames.RawSnapshotBlob(run.RowKey, platform, index));
                }
            }
        }

        // Runs ascend by metric day, so a later run's counters overwrite an earlier run's for a post both collected.
        var collected = new CollectedPosts();
        for (var i = 0; i < snapshots.Count; i++)
        {
            progress.Report("read", i, snapshots.Count);
            var name = snapshots[i];
            var snapshot = await storage.CallAsync(ct => blobs.ReadAsync<RawSnapshot>(StorageNames.RawContainer, name, ct), cancellationToken)
                ?? throw CliFailure.BadInput($"raw snapshot {StorageNames.RawContainer}/{name} of a completed run is missing.");
            if (snapshot.SchemaVersion != RawSnapshot.CurrentSchemaVersion)
            {
                throw CliFailure.BadInput(
                    $"raw snapshot {StorageNames.RawContainer}/{name} has schema version {snapshot.SchemaVersion}; this trainer reads {RawSnapshot.CurrentSchemaVersion}.");
            }

            var settledBy = CollectedPosts.SettledCutoff(snapshot.MetricDay);
            foreach (var page in snapshot.Pages)
            {
                var pageKey = page.Page.Key.ToStorageKey();
                foreach (var post in page.Posts.Where(p => p.PublishedAt <= settledBy))
                {
                    collected.Add(pageKey, post);
                }
            }
        }

        progress.Report("read", snapshots.Count, snapshots.Count);
        var days = selected.Select(r => r.RowKey).ToList();
        var source = string.Create(CultureInfo.InvariantCulture,
            $"stored runs {string.Join(", ", days)} ({snapshots.Count} raw snapshots, {collected.Count} settled posts)");
        return new LabelledData(EngagementLabel.Label(collected.Outcomes), ModelManifest.EngagementLabelKind, source);
    }

    private static async Task<IReadOnlyList<RunEntity>> ListRunsAsync(RunStore runStore, CancellationToken cancellationToken)
    {
        try
        {
            return await runStore.ListRunsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // no runs table: the pipeline never ran against this account
        }
    }

    private static List<RunEntity> Select(IReadOnlyList<RunEntity> runs, IReadOnlyList<string>? runIds)
    {
        var completed = runs.Where(r => r.Phase == RunPhase.Completed).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        if (runIds is null)
        {
            return completed.Count > 0
                ? completed
                : throw CliFailure.BadInput($"the storage of --storage holds no completed run ({runs.Count} runs in table '{StorageNames.RunsTable}').");
        }

        var byId = runs.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var id in runIds)
        {
            if (!byId.TryGetValue(id, out var run))
            {
                problems.Add($"run '{id}' is not in table '{StorageNames.RunsTable}'");
            }
            else if (run.Phase != RunPhase.Completed)
            {
                problems.Add($"run '{id}' is {run.Status}, not completed");
            }
        }

        return problems.Count == 0
            ? [.. completed.Where(r => runIds.Contains(r.RowKey, StringComparer.Ordinal))]
            : throw CliFailure.BadInput($"--runs: {string.Join("; ", problems)}.");
    }
}
