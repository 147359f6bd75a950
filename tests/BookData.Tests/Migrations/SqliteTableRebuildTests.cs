using BookData.Migrations;
using BookData.Tests.Support;

namespace BookData.Tests.Migrations;

/// <summary>
/// A script that rebuilds a table by SQLite's documented procedure, applied to a populated catalog: the migrator
/// turns foreign keys off around it (so dropping the old table fires no cascade) and checks them before the commit.
/// </summary>
public sealed class SqliteTableRebuildTests
{
    [Fact]
    public async Task MigrateAsync_TableRebuildOnPopulatedCatalog_KeepsEveryRowAndLink()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(database);
        var rowsBefore = Rows(await CatalogDump.AllRowsAsync(database));
        var linksBefore = await CatalogDump.LinksAsync(database);

        var result = await new BookDataMigrator(database.Factory, TableRebuildScripts.AfterShipped(TableRebuildScripts.AddIsbn)).MigrateAsync();

        result.Applied.Should().Equal(TableRebuildScripts.AddIsbn.Name);
        linksBefore.Should().NotBeEmpty();
        (await CatalogDump.LinksAsync(database)).Should().Equal(linksBefore);
        Rows(await CatalogDump.AllRowsAsync(database)).Should().Equal(rowsBefore);
        (await CatalogDump.IntegrityProblemsAsync(database)).Should().BeEmpty();
        (await CatalogDump.QueryAsync(database, "SELECT name FROM pragma_table_info('book') WHERE name = 'isbn'")).Should().HaveCount(1);
        (await CatalogDump.QueryAsync(database, "SELECT name FROM sqlite_schema WHERE name IN ('ix_book_title', 'author_publisher') ORDER BY name"))
            .Select(row => row[0]).Should().Equal("author_publisher", "ix_book_title");
    }

    /// <summary>
    /// Before a rebuild the migrator works out the table's definition by running the earlier scripts on an empty
    /// database. A script that cannot run there (it reads a table of the owner's) leaves nothing to compare: the
    /// migration goes on and applies both scripts, instead of failing on the comparison's own error.
    /// </summary>
    [Fact]
    public async Task MigrateAsync_ScriptBeforeTheRebuildNeedsTheOwnersTable_AppliesBoth()
    {
        await using var database = await TestDatabase.CreateAsync();
        await CatalogDump.ExecuteAsync(database, "CREATE TABLE owner_publishers (name TEXT); INSERT INTO owner_publishers VALUES ('From The Owner');");
        var readsOwnersTable = new MigrationScript("9000_copy_owner_publishers.sql", "INSERT INTO publisher (name) SELECT name FROM owner_publishers;");

        var result = await new BookDataMigrator(database.Factory, [.. EmbeddedMigrations.All, readsOwnersTable, TableRebuildScripts.AddIsbn]).MigrateAsync();

        result.Applied.Should().Equal(readsOwnersTable.Name, TableRebuildScripts.AddIsbn.Name);
        (await CatalogDump.QueryAsync(database, "SELECT name FROM publisher")).Select(row => row[0]).Should().Equal("From The Owner");
        (await CatalogDump.QueryAsync(database, "SELECT name FROM pragma_table_info('book') WHERE name = 'isbn'")).Should().HaveCount(1);
    }

    [Fact]
    public async Task MigrateAsync_RebuildLeavesDanglingRows_FailsNamingTableAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(database);
        var before = await CatalogDump.AllRowsAsync(database);
        var journalBefore = await CatalogDump.QueryAsync(database, "SELECT script_name, checksum FROM schema_version ORDER BY script_name");

        var migrate = () => new BookDataMigrator(database.Factory, TableRebuildScripts.AfterShipped(TableRebuildScripts.LosesBooks)).MigrateAsync();

        var error = (await migrate.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be(TableRebuildScripts.LosesBooks.Name);
        error.Message.Should().Contain("'9001_rebuild_book.sql'").And.Contain("table 'book_publisher'").And.Contain("'book'")
            .And.Contain(database.Path).And.Contain("rolled back");
        (await CatalogDump.AllRowsAsync(database)).Should().Equal(before);
        (await CatalogDump.QueryAsync(database, "SELECT script_name, checksum FROM schema_version ORDER BY script_name"))
            .Should().BeEquivalentTo(journalBefore, options => options.WithStrictOrdering());
    }

    /// <summary>
    /// Rows that dangled before the script (written with foreign keys off) do not stop it; the script's own do, and the
    /// message counts both.
    /// </summary>
    [Fact]
    public async Task MigrateAsync_RowsDanglingBeforeAndRebuildLeavesMore_FailsCountingThoseAlreadyThere()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(database);
        await CatalogDump.ExecuteAsync(database, "PRAGMA foreign_keys = OFF; INSERT INTO book_publisher (book_id, publisher_id) VALUES (999999, (SELECT min(publisher_id) FROM publisher));");
        var before = await CatalogDump.AllRowsAsync(database);

        var migrate = () => new BookDataMigrator(database.Factory, TableRebuildScripts.AfterShipped(TableRebuildScripts.LosesBooks)).MigrateAsync();

        var error = (await migrate.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be(TableRebuildScripts.LosesBooks.Name);
        error.Message.Should().Contain("in table 'book_publisher' point to no row in 'book' (1 of them did before the script)");
        (await CatalogDump.AllRowsAsync(database)).Should().Equal(before);
    }

    [Fact]
    public async Task MigrateAsync_RowsDanglingBeforeAndRebuildKeepsEveryRow_AppliesAndLeavesThemAsTheyWere()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(database);
        await CatalogDump.ExecuteAsync(database, "PRAGMA foreign_keys = OFF; INSERT INTO book_publisher (book_id, publisher_id) VALUES (999999, (SELECT min(publisher_id) FROM publisher));");
        var linksBefore = await CatalogDump.LinksAsync(database);

        var result = await new BookDataMigrator(database.Factory, TableRebuildScripts.AfterShipped(TableRebuildScripts.AddIsbn)).MigrateAsync();

        result.Applied.Should().Equal(TableRebuildScripts.AddIsbn.Name);
        (await CatalogDump.LinksAsync(database)).Should().Equal(linksBefore);
        (await CatalogDump.QueryAsync(database, "SELECT count(*) FROM pragma_foreign_key_check")).Single()[0].Should().Be("1");
    }

    /// <summary>The data rows of a dump, without the schema lines (the rebuild changes the schema on purpose).</summary>
    private static string[] Rows(IReadOnlyList<string> dump) =>
        dump.Where(line => !line.StartsWith("schema|", StringComparison.Ordinal)).ToArray();
}
