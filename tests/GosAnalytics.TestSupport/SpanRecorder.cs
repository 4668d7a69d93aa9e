using System.Collections.Concurrent;
using System.Diagnostics;

namespace GosAnalytics.TestSupport;

/// <summary>
/// Records every span of the named activity sources that ends while it lives — process-wide, so spans of tests running alongside
/// are recorded too, which a test looking for secrets welcomes.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    /// <summary>HttpClient's own spans (.NET 9 and later), with the request's <c>url.full</c>.</summary>
    public const string HttpClientSource = "System.Net.Http";

    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ActivityListener listener;

    public SpanRecorder(params string[] sources)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<Activity> Spans => [.. spans];

    public void Dispose() => listener.Dispose();
}

/// <summary>Everything a span would export, as text.</summary>
public static class SpanText
{
    /// <summary>Name, status, tags, events with their attributes, and links' attributes.</summary>
    public static string AllText(this Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        var attributes = span.TagObjects
            .Concat(span.Events.SelectMany(e => e.Tags.Prepend(new("event", e.Name))))
            .Concat(span.Links.SelectMany(link => link.Tags ?? []));
        return $"{span.DisplayName} {span.StatusDescription} {string.Join("; ", attributes.Select(a => $"{a.Key}={a.Value}"))}";
    }
}
