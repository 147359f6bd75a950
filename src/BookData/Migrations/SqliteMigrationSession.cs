using Dapper;
using Microsoft.Data.Sqlite;

namespace BookData.Migrations;

/// <summary>
/// Puts the SQLite connection that applies the scripts into the state SQLite's table-rebuild procedure needs
/// (<see href="https://www.sqlite.org/lang_altertable.html#otheralter"/>): foreign keys off outside the
/// scripts' transactions, so dropping a table fires no <c>ON DELETE</c> action; and back when disposed, even
/// after a failure, so the pooled connection is never reused with foreign keys off.
/// </summary>
internal sealed class SqliteMigrationSession : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly bool legacyAlterTable;

    private SqliteMigrationSession(SqliteConnection connection, bool legacyAlterTable)
    {
        this.connection = connection;
        this.legacyAlterTable = legacyAlterTable;
    }

    /// <summary>Turns foreign keys off on <paramref name="connection"/>, which must not be inside a transaction.</summary>
    /// <exception cref="InvalidOperationException">Foreign keys stayed on (the connection is inside a transaction).</exception>
    public static SqliteMigrationSession Begin(SqliteConnection connection)
    {
        var legacyAlterTable = connection.ExecuteScalar<long>(MigrationSql.LegacyAlterTableStateSqlite) == 1;
        connection.Execute(MigrationSql.ForeignKeysOffSqlite);
        var session = new SqliteMigrationSession(connection, legacyAlterTable);
        if (connection.ExecuteScalar<long>(MigrationSql.ForeignKeysStateSqlite) != 0)
        {
            session.Dispose();
            throw new InvalidOperationException("Foreign keys could not be turned off for the migration: the connection is inside a transaction.");
        }

        return session;
    }

    /// <summary>
    /// Turns foreign keys back on and undoes a script's <c>PRAGMA legacy_alter_table = ON</c>. When that
    /// fails, the connection's pool is cleared so the connection is closed instead of reused.
    /// </summary>
    public void Dispose()
    {
        try
        {
            connection.Execute(MigrationSql.ForeignKeysOnSqlite);
            if (!legacyAlterTable)
            {
                connection.Execute(MigrationSql.LegacyAlterTableOffSqlite);
            }

            if (connection.ExecuteScalar<long>(MigrationSql.ForeignKeysStateSqlite) == 1)
            {
                return;
            }
        }
        catch (SqliteException)
        {
            // Fall through: the connection must not be reused in an unknown state.
        }

        SqliteConnection.ClearPool(connection);
    }
}
