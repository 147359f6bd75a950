using System.Globalization;
using BookData.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BookData.Migrations;

/// <summary>Takes the online backup that <see cref="BookDataOptions.BackupBeforeMigrate"/> asks for.</summary>
internal static class MigrationBackup
{
    /// <summary>
    /// Copies the database behind <paramref name="source"/> to
    /// <c>&lt;database&gt;.bak-&lt;UTC time&gt;-before-&lt;first pending script&gt;</c> with SQLite's
    /// online backup, which is consistent even while other connections write.
    /// </summary>
    /// <returns>The backup file's path.</returns>
    /// <exception cref="BookDataDatabaseException">The backup could not be written; no partial file is left.</exception>
    /// <exception cref="OperationCanceledException">The backup was cancelled; no partial file is left.</exception>
    public static string Create(SqliteConnection source, string databasePath, string dataSource, string firstPendingScript, ILogger? logger, CancellationToken cancellationToken)
    {
        RemoveUnfinished(databasePath, dataSource, logger);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var backupPath = $"{databasePath}.bak-{stamp}-before-{Path.GetFileNameWithoutExtension(firstPendingScript)}";
        SqliteBackup.Write(
            source, backupPath, dataSource, $" before applying migration '{firstPendingScript}'", logger, cancellationToken);
        return backupPath;
    }

    /// <summary>
    /// Removes the unfinished copies (<c>&lt;backup&gt;.&lt;id&gt;.partial</c> and their <c>-journal</c>) that a migration
    /// killed while backing up left beside the database. Only the holder of the migration lock writes these backups,
    /// so any found by the holder is left over (best effort: a file that cannot be removed stays).
    /// </summary>
    private static void RemoveUnfinished(string databasePath, string dataSource, ILogger? logger)
    {
        var folder = Path.GetDirectoryName(databasePath);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            return;
        }

        var prefix = Path.GetFileName(databasePath) + ".bak-";
        foreach (var path in Directory.EnumerateFiles(folder, prefix + "*.partial*"))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith(prefix, StringComparison.Ordinal) && (name.EndsWith(".partial", StringComparison.Ordinal) || name.EndsWith(".partial-journal", StringComparison.Ordinal)))
            {
                Cleanup.DeleteFile(path, dataSource, logger);
                if (logger is not null && !File.Exists(path))
                {
                    MigrationLog.UnfinishedBackupRemoved(logger, dataSource, path);
                }
            }
        }
    }
}
