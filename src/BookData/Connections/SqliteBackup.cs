using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BookData.Connections;

/// <summary>
/// Writes an online backup of a SQLite database into a file: the one routine behind <c>bookdata backup</c> and
/// <see cref="BookDataOptions.BackupBeforeMigrate"/>. The copy goes into a temporary file beside the target and is
/// moved into place only when complete, so a failure never leaves a partial file, nor its journal, behind.
/// </summary>
internal static class SqliteBackup
{
    private static readonly string[] CompanionSuffixes = ["", "-journal", "-wal", "-shm"];

    /// <summary>Copies the database behind <paramref name="source"/> into <paramref name="target"/>.</summary>
    /// <param name="source">An open connection to the database to copy; in WAL mode the copy is one consistent snapshot while others write.</param>
    /// <param name="target">The backup file; replaced if it exists (callers that must not replace one check first).</param>
    /// <param name="dataSource">The source database, as messages name it.</param>
    /// <param name="purpose">Added to the error message after the target, for example " before applying migration 0002_x"; may be empty.</param>
    /// <param name="logger">Where a failure to delete the temporary file is logged; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Checked before the backup is moved into place.</param>
    /// <exception cref="BookDataDatabaseException">The backup could not be written (the disk is full, say); nothing is left behind.</exception>
    /// <exception cref="OperationCanceledException">The backup was cancelled; nothing is left behind.</exception>
    public static void Write(SqliteConnection source, string target, string dataSource, string purpose, ILogger? logger, CancellationToken cancellationToken)
    {
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        var moved = false;
        try
        {
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = partial,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString();
            using (var destination = new SqliteConnection(connectionString))
            {
                destination.Open();
                source.BackupDatabase(destination);

                // A self-contained single file: no -wal or -shm beside the backup.
                using var command = destination.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = DELETE;";
                command.ExecuteScalar();
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(partial, target, overwrite: true);
            moved = true;
        }
        catch (SqliteException ex)
        {
            var reason = SqliteErrors.IsDiskFull(ex)
                ? "the disk is full"
                : ex.Message.TrimEnd('.');
            throw new BookDataDatabaseException(
                $"Could not back up database '{dataSource}' to '{target}'{purpose}: {reason}; no partial file was left.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BookDataDatabaseException(
                $"Could not back up database '{dataSource}' to '{target}'{purpose}: {ex.Message.TrimEnd('.')}; no partial file was left.", ex);
        }
        finally
        {
            if (!moved)
            {
                foreach (var suffix in CompanionSuffixes)
                {
                    Cleanup.DeleteFile(partial + suffix, dataSource, logger);
                }
            }
        }
    }
}
