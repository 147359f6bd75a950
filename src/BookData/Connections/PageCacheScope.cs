using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BookData.Connections;

/// <summary>
/// Gives a connection a larger SQLite page cache for one bulk operation and puts the connection's own
/// size back when disposed, so the pooled connection does not keep the memory.
/// </summary>
internal sealed class PageCacheScope : IDisposable
{
    private const string GetCacheSize = "PRAGMA cache_size;";

    private readonly SqliteConnection connection;
    private readonly int previous;

    /// <param name="connection">An open connection.</param>
    /// <param name="mebibytes">The cache for the operation, in MiB.</param>
    public PageCacheScope(SqliteConnection connection, int mebibytes)
    {
        this.connection = connection;
        using var command = connection.CreateCommand();
        command.CommandText = GetCacheSize;
        previous = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        Set(connection, -mebibytes * 1024);
    }

    public void Dispose() => Set(connection, previous);

    private static void Set(SqliteConnection connection, int cacheSize)
    {
        // PRAGMA takes no parameters; the value is an integer the library computed, never user text.
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize};");
        command.ExecuteNonQuery();
    }
}
