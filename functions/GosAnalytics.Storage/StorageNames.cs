using GosAnalytics.Core.Domain;

namespace GosAnalytics.Storage;

/// <summary>Every container, table, queue and blob name the pipeline uses. Names are deterministic so that any step can be repeated.</summary>
public static class StorageNames
{
    public const string RawContainer = "raw";
    public const string ScoredContainer = "scored";
    public const string RankingsContainer = "rankings";

    /// <summary>The content-quality model registry: <c>{version}/model.zip</c>, <c>{version}/manifest.json</c> and <see cref="CurrentModelPointerBlob"/>.</summary>
    public const string ModelsContainer = "models";

    public const string RunsTable = "runs";
    public const string RunBatchesTable = "runbatches";
    public const string PagesTable = "pages";
    public const string PageMetricsTable = "pagemetrics";
    public const string PostMetricsTable = "postmetrics";

    /// <summary>The next free send time of each rate-limited platform credential, shared by every instance (see the collectors).</summary>
    public const string RateSlotsTable = "rateslots";

    public const string CollectQueue = "collect";
    public const string ScoreQueue = "score";
    public const string AggregateQueue = "aggregate";

    public static IReadOnlyList<string> Containers { get; } = [RawContainer, ScoredContainer, RankingsContainer, ModelsContainer];

    public static IReadOnlyList<string> Tables { get; } = [RunsTable, RunBatchesTable, PagesTable, PageMetricsTable, PostMetricsTable, RateSlotsTable];

    public static IReadOnlyList<string> Queues { get; } = [CollectQueue, ScoreQueue, AggregateQueue];

    public static string PoisonQueue(string queue) => queue + "-poison";

    /// <summary><c>{runId}/{platform}/{batch:0000}.json.gz</c> in <see cref="RawContainer"/>.</summary>
    public static string RawSnapshotBlob(string runId, Platform platform, int batchIndex) =>
        $"{runId}/{platform.ToCode()}/{batchIndex:D4}.json.gz";

    /// <summary>Scored page metrics of one batch, in <see cref="ScoredContainer"/>; aggregation reads these.</summary>
    public static string ScoredBatchBlob(string runId, int batchIndex) => $"{runId}/{batchIndex:D4}.json.gz";

    public static string ScoredRunPrefix(string runId) => $"{runId}/";

    /// <summary>A ranking snapshot in <see cref="RankingsContainer"/>: <c>{runId}/{period}/all.json.gz</c> or <c>region-28.json.gz</c>.</summary>
    public static string RankingBlob(string runId, Period period, int? regionCode) =>
        $"{runId}/{period.ToCode()}/{(regionCode is { } code ? $"region-{code:D2}" : "all")}.json.gz";

    /// <summary>The summaries of every region of a period, in <see cref="RankingsContainer"/>: <c>{runId}/{period}/regions.json.gz</c>.</summary>
    public static string RegionSummariesBlob(string runId, Period period) => $"{runId}/{period.ToCode()}/regions.json.gz";

    /// <summary>Top posts and broadcasts, in <see cref="RankingsContainer"/>: <c>{runId}/{period}/content-all.json.gz</c> or <c>content-region-28.json.gz</c>.</summary>
    public static string ContentBlob(string runId, Period period, int? regionCode) =>
        $"{runId}/{period.ToCode()}/content-{(regionCode is { } code ? $"region-{code:D2}" : "all")}.json.gz";

    /// <summary>A registered model's ML.NET file, in <see cref="ModelsContainer"/>.</summary>
    public static string ModelBlob(string version) => $"{version}/model.zip";

    /// <summary>A registered model's manifest, in <see cref="ModelsContainer"/>.</summary>
    public static string ModelManifestBlob(string version) => $"{version}/manifest.json";

    /// <summary>Pointer to the model that scoring uses, in <see cref="ModelsContainer"/>; moved by promotion under an ETag.</summary>
    public const string CurrentModelPointerBlob = "current.json";

    /// <summary>Pointer to the newest completed run whose rankings HTTP serves.</summary>
    public const string LatestRankingsPointerBlob = "latest.json";
}
