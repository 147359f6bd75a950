using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Import.Sqlite;

/// <summary>
/// Lets SQLite's sorter use helper threads (<c>PRAGMA threads</c>) for one bulk operation, such as building
/// indexes, and puts the connection's own limit back when disposed, so the pooled connection does not keep it.
/// </summary>
/// <remarks>
/// Like <see cref="Connections.PageCacheScope"/>, disposing never throws and works through SQLite's C interface, so
/// it also runs after a failure that left a rolled-back transaction open; <c>threads</c> is not transactional.
/// </remarks>
internal sealed class SortThreadsScope : IDisposable
{
    private const string GetThreads = "PRAGMA threads;";

    private readonly SqliteConnection connection;
    private readonly long previous;

    /// <param name="connection">An open connection.</param>
    /// <param name="threads">The helper threads the sorter may start (SQLite caps it at its compiled limit).</param>
    public SortThreadsScope(SqliteConnection connection, int threads)
    {
        this.connection = connection;
        using var command = connection.CreateCommand();
        command.CommandText = GetThreads;
        previous = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        SqliteException.ThrowExceptionForRC(Set(connection, threads), connection.Handle);
    }

    public void Dispose()
    {
        if (connection.Handle is not null)
        {
            // Best effort: a connection that keeps helper threads only sorts with them; nothing more.
            Set(connection, previous);
        }
    }

    private static int Set(SqliteConnection connection, long threads) =>
        // PRAGMA takes no parameters; the value is an integer, never user text.
        raw.sqlite3_exec(connection.Handle, string.Create(CultureInfo.InvariantCulture, $"PRAGMA threads = {threads};"));
}
