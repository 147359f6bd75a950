using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BookData.Testing;

/// <summary>A logger provider that keeps every entry in memory, for tests that check what was logged.</summary>
/// <param name="minimumLevel">The lowest level kept; <see cref="LogLevel.Trace"/> (everything) unless given.</param>
public sealed class LogCollector(LogLevel minimumLevel = LogLevel.Trace) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    /// <summary>The entries so far, in the order they were written.</summary>
    public IReadOnlyList<LogEntry> Entries => entries.ToArray();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, minimumLevel, entries);

    /// <summary>A typed logger writing into this collector, for code that takes an <see cref="ILogger{T}"/>.</summary>
    public ILogger<T> CreateLogger<T>() => new Logger<T>(new CollectorFactory(this));

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>One entry.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class CollectingLogger(string category, LogLevel minimumLevel, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
            }
        }
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
