using BookData.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace BookData.Connections;

/// <summary>
/// Shrinks the write-ahead log after a large write (an import, a migration): a checkpoint in <c>TRUNCATE</c>
/// mode copies the log into the database and cuts the <c>-wal</c> file to zero bytes, so the disk a large
/// transaction took is given back at once instead of when the process ends.
/// </summary>
/// <remarks>
/// Best effort, and it never waits: a reader still using the log's frames (an export's snapshot, say) or another
/// writer makes SQLite copy what it can and leave the file as it is; that is logged at debug level and the write
/// that came before still succeeds. SQLite's automatic checkpoints finish the work later, and
/// <c>journal_size_limit</c> (set on every connection) cuts the file back to 64 MiB when the log starts over.
/// </remarks>
internal static class WalCheckpoint
{
    /// <summary>Checkpoints and truncates the log of the connection's main database; never throws.</summary>
    /// <param name="connection">An open read-write connection, outside any transaction.</param>
    /// <param name="busyTimeout">The busy timeout to put back on the connection afterwards.</param>
    /// <param name="dataSource">The database, as messages name it.</param>
    /// <param name="operation">What wrote, for the log: for example "the import of books.csv".</param>
    /// <param name="logger">Where an incomplete or failed checkpoint is logged; none when <see langword="null"/>.</param>
    public static void Truncate(SqliteConnection connection, TimeSpan busyTimeout, string dataSource, string operation, ILogger? logger)
    {
        if (connection.Handle is not { } handle)
        {
            return;
        }

        // TRUNCATE waits on the busy handler for readers to let go of the log; here it must not wait at all.
        raw.sqlite3_busy_timeout(handle, 0);
        try
        {
            var rc = raw.sqlite3_wal_checkpoint_v2(handle, "main", raw.SQLITE_CHECKPOINT_TRUNCATE, out var frames, out var copied);
            if (rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED)
            {
                if (logger is not null && logger.IsEnabled(LogLevel.Debug))
                {
                    long left = frames - copied;
                    long total = frames;
                    BookDataLog.CheckpointIncomplete(logger, dataSource, operation, left, total);
                }
            }
            else if (rc != raw.SQLITE_OK && logger is not null)
            {
                var failure = new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(handle));
                BookDataLog.CleanupFailed(logger, dataSource, $"checkpointing the write-ahead log after {operation}", failure.Message, failure);
            }
        }
        finally
        {
            raw.sqlite3_busy_timeout(handle, (int)busyTimeout.TotalMilliseconds);
        }
    }
}
