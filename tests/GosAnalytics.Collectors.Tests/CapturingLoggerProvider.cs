using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Collectors.Tests;

/// <summary>Keeps every log entry of every category, with its structured values and exception, so tests can search all of it.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyCollection<LogEntry> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    internal sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties, string? Exception)
    {
        /// <summary>Everything the entry would write anywhere: message, structured values and exception.</summary>
        public string AllText => $"{Category} {Level} {Message} {string.Join("; ", Properties.Select(p => $"{p.Key}={p.Value}"))} {Exception}";
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), properties, exception?.ToString()));
        }
    }
}
