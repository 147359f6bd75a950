using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Connections;

/// <summary>
/// Reads and sets one of a connection's integer PRAGMAs, for the scopes that change one for a bulk operation and put
/// it back (<see cref="PageCacheScope"/>, <see cref="Import.Sqlite.SortThreadsScope"/>,
/// <see cref="Import.Sqlite.InMemoryStatementJournal"/>). The name is always one of the library's constants and the
/// value an integer, never user text (a PRAGMA takes no parameters).
/// </summary>
internal static class SqlitePragma
{
    /// <summary>The PRAGMA's current value on the connection.</summary>
    public static long Read(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sets the PRAGMA through SQLite's C interface and returns SQLite's result code; never throws. Unlike a command,
    /// it also runs while a transaction SQLite already rolled back (after a full disk) is still open in
    /// Microsoft.Data.Sqlite, so putting a setting back never replaces the error that ended the operation.
    /// </summary>
    public static int Set(SqliteConnection connection, string pragma, long value) =>
        raw.sqlite3_exec(connection.Handle, string.Create(CultureInfo.InvariantCulture, $"PRAGMA {pragma} = {value};"));
}
