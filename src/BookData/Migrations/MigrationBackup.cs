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
    public static string Create(SqliteConnection source, string databasePath, string dataSource, string firstPendingScript, ILogger? logger)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var backupPath = $"{databasePath}.bak-{stamp}-before-{Path.GetFileNameWithoutExtension(firstPendingScript)}";
        SqliteBackup.Write(
            source, backupPath, dataSource, $" before applying migration '{firstPendingScript}'", logger, CancellationToken.None);
        return backupPath;
    }
}
