using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Support;

/// <summary>A logger provider that keeps every entry in memory, for asserting what was logged.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, entries);

    /// <summary>A typed logger writing into this collector.</summary>
    public ILogger<T> CreateLogger<T>() => new Logger<T>(new CollectorFactory(this));

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class CollectingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }

    private sealed class CollectorFactory(LogCollector collector) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => collector.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
