using System.Globalization;
using BookData.Connections;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Import.Sqlite;

/// <summary>
/// Keeps SQLite's statement journals in memory for the load of an import (<c>PRAGMA temp_store = MEMORY</c>,
/// set before the transaction begins, which is when SQLite decides where they go), and gives the connection its
/// own setting back before the set-aside indexes are built, so that their sorts still spill to temporary files.
/// </summary>
/// <remarks>
/// A multi-row insert into <c>book</c> keeps a statement journal: the schema's <c>CHECK (length(title) …)</c> calls a
/// function, so SQLite prepares to undo the statement alone. The journal holds the original of every page the
/// statement changes; SQLite keeps 64 KiB of it in memory and writes the rest to a temporary file. When a file's
/// books arrive in random author order, each insert of 32 books changes about 32 pages of the (author, title)
/// index, so at a million rows the journal took about 1.8 million <c>pwrite</c> calls (docs/benchmarks.md).
/// The import never rolls back one statement (any error ends it and rolls back the whole transaction), so the
/// journal only costs; in memory it costs a copy. Changing <c>temp_store</c> closes the connection's temporary
/// database, so when that holds anything (temporary tables someone made on the pooled connection) the scope changes
/// nothing. An open but empty one is closed and nothing is lost: SQLite opens it for its own work, for example
/// <c>ALTER TABLE … RENAME</c> in a migration, and the migrator's pooled connection is often the import's.
/// </remarks>
internal sealed class InMemoryStatementJournal : IDisposable
{
    private const string TempStore = "temp_store";

    private const int Memory = 2;

    private readonly SqliteConnection connection;
    private readonly long? previous;

    /// <param name="connection">The import's open connection, outside any transaction.</param>
    public InMemoryStatementJournal(SqliteConnection connection)
    {
        this.connection = connection;
        if (TemporaryObjectsExist(connection))
        {
            return;
        }

        var current = SqlitePragma.Read(connection, TempStore);
        if (current != Memory && SqlitePragma.Set(connection, TempStore, Memory) == raw.SQLITE_OK)
        {
            previous = current;
        }
    }

    /// <summary>Whether the load's statement journals are kept in memory.</summary>
    public bool Active => previous is not null;

    /// <summary>Gives the connection its own setting back; allowed inside the import's transaction while the temporary database stays closed.</summary>
    /// <returns><see langword="true"/> when the connection has its own setting again.</returns>
    public bool Restore() => previous is not { } value || SqlitePragma.Set(connection, TempStore, value) == raw.SQLITE_OK;

    public void Dispose() => Restore();

    private static bool TemporaryObjectsExist(SqliteConnection connection)
    {
        // database_list lists the temporary database only once it has been opened; reading its schema would open it.
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_database_list WHERE name = 'temp';";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }

        command.CommandText = "SELECT count(*) FROM temp.sqlite_schema;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }
}
