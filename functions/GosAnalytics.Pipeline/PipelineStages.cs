using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline;

/// <summary>
/// The stages of a daily run, and the one way an invocation of a stage is observed. Each stage driver runs its work inside
/// <see cref="RunAsync"/>, which for the length of the invocation:
/// <list type="bullet">
/// <item>opens a span of the activity source <see cref="ActivitySourceName"/>, named after the stage and tagged with the run id,
/// attempt, batch, platform and region it knows (<see cref="StageTags"/>), linked to the run's start when the message carried it
/// (<see cref="StageContext.RunTrace"/>);</item>
/// <item>opens a log scope with the same ids, so that every log line written inside carries them;</item>
/// <item>attributes its storage requests to the stage (<see cref="Storage.StorageOperationCounter"/>);</item>
/// <item>records on the meter <see cref="MeterName"/> how long it took (histogram <c>gosanalytics.stage.duration</c>, seconds, tagged
/// <c>stage</c> and, when it failed, <c>error.type</c>) and how many invocations run (<c>gosanalytics.stage.active</c>).</item>
/// </list>
/// On Azure these go to Application Insights (docs/operations.md, "Traces and metrics"); the local host's run report reads the same meter.
/// </summary>
public static class PipelineStages
{
    public const string Plan = "plan";
    public const string Collect = "collect";
    public const string Score = "score";
    public const string Aggregate = "aggregate";

    /// <summary>Answering a read request about a served run (not a step of the run itself, so not in <see cref="All"/>).</summary>
    public const string Serve = "serve";

    public const string MeterName = "GosAnalytics.Pipeline";

    /// <summary>The pipeline's one activity source: a span per stage invocation.</summary>
    public const string ActivitySourceName = "GosAnalytics.Pipeline";

    public const string DurationInstrument = "gosanalytics.stage.duration";
    public const string ActiveInstrument = "gosanalytics.stage.active";
    public const string StageTag = "stage";

    /// <summary>The metric tag, and span tag, naming what made an invocation fail (the exception's type; never its message).</summary>
    public const string ErrorTypeTag = "error.type";

    private static readonly ActivitySource Source = new(ActivitySourceName);
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of one invocation of a pipeline stage.");
    private static readonly UpDownCounter<int> Active = Meter.CreateUpDownCounter<int>(ActiveInstrument, "{invocation}", "Invocations of a pipeline stage in progress.");

    /// <summary>The stages of a daily run, in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Plan, Collect, Score, Aggregate];

    /// <summary>Runs <paramref name="body"/> as one observed invocation of <paramref name="stage"/> (see the class summary).</summary>
    public static Task RunAsync(string stage, StageContext context, ILogger logger, Func<StageInvocation, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunAsync(stage, context, logger, async invocation =>
        {
            await body(invocation);
            return true;
        });
    }

    /// <inheritdoc cref="RunAsync(string, StageContext, ILogger, Func{StageInvocation, Task})"/>
    public static async Task<T> RunAsync<T>(string stage, StageContext context, ILogger logger, Func<StageInvocation, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var invocation = Begin(stage, context, logger);
        try
        {
            return await body(invocation);
        }
        catch (Exception error)
        {
            invocation.Failed(error);
            throw;
        }
    }

    private static StageInvocation Begin(string stage, StageContext context, ILogger logger)
    {
        var stageTag = new KeyValuePair<string, object?>(StageTag, stage);
        Active.Add(1, stageTag);
        var storage = Storage.StorageOperationCounter.Stage(stage);
        var tags = context.Tags(stage);
        var activity = Source.StartActivity(stage, ActivityKind.Internal, parentContext: default, tags, StageContext.LinkTo(context.RunTrace));
        return new StageInvocation(activity, logger, logger.BeginScope(new StageScope(tags)), (error, seconds) =>
        {
            if (error is null)
            {
                Duration.Record(seconds, stageTag);
            }
            else
            {
                Duration.Record(seconds, stageTag, new KeyValuePair<string, object?>(ErrorTypeTag, error));
            }

            Active.Add(-1, stageTag);
            storage.Dispose();
        });
    }
}
