using System.Globalization;
using Microsoft.Data.Sqlite;

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
    public static string Create(SqliteConnection source, string databasePath, string dataSource, string firstPendingScript)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var backupPath = $"{databasePath}.bak-{stamp}-before-{Path.GetFileNameWithoutExtension(firstPendingScript)}";
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = backupPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();

        try
        {
            using var destination = new SqliteConnection(connectionString);
            destination.Open();
            source.BackupDatabase(destination);
        }
        catch (SqliteException ex)
        {
            DeleteQuietly(backupPath);
            throw new BookDataDatabaseException(
                $"Could not back up database '{dataSource}' to '{backupPath}' before applying migration '{firstPendingScript}': {ex.Message}",
                ex);
        }

        return backupPath;
    }

    private static void DeleteQuietly(string path)
    {
        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The original failure is the one worth reporting.
            }
        }
    }
}
