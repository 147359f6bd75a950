using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BookData.Connections;

/// <summary>
/// Gives a connection a larger SQLite page cache for one bulk operation and puts the connection's own
/// size back when disposed, so the pooled connection does not keep the memory. On other providers it
/// does nothing: a PostgreSQL server sizes its own buffers.
/// </summary>
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
        Set(sqlite, -mebibytes * 1024);
    }

    public void Dispose()
    {
        if (connection is not null)
        {
            Set(connection, previous);
        }
    }

    private static void Set(SqliteConnection connection, int cacheSize)
    {
        // PRAGMA takes no parameters; the value is an integer the library computed, never user text.
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize};");
        command.ExecuteNonQuery();
    }
}
