using System.Diagnostics;
using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline;

/// <summary>
/// The names under which a stage invocation's ids appear, the same on its span (tags) and on every log line written inside it
/// (scope values): in Application Insights, <c>customDimensions["gosanalytics.run.id"]</c> finds a run's requests, dependencies
/// and traces alike.
/// </summary>
public static class StageTags
{
    public const string Stage = "gosanalytics.stage";
    public const string RunId = "gosanalytics.run.id";
    public const string Attempt = "gosanalytics.run.attempt";
    public const string BatchIndex = "gosanalytics.batch.index";

    /// <summary>The batch's run and row key, e.g. <c>2026-11-20/0042</c>: one value to search for a batch's collect and score.</summary>
    public const string BatchId = "gosanalytics.batch.id";
    public const string Platform = "gosanalytics.platform";
    public const string Region = "gosanalytics.region";
}

/// <summary>What a stage invocation knows about itself when it starts: the run, and where known the attempt, batch, platform and region.</summary>
/// <param name="RunTrace">The W3C traceparent of the run's start that the message carried; the invocation's span links to it.</param>
public readonly record struct StageContext(
    string RunId,
    int? Attempt = null,
    int? BatchIndex = null,
    Platform? Platform = null,
    int? Region = null,
    string? RunTrace = null)
{
    public static StageContext Of(CollectMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.RunId, message.Attempt, message.BatchIndex, message.Platform, RunTrace: message.TraceParent);
    }

    public static StageContext Of(ScoreMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.RunId, message.Attempt, message.BatchIndex, message.Platform, RunTrace: message.TraceParent);
    }

    public static StageContext Of(AggregateMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.RunId, message.Attempt, RunTrace: message.TraceParent);
    }

    /// <summary>The batch id tagged on its spans and logs (<see cref="StageTags.BatchId"/>).</summary>
    public static string BatchIdOf(string runId, int batchIndex) => $"{runId}/{BatchEntity.RowKeyOf(batchIndex)}";

    /// <summary>A link to the span <paramref name="traceParent"/> names, or none when it is absent or not a W3C traceparent.</summary>
    public static ActivityLink[]? LinkTo(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState: null, out var linked) ? [new ActivityLink(linked)] : null;

    internal List<KeyValuePair<string, object?>> Tags(string stage)
    {
        var tags = new List<KeyValuePair<string, object?>>(8) { new(StageTags.Stage, stage), new(StageTags.RunId, RunId) };
        if (Attempt is { } attempt)
        {
            tags.Add(new(StageTags.Attempt, attempt));
        }

        if (BatchIndex is { } batch)
        {
            tags.Add(new(StageTags.BatchIndex, batch));
            tags.Add(new(StageTags.BatchId, BatchIdOf(RunId, batch)));
        }

        if (Platform is { } platform)
        {
            tags.Add(new(StageTags.Platform, platform.ToCode()));
        }

        if (Region is { } region)
        {
            tags.Add(new(StageTags.Region, region));
        }

        return tags;
    }
}

/// <summary>
/// One invocation of a stage in progress (<see cref="PipelineStages.RunAsync"/>): its span, its log scope and its measurements. A stage
/// that learns an id after it started (the attempt it claimed, the region of its batch) adds it with <see cref="Identify"/>.
/// </summary>
public sealed class StageInvocation : IDisposable
{
    private readonly Activity? activity;
    private readonly ILogger logger;
    private readonly Stack<IDisposable?> scopes = new();
    private readonly Action<string?, double> completed;
    private readonly long started = Stopwatch.GetTimestamp();
    private string? errorType;

    internal StageInvocation(Activity? activity, ILogger logger, IDisposable? scope, Action<string?, double> completed)
    {
        this.activity = activity;
        this.logger = logger;
        this.completed = completed;
        scopes.Push(scope);
    }

    /// <summary>
    /// The W3C traceparent of this invocation's span, or null when no one records the pipeline's spans. The plan stage puts it in the
    /// messages it sends: it is the run's start that every later invocation of the run links to.
    /// </summary>
    public string? TraceParent => activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;

    /// <summary>Adds ids learnt during the invocation to its span and to the log lines written from here on.</summary>
    public void Identify(int? attempt = null, int? region = null)
    {
        var tags = new List<KeyValuePair<string, object?>>(2);
        if (attempt is { } a)
        {
            tags.Add(new(StageTags.Attempt, a));
        }

        if (region is { } r)
        {
            tags.Add(new(StageTags.Region, r));
        }

        if (tags.Count == 0)
        {
            return;
        }

        foreach (var (key, value) in tags)
        {
            activity?.SetTag(key, value);
        }

        scopes.Push(logger.BeginScope(new StageScope(tags)));
    }

    internal void Failed(Exception error)
    {
        errorType = error.GetType().FullName ?? error.GetType().Name;
        activity?.SetTag(PipelineStages.ErrorTypeTag, errorType);
        activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
    }

    public void Dispose()
    {
        while (scopes.TryPop(out var scope))
        {
            scope?.Dispose();
        }

        completed(errorType, Stopwatch.GetElapsedTime(started).TotalSeconds);
        activity?.Dispose();
    }
}

/// <summary>A log scope of key–value pairs that formats as <c>key=value, …</c> where a logger prints scopes as text.</summary>
internal sealed class StageScope(IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        string.Join(", ", values.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));
}
