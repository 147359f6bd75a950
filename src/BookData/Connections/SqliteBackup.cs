using BookData.Files;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace BookData.Connections;

/// <summary>
/// Writes an online backup of a SQLite database into a file: the one routine behind <c>bookdata backup</c> and
/// <see cref="BookDataOptions.BackupBeforeMigrate"/>. The copy goes into a temporary file beside the target and is
/// moved into place only when complete, so a failure never leaves a partial file, nor its journal, behind.
/// </summary>
/// <remarks>
/// <para>
/// A target with a <c>-wal</c>, <c>-shm</c> or <c>-journal</c> file beside it is refused: SQLite would read a
/// file moved into its place together with them (replaying an old write-ahead log or hot journal onto the
/// new copy), and whether the program that left them still has the target open cannot be proved.
/// </para>
/// <para>
/// The copy is taken in steps of <see cref="PagesPerStep"/> pages inside one read transaction on the source (one
/// snapshot), so cancelling stops it within a step. The temporary file is named by <see cref="UnfinishedFile"/>;
/// ones that a killed backup to the same target left are removed first.
/// </para>
/// </remarks>
internal static class SqliteBackup
{
    /// <summary>Pages copied between two checks for cancellation: 4 MiB at the default page size of 4 KiB.</summary>
    internal const int PagesPerStep = 1024;

    private const string PartialSuffix = ".partial";

    private static readonly string[] CompanionSuffixes = ["", "-journal", "-wal", "-shm"];

    private static readonly string[] TargetCompanionSuffixes = ["-wal", "-shm", "-journal"];

    private static readonly string[] PartialSuffixes = [PartialSuffix, PartialSuffix + "-journal", PartialSuffix + "-wal", PartialSuffix + "-shm"];

    /// <summary>Copies the database behind <paramref name="source"/> into <paramref name="target"/>.</summary>
    /// <param name="source">An open connection to the database to copy; in WAL mode the copy is one consistent snapshot while others write.</param>
    /// <param name="target">The backup file; replaced if it exists (callers that must not replace one check first).</param>
    /// <param name="dataSource">The source database, as messages name it.</param>
    /// <param name="purpose">Added to the error message after the target, for example " before applying migration 0002_x"; may be empty.</param>
    /// <param name="logger">Where a failure to delete the temporary file is logged; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Checked before the backup is moved into place.</param>
    /// <exception cref="BookDataValidationException">
    /// A <c>-wal</c>, <c>-shm</c> or <c>-journal</c> file lies beside <paramref name="target"/>; nothing was written
    /// and <paramref name="target"/> and those files are untouched.
    /// </exception>
    /// <exception cref="BookDataDatabaseException">The backup could not be written (the disk is full, say); nothing is left behind.</exception>
    /// <exception cref="OperationCanceledException">The backup was cancelled; nothing is left behind.</exception>
    public static void Write(SqliteConnection source, string target, string dataSource, string purpose, ILogger? logger, CancellationToken cancellationToken)
    {
        ThrowIfCompanions(target);
        var folder = Path.GetDirectoryName(target) ?? ".";
        var prefix = Path.GetFileName(target);
        UnfinishedFile.RemoveLeftOver(folder, prefix, PartialSuffixes, dataSource, logger);
        var partial = UnfinishedFile.NewPath(folder, prefix, PartialSuffix);
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
                CopyInSteps(source, destination, cancellationToken);

                // A self-contained single file: no -wal or -shm beside the backup.
                using var command = destination.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = DELETE;";
                command.ExecuteScalar();
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Again at the last moment: a program may have opened the target while the copy was written.
            ThrowIfCompanions(target);
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

    /// <summary>
    /// Refuses a target with a <c>-wal</c>, <c>-shm</c> or <c>-journal</c> file beside it, naming them and what to do.
    /// </summary>
    /// <param name="target">The backup file.</param>
    /// <exception cref="BookDataValidationException">Such a file exists.</exception>
    internal static void ThrowIfCompanions(string target)
    {
        var found = TargetCompanionSuffixes.Select(suffix => target + suffix).Where(path => Path.Exists(path)).ToList();
        if (found.Count == 0)
        {
            return;
        }

        var named = string.Join(" and ", found.Select(path => $"'{path}'"));
        throw new BookDataValidationException(
            "path",
            $"'{target}' cannot be replaced: {named} {(found.Count == 1 ? "lies" : "lie")} beside it, left by a program that has it open or stopped without closing it, "
            + $"and SQLite would read the new backup together with {(found.Count == 1 ? "it" : "them")}. Close every program using '{target}', or delete it and {named}, then run the backup again.");
    }

    /// <summary>
    /// SQLite's online backup, <see cref="PagesPerStep"/> pages at a time with a check for cancellation between steps,
    /// inside one read transaction on the source so that every step reads the same snapshot.
    /// </summary>
    private static void CopyInSteps(SqliteConnection source, SqliteConnection destination, CancellationToken cancellationToken)
    {
        using var snapshot = source.BeginTransaction(deferred: true);
        using (var read = source.CreateCommand())
        {
            read.Transaction = snapshot;
            read.CommandText = "SELECT count(*) FROM sqlite_schema;";
            read.ExecuteScalar();
        }

        var backup = raw.sqlite3_backup_init(destination.Handle, "main", source.Handle, "main");
        if (backup is null || backup.IsInvalid)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_errcode(destination.Handle), destination.Handle);
        }

        using (backup)
        {
            int rc;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                rc = raw.sqlite3_backup_step(backup, PagesPerStep);
                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
                {
                    Thread.Sleep(10);
                }
            }
            while (rc is raw.SQLITE_OK or raw.SQLITE_BUSY or raw.SQLITE_LOCKED);

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, destination.Handle);
            }
        }
    }
}
