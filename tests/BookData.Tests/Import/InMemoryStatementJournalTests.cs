using System.Globalization;
using BookData.Import.Sqlite;
using BookData.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Import;

/// <summary>The import's in-memory statement journals: set for the load, the connection's own setting given back, and nothing lost.</summary>
public sealed class InMemoryStatementJournalTests
{
    [Fact]
    public async Task Ctor_TemporaryDatabaseClosed_KeepsJournalsInMemoryUntilRestoredInsideTheTransaction()
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        var before = TempStore(connection, null);

        using var journal = new InMemoryStatementJournal(connection);
        using var transaction = connection.BeginTransaction();
        var during = TempStore(connection, transaction);
        var restored = journal.Restore();

        journal.Active.Should().BeTrue();
        during.Should().Be(2, "statement journals go to memory for the load");
        restored.Should().BeTrue();
        TempStore(connection, transaction).Should().Be(before, "the index builds sort with the connection's own setting");
    }

    [Fact]
    public async Task Ctor_TemporaryTableOpen_ChangesNothingAndKeepsTheTable()
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        Execute(connection, "CREATE TEMP TABLE scratch (x INTEGER); INSERT INTO scratch VALUES (42);");
        var before = TempStore(connection, null);

        using (var journal = new InMemoryStatementJournal(connection))
        {
            journal.Active.Should().BeFalse("changing temp_store would drop the temporary table");
            journal.Restore().Should().BeTrue();
        }

        TempStore(connection, null).Should().Be(before);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT x FROM temp.scratch;";
        command.ExecuteScalar().Should().Be(42L);
    }

    [Fact]
    public async Task Ctor_TemporaryDatabaseOpenButEmpty_KeepsJournalsInMemory()
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;

        // What a migration's ALTER TABLE ... RENAME leaves on the pooled connection: the temporary database open, holding nothing.
        Execute(connection, "CREATE TEMP TABLE scratch (x INTEGER); DROP TABLE temp.scratch;");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM pragma_database_list WHERE name = 'temp';";
            command.ExecuteScalar().Should().Be(1L);
        }

        using var journal = new InMemoryStatementJournal(connection);
        using var transaction = connection.BeginTransaction();

        journal.Active.Should().BeTrue();
        TempStore(connection, transaction).Should().Be(2, "statement journals go to memory for the load");
    }

    [Fact]
    public async Task Dispose_AfterTheTransaction_LeavesTheConnectionAsItWas()
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        var before = TempStore(connection, null);

        using (var journal = new InMemoryStatementJournal(connection))
        {
            using var transaction = connection.BeginTransaction();
            transaction.Commit();
        }

        TempStore(connection, null).Should().Be(before);
    }

    private static long TempStore(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA temp_store;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
