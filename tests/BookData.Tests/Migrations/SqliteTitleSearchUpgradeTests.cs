using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;

namespace BookData.Tests.Migrations;

public sealed class SqliteTitleSearchUpgradeTests : TitleSearchUpgradeTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    [Fact]
    public async Task MigrateAsync_PopulatedCatalogWithBackupBeforeMigrate_BacksUpTheFirstVersionAndIndexesTheCatalog()
    {
        await using var db = await CreatePopulatedAtFirstVersionAsync();
        var before = await CatalogDump.DataRowsAsync(db);
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = db.Options.ConnectionString,
            BackupBeforeMigrate = true,
        });

        var result = await new BookDataMigrator(factory).MigrateAsync();

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames.Skip(1));
        result.BackupPath.Should().NotBeNull();
        await using (var backup = TestDatabase.ForFile(result.BackupPath!))
        {
            (await CatalogDump.DataRowsAsync(db)).Should().Equal(before);
            (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
            (await SearchAllAsync(db, ["river", "Tale"])).Should().Equal(await ScanAllAsync(db, ["river", "Tale"]));

            (await CatalogDump.DataRowsAsync(backup)).Should().Equal(before);
            (await backup.TableExistsAsync("book_title_fts")).Should().BeFalse();
            (await new BookDataMigrator(backup.Factory).GetStatusAsync()).Pending.Should().Equal(BookDataMigrator.ScriptNames.Skip(1));
        }
    }
}
