using Microsoft.Extensions.Logging;

namespace BookData.Migrations;

/// <summary>The migrator's log entries.</summary>
internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied migration {ScriptName} to database {DataSource} in {ElapsedMilliseconds} ms")]
    public static partial void ScriptApplied(ILogger logger, string scriptName, string dataSource, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Migration script {ScriptName} was changed after it was applied to database {DataSource}; continuing because AllowChangedMigrations is set")]
    public static partial void ChangedScriptAccepted(ILogger logger, string scriptName, string dataSource);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Backed up database {DataSource} to {BackupPath} before migrating")]
    public static partial void BackedUp(ILogger logger, string dataSource, string backupPath);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Waiting for another migration of database {DataSource} to finish (lock file {LockPath})")]
    public static partial void WaitingForLock(ILogger logger, string dataSource, string lockPath);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Waiting for another migration of database {DataSource} to finish (PostgreSQL advisory lock)")]
    public static partial void WaitingForAdvisoryLock(ILogger logger, string dataSource);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Created database {DataSource}")]
    public static partial void DatabaseCreated(ILogger logger, string dataSource);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Removed {Path}, a backup of database {DataSource} left unfinished by a migration that was stopped")]
    public static partial void UnfinishedBackupRemoved(ILogger logger, string dataSource, string path);
}
