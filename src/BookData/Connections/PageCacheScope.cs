using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Connections;

/// <summary>
/// Gives a connection a larger SQLite page cache for one bulk operation and puts the connection's own
/// size back when disposed, so the pooled connection does not keep the memory. On other providers it
/// does nothing: a PostgreSQL server sizes its own buffers.
/// </summary>
/// <remarks>
/// Disposing never throws: it runs after failures too, including a full disk that made SQLite roll the
/// transaction back, and must not replace that error. The size is put back through SQLite's C interface,
/// which (unlike a command) does not refuse to run while a rolled-back transaction is still open in
/// Microsoft.Data.Sqlite; <c>cache_size</c> is not transactional, so it takes effect either way.
/// </remarks>
internal sealed class PageCacheScope : IDisposable
{
    private const string GetCacheSize = "PRAGMA cache_size;";

    private readonly SqliteConnection? connection;
    private readonly int previous;

    /// <param name="connection">An open connection.</param>
    /// <param name="mebibytes">The cache for the operation, in MiB.</param>
    public PageCacheScope(DbConnection connection, int mebibytes)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        this.connection = sqlite;
        using var command = connection.CreateCommand();
        command.CommandText = GetCacheSize;
        previous = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        SqliteException.ThrowExceptionForRC(Set(sqlite, -mebibytes * 1024), sqlite.Handle);
    }

    public void Dispose()
    {
        if (connection?.Handle is not null)
        {
            // Best effort: a connection whose cache stays large wastes memory until the pool drops it; nothing more.
            Set(connection, previous);
        }
    }

    private static int Set(SqliteConnection connection, int cacheSize) =>
        // PRAGMA takes no parameters; the value is an integer the library computed, never user text.
        raw.sqlite3_exec(connection.Handle, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize};"));
}
