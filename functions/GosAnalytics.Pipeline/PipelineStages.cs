namespace GosAnalytics.Pipeline;

/// <summary>The stages of a daily run as the storage operation counter names them (<see cref="Storage.StorageOperationCounter.Stage"/>).</summary>
public static class PipelineStages
{
    public const string Plan = "plan";
    public const string Collect = "collect";
    public const string Score = "score";
    public const string Aggregate = "aggregate";
    public const string Serve = "serve";

    public static IReadOnlyList<string> All { get; } = [Plan, Collect, Score, Aggregate, Serve];
}
