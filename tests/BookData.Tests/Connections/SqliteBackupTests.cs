using BookData.Connections;
using BookData.Import;
using BookData.Migrations;
using BookData.Tests.Import;
using BookData.Tests.Migrations;
using BookData.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Connections;

/// <summary>
/// The one backup routine (<c>bookdata backup</c>, <see cref="BookDataOptions.BackupBeforeMigrate"/>) onto a full
/// disk: an error naming both files, no partial file or journal left, the source unchanged.
/// </summary>
public sealed class SqliteBackupTests
{
    [RequiresTinyFileSystemFact]
    public async Task Write_TargetDiskTooSmall_ThrowsNamingBothFilesAndLeavesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var csv = TempFile.WithText(CatalogImporterDiskFullTests.Catalog(20_000));
        await new CatalogImporter(db.Factory).ImportAsync(csv.Path);
        var before = await CatalogDump.AllRowsAsync(db);
        using var disk = TinyFileSystem.Mount(512);
        var target = Path.Combine(disk.Folder, "backup.db");

        await using (var source = (SqliteConnection)await db.Factory.OpenReadOnlyAsync())
        {
            var act = () => SqliteBackup.Write(source, target, db.Path, "", logger: null, CancellationToken.None);

            act.Should().ThrowExactly<BookDataDatabaseException>().Which.Message.Should()
                .Be($"Could not back up database '{db.Path}' to '{target}': the disk is full; no partial file was left.");
        }

        Directory.GetFileSystemEntries(disk.Folder).Should().BeEmpty();
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [RequiresTinyFileSystemFact]
    public async Task MigrateAsync_BackupBeforeMigrateOntoFullDisk_ThrowsNamingTheBackupAndLeavesDatabaseAsBefore()
    {
        using var disk = TinyFileSystem.Mount(1024);
        await using var folder = ScratchFolder.Create();
        var databasePath = Path.Combine(disk.Folder, "catalog.db");
        var factory = folder.Factory(options => options.BackupBeforeMigrate = true, databasePath);
        await new BookDataMigrator(factory, [TestScripts.CreateThing, TestScripts.SeedThing]).MigrateAsync();
        await using (var connection = await factory.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            // About 600 KiB of rows: the database fits on the disk, a second copy of it does not.
            command.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO thing (name) SELECT printf('%.600c', 'x') FROM n;";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var entries = Directory.GetFileSystemEntries(disk.Folder).Order(StringComparer.Ordinal).ToArray();

        var act = () => new BookDataMigrator(factory, TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowExactlyAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().StartWith($"Could not back up database '{databasePath}' to '{databasePath}.bak-")
            .And.EndWith("before applying migration '0003_create_other.sql': the disk is full; no partial file was left.");
        SqliteConnection.ClearAllPools();
        Directory.GetFileSystemEntries(disk.Folder).Order(StringComparer.Ordinal).Should().Equal(entries);
        (await DatabaseInspector.Sqlite(databasePath).JournalAsync()).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await DatabaseInspector.Sqlite(databasePath).ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1001);
    }

    [Fact]
    public async Task Write_Cancelled_ThrowsAndLeavesNoPartialFile()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var folder = ScratchFolder.Create();
        var target = Path.Combine(folder.Path, "copy.db");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await using (var source = (SqliteConnection)await db.Factory.OpenReadOnlyAsync())
        {
            var act = () => SqliteBackup.Write(source, target, db.Path, "", logger: null, cancelled.Token);

            act.Should().Throw<OperationCanceledException>();
        }

        Directory.GetFileSystemEntries(folder.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task Write_TargetWithJournalBeside_ThrowsNamingItAndTouchesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var folder = ScratchFolder.Create();
        var target = Path.Combine(folder.Path, "copy.db");
        await File.WriteAllTextAsync(target, "old");
        await File.WriteAllTextAsync(target + "-journal", "hot");

        await using (var source = (SqliteConnection)await db.Factory.OpenReadOnlyAsync())
        {
            var act = () => SqliteBackup.Write(source, target, db.Path, "", logger: null, CancellationToken.None);

            act.Should().ThrowExactly<BookDataValidationException>().Which.Message.Should().Contain($"'{target}-journal' lies beside it");
        }

        Directory.GetFileSystemEntries(folder.Path).Order(StringComparer.Ordinal).Should().Equal(target, target + "-journal");
        (await File.ReadAllTextAsync(target)).Should().Be("old");
        (await File.ReadAllTextAsync(target + "-journal")).Should().Be("hot");
    }
}
