using Microsoft.Extensions.Logging;

namespace BookData.Diagnostics;

/// <summary>Every log entry BookData writes, as source-generated <see cref="LoggerMessage"/> methods.</summary>
internal static partial class BookDataLog
{
    // Event 1001 (MigrationsApplied) is retired: the migrator's event 1 logs each applied script once.

    [LoggerMessage(EventId = 1002, EventName = "SchemaCurrent", Level = LogLevel.Information,
        Message = "Database '{Database}' schema is current; no migration script was pending")]
    public static partial void SchemaCurrent(ILogger logger, string database);

    [LoggerMessage(EventId = 1003, EventName = "MigrationScriptFailed", Level = LogLevel.Error,
        Message = "Migrating database '{Database}' stopped at script {ScriptName}, so startup stops: {Reason}")]
    public static partial void MigrationScriptFailed(ILogger logger, string scriptName, string database, string reason, Exception exception);

    [LoggerMessage(EventId = 1004, EventName = "MigrationFailed", Level = LogLevel.Error,
        Message = "Migrating database '{Database}' failed, so startup stops: {Reason}")]
    public static partial void MigrationFailed(ILogger logger, string database, string reason, Exception exception);

    [LoggerMessage(EventId = 2001, EventName = "SlowOperation", Level = LogLevel.Warning,
        Message = "BookData operation {Operation} took {ElapsedMilliseconds} ms, more than the slow statement threshold of {ThresholdMilliseconds} ms")]
    public static partial void SlowOperation(ILogger logger, string operation, long elapsedMilliseconds, long thresholdMilliseconds);

    [LoggerMessage(EventId = 2002, EventName = "CleanupFailed", Level = LogLevel.Warning,
        Message = "Cleaning up on database '{Database}' ({Step}) failed; the operation's own outcome stands: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string database, string step, string reason, Exception exception);

    [LoggerMessage(EventId = 2003, EventName = "CheckpointIncomplete", Level = LogLevel.Debug,
        Message = "Checkpoint of database '{Database}' after {Operation} left {Frames} of {Total} write-ahead log frames: readers still use them; a later checkpoint copies them")]
    public static partial void CheckpointIncomplete(ILogger logger, string database, string operation, long frames, long total);
}
