using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Collectors.Tests.Ok;

/// <summary>Keeps every log entry of every category, with its structured values and exception, so tests can search all of it.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyCollection<LogEntry> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    internal sealed record LogEntry(string Category, LogLevel Level, string Message, string Values, string? Exception)
    {
        /// <summary>Everything the entry would write anywhere: message, structured values and exception.</summary>
        public string AllText => $"{Category} {Level} {Message} {Values} {Exception}";
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
