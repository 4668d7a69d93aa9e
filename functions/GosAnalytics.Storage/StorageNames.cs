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

    /// <summary>Which batches of a run finished each step, in shards (see <see cref="Tables.RunProgressStore"/>).</summary>
    public const string RunProgressTable = "runprogress";

    /// <summary>The next free send time of each rate-limited platform credential, shared by every instance (see the collectors).</summary>
    public const string RateSlotsTable = "rateslots";

    /// <summary>MAX chats the bot was added to or removed from, and what the operator decided (see <see cref="Tables.MaxChannelStore"/>).</summary>
    public const string MaxChannelsTable = "maxchannels";

    public const string CollectQueue = "collect";
    public const string ScoreQueue = "score";
    public const string AggregateQueue = "aggregate";

    /// <summary>The poison queues, <c>&lt;queue&gt;-poison</c> (<see cref="PoisonQueue"/>): a function on each records what reached it.</summary>
    public const string CollectPoisonQueue = CollectQueue + PoisonSuffix;
    public const string ScorePoisonQueue = ScoreQueue + PoisonSuffix;
    public const string AggregatePoisonQueue = AggregateQueue + PoisonSuffix;

    private const string PoisonSuffix = "-poison";

    public static IReadOnlyList<string> Containers { get; } = [RawContainer, ScoredContainer, RankingsContainer, ModelsContainer];

    public static IReadOnlyList<string> Tables { get; } = [RunsTable, RunBatchesTable, RunProgressTable, PagesTable, PageMetricsTable, RateSlotsTable, MaxChannelsTable];

    public static IReadOnlyList<string> Queues { get; } = [CollectQueue, ScoreQueue, AggregateQueue];

    public static string PoisonQueue(string queue) => queue + PoisonSuffix;

    /// <summary><c>{runId}/{platform}/{batch:0000}.json.gz</c> in <see cref="RawContainer"/>.</summary>
    public static string RawSnapshotBlob(string runId, Platform platform, int batchIndex) =>
        $"{runId}/{platform.ToCode()}/{batchIndex:D4}.json.gz";

    /// <summary>Scored page metrics of one batch (<c>ScoredBatch</c>), in <see cref="ScoredContainer"/>; aggregation ranks from these.</summary>
    public static string ScoredBatchBlob(string runId, int batchIndex) => $"{runId}/{batchIndex:D4}.json.gz";

    /// <summary>The posts and broadcasts of one scored batch (<c>ScoredContent</c>), in <see cref="ScoredContainer"/>: top content and page profiles read these.</summary>
    public static string ScoredContentBlob(string runId, int batchIndex) => $"{runId}/{batchIndex:D4}-content.json.gz";

    /// <summary>A ranking table in <see cref="RankingsContainer"/>: <c>{runId}/{period}/all.table.gz</c> or <c>region-28.table.gz</c>.</summary>
    public static string RankingBlob(string runId, Period period, int? regionCode) =>
        $"{runId}/{period.ToCode()}/{(regionCode is { } code ? $"region-{code:D2}" : "all")}.table.gz";

    /// <summary>The summaries of every region of a period, in <see cref="RankingsContainer"/>: <c>{runId}/{period}/regions.json.gz</c>.</summary>
    public static string RegionSummariesBlob(string runId, Period period) => $"{runId}/{period.ToCode()}/regions.json.gz";

    /// <summary>The peer groups' medians of a period (<c>PeerBenchmarkSnapshot</c>), in <see cref="RankingsContainer"/>: <c>{runId}/{period}/peer-benchmarks.json.gz</c>.</summary>
    public static string PeerBenchmarksBlob(string runId, Period period) => $"{runId}/{period.ToCode()}/peer-benchmarks.json.gz";

    /// <summary>Top posts and broadcasts, in <see cref="RankingsContainer"/>: <c>{runId}/{period}/content-all.table.gz</c> or <c>content-region-28.table.gz</c>.</summary>
    public static string ContentBlob(string runId, Period period, int? regionCode) =>
        $"{runId}/{period.ToCode()}/content-{(regionCode is { } code ? $"region-{code:D2}" : "all")}.table.gz";

    /// <summary>
    /// The citizens' comments left unanswered longest in a scope of a served run (<c>UnansweredCommentsSnapshot</c>):
    /// <c>{runId}/unanswered-all.json.gz</c> or <c>unanswered-region-28.json.gz</c>.
    /// </summary>
    public static string UnansweredBlob(string runId, int? regionCode) =>
        $"{runId}/unanswered-{(regionCode is { } code ? $"region-{code:D2}" : "all")}.json.gz";

    /// <summary>
    /// The organisations of a period (<c>OrganisationTable</c>), in <see cref="RankingsContainer"/>: <c>{runId}/{period}/organisations-all.table.gz</c>
    /// or <c>organisations-region-28.table.gz</c>.
    /// </summary>
    public static string OrganisationsBlob(string runId, Period period, int? regionCode) =>
        $"{runId}/{period.ToCode()}/organisations-{(regionCode is { } code ? $"region-{code:D2}" : "all")}.table.gz";

    /// <summary>The pages of a served run that are not in its rankings, with why (<c>NotCollectedPages</c>): <c>{runId}/not-collected.json.gz</c>.</summary>
    public static string NotCollectedBlob(string runId) => $"{runId}/not-collected.json.gz";

    /// <summary>A registered model's ML.NET file, in <see cref="ModelsContainer"/>.</summary>
    public static string ModelBlob(string version) => $"{version}/model.zip";

    /// <summary>A registered model's manifest, in <see cref="ModelsContainer"/>.</summary>
    public static string ModelManifestBlob(string version) => $"{version}/manifest.json";

    /// <summary>Pointer to the model that scoring uses, in <see cref="ModelsContainer"/>; moved by promotion under an ETag.</summary>
    public const string CurrentModelPointerBlob = "current.json";

    /// <summary>The served pointer (<c>ServedPointer</c>): the run whose rankings HTTP serves, and a newer run that is not served.</summary>
    public const string LatestRankingsPointerBlob = "latest.json";
}
