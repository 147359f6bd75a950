using System.Collections.Concurrent;
using BookData.Migrations;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

/// <summary>Keeps every log entry written to it, so tests can check what the migrator reported.</summary>
internal sealed class RecordingLogger : ILogger<BookDataMigrator>
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Message)> Entries => entries.ToArray();

    public IReadOnlyList<string> Messages(LogLevel level) =>
        entries.Where(entry => entry.Level == level).Select(entry => entry.Message).ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
}
