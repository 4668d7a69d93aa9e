using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// OpenTelemetry's in-memory exporters added to a local host (its spans and its logs, with the host's own telemetry configuration),
/// and every text they hold, for tests that look for ids or for secrets.
/// </summary>
public sealed class InMemoryTelemetry
{
    private readonly LockedCollection<Activity> spans = new();
    private readonly LockedCollection<LogRecord> logs = new();

    public IReadOnlyList<Activity> Spans => spans.Snapshot();

    public IReadOnlyList<LogRecord> Logs => logs.Snapshot();

    /// <summary>Turns the host's telemetry on with the two exporters (and no other destination).</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithLogging(logging => logging.AddInMemoryExporter(logs));

    /// <summary>Every value of a log record as text: message, body, attributes, scopes, exception (spans: <see cref="TestSupport.SpanText"/>).</summary>
    public static IEnumerable<string> TextOf(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        yield return record.FormattedMessage ?? "";
        yield return record.Body ?? "";
        foreach (var attribute in record.Attributes ?? [])
        {
            yield return $"{attribute.Key}={attribute.Value}";
        }

        foreach (var (key, value) in ScopeValues(record))
        {
            yield return $"{key}={value}";
        }

        if (record.Exception is { } exception)
        {
            yield return exception.ToString();
        }
    }

    /// <summary>The key–value pairs of a record's scopes, outermost first.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> ScopeValues(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var values = new List<KeyValuePair<string, object?>>();
        record.ForEachScope(
            (scope, state) =>
            {
                foreach (var pair in scope)
                {
                    state.Add(pair);
                }
            },
            values);
        return values;
    }

    /// <summary>A collection the exporters add to from any thread while a test reads snapshots.</summary>
    private sealed class LockedCollection<T> : ICollection<T>
    {
        private readonly List<T> items = [];

        public int Count
        {
            get
            {
                lock (items)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public IReadOnlyList<T> Snapshot()
        {
            lock (items)
            {
                return [.. items];
            }
        }

        public void Add(T item)
        {
            lock (items)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (items)
            {
                items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().ToList().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (items)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
