using BookData.Connections;
using Microsoft.Data.Sqlite;

namespace BookData.Import.Sqlite;

/// <summary>
/// Lets SQLite's sorter use helper threads (<c>PRAGMA threads</c>) for one bulk operation, such as building
/// indexes, and puts the connection's own limit back when disposed, so the pooled connection does not keep it.
/// </summary>
/// <remarks>
/// Like <see cref="PageCacheScope"/>, disposing never throws (<see cref="SqlitePragma.Set"/>), so it also runs after a
/// failure that left a rolled-back transaction open; <c>threads</c> is not transactional.
/// </remarks>
internal sealed class SortThreadsScope : IDisposable
{
    private const string Threads = "threads";

    private readonly SqliteConnection connection;
    private readonly long previous;

    /// <param name="connection">An open connection.</param>
    /// <param name="threads">The helper threads the sorter may start (SQLite caps it at its compiled limit).</param>
    public SortThreadsScope(SqliteConnection connection, int threads)
    {
        this.connection = connection;
        previous = SqlitePragma.Read(connection, Threads);
        SqliteException.ThrowExceptionForRC(SqlitePragma.Set(connection, Threads, threads), connection.Handle);
    }

    public void Dispose()
    {
        if (connection.Handle is not null)
        {
            // Best effort: a connection that keeps helper threads only sorts with them; nothing more.
            SqlitePragma.Set(connection, Threads, previous);
        }
    }
}
