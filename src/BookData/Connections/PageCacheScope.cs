using System.Data.Common;
using Microsoft.Data.Sqlite;

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
    private const string CacheSize = "cache_size";

    private readonly SqliteConnection? connection;
    private readonly long previous;

    /// <param name="connection">An open connection.</param>
    /// <param name="mebibytes">The cache for the operation, in MiB.</param>
    public PageCacheScope(DbConnection connection, int mebibytes)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        this.connection = sqlite;
        previous = SqlitePragma.Read(sqlite, CacheSize);
        SqliteException.ThrowExceptionForRC(SqlitePragma.Set(sqlite, CacheSize, -mebibytes * 1024L), sqlite.Handle);
    }

    public void Dispose()
    {
        if (connection?.Handle is not null)
        {
            // Best effort: a connection whose cache stays large wastes memory until the pool drops it; nothing more.
            SqlitePragma.Set(connection, CacheSize, previous);
        }
    }
}
