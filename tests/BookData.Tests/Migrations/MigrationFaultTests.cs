using BookData.Connections;
using BookData.Migrations;

namespace BookData.Tests.Migrations;

/// <summary>
/// Disk and permission problems. Tests run as root, which ignores file permission bits, so a
/// write-protected database is simulated with a read-only connection (<c>Mode=ReadOnly</c>, the same
/// state SQLite falls back to for a file it may not write) and an unwritable folder with a path under
/// <c>/proc</c>, which refuses new files even to root.
/// </summary>
public sealed class MigrationFaultTests
{
    [Fact]
    public async Task MigrateAsync_AnotherWriterHoldsTheDatabaseLongerThanTheBusyTimeout_SaysSoAndAppliesNothing()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        await using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False"))
        {
            await writer.OpenAsync();
            await using var hold = writer.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE;";
            await hold.ExecuteNonQueryAsync();
            var migrator = folder.Migrator(TestScripts.All, options => options.BusyTimeout = TimeSpan.FromMilliseconds(250));

            var act = () => migrator.MigrateAsync();

            var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
            error.Message.Should().Contain($"database '{folder.DatabasePath}'")
                .And.Contain("the database stayed locked by another connection for longer than the busy timeout (0.25 s, BookData:BusyTimeout): another writer, or, in rollback-journal mode (BookData:JournalMode Delete), also a connection that is reading")
                .And.EndWith("Migrate again when that connection is done.");
        }

        (await folder.Migrator(TestScripts.All).GetStatusAsync()).Pending.Should().HaveCount(TestScripts.All.Count - 1);
    }

    [Fact]
    public async Task MigrateAsync_ScriptFailsAfterOthersWereApplied_NamesThemAndTheBackup()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        var broken = new MigrationScript("0099_broken.sql", "CREATE TABLE broken (;\n");
        var migrator = folder.Migrator([.. TestScripts.All, broken], options => options.BackupBeforeMigrate = true);

        var act = () => migrator.MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be(broken.Name);
        var backup = folder.FileNames().Should().ContainSingle(name => name.Contains(".bak", StringComparison.Ordinal)).Which;
        error.Message.Should().Contain($"Applied before it: {TestScripts.SeedThing.Name}, {TestScripts.CreateOther.Name}.")
            .And.Contain($"The backup made before the migration is '{Path.Combine(folder.Path, backup)}'.");
    }

    [Fact]
    public async Task MigrateAsync_FolderMissing_ThrowsNamingFolderAndCreatesNothing()
    {
        await using var folder = ScratchFolder.Create();
        var missing = Path.Combine(folder.Path, "missing");
        var factory = folder.Factory(databasePath: Path.Combine(missing, "catalog.db"));

        var act = () => new BookDataMigrator(factory, TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"its folder '{missing}' does not exist");
        folder.FileNames().Should().BeEmpty();
    }

    [Fact]
    public async Task MigrateAsync_FolderIsAFile_ThrowsAndLeavesTheFileUnchanged()
    {
        await using var folder = ScratchFolder.Create();
        var notAFolder = Path.Combine(folder.Path, "notes.txt");
        await File.WriteAllTextAsync(notAFolder, "not a folder");
        var factory = folder.Factory(databasePath: Path.Combine(notAFolder, "catalog.db"));

        var act = () => new BookDataMigrator(factory, TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"its folder '{notAFolder}' does not exist or is not a folder");
        (await File.ReadAllTextAsync(notAFolder)).Should().Be("not a folder");
        folder.FileNames().Should().Equal("notes.txt");
    }

    [Fact]
    public async Task MigrateAsync_PathIsAFolder_ThrowsAndCreatesNothing()
    {
        await using var folder = ScratchFolder.Create();
        var directory = Path.Combine(folder.Path, "catalog.db");
        Directory.CreateDirectory(directory);

        var act = () => folder.Migrator(TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"'{directory}' is a folder, not a database file");
        folder.FileNames().Should().Equal("catalog.db");
        Directory.EnumerateFileSystemEntries(directory).Should().BeEmpty();
    }

    [Fact]
    public async Task MigrateAsync_FolderRefusesNewFiles_ThrowsNamingTheDatabase()
    {
        var databasePath = $"/proc/bookdata-{Guid.NewGuid():N}.db";
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={databasePath}" });

        var act = () => new BookDataMigrator(factory, TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"Cannot migrate database '{databasePath}'");
        File.Exists(databasePath).Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_FileIsNotASqliteDatabase_ThrowsAndLeavesTheFileUnchanged()
    {
        await using var folder = ScratchFolder.Create();
        var bytes = new byte[8192];
        new Random(20240611).NextBytes(bytes);
        await File.WriteAllBytesAsync(folder.DatabasePath, bytes);

        var act = () => folder.Migrator(TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Be($"Cannot open database '{folder.DatabasePath}': the file is not a SQLite database.");
        (await File.ReadAllBytesAsync(folder.DatabasePath)).Should().Equal(bytes);
        folder.FileNames().Should().Equal("catalog.db");
    }

    [Fact]
    public async Task GetStatusAsync_FileIsNotASqliteDatabase_Throws()
    {
        await using var folder = ScratchFolder.Create();
        await File.WriteAllTextAsync(folder.DatabasePath, "first_name,last_name,title,publisher\nIsaac,Asimov,Foundation,Random House\n");

        var act = () => folder.Migrator(TestScripts.All).GetStatusAsync();

        (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which.Message.Should().Contain("not a SQLite database");
    }

    [Fact]
    public async Task MigrateAsync_ZeroByteFile_ThrowsAndLeavesItEmpty()
    {
        await using var folder = ScratchFolder.Create();
        await File.WriteAllBytesAsync(folder.DatabasePath, []);

        var act = () => folder.Migrator(TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"Database '{folder.DatabasePath}' is an empty (zero-byte) file");
        new FileInfo(folder.DatabasePath).Length.Should().Be(0);
        folder.FileNames().Should().NotContain(name => name.EndsWith("-wal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_ReadOnlyDatabaseWithPendingScripts_ThrowsNamingScriptAndChangesNothing()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        var readOnly = folder.Factory(connectionSuffix: ";Mode=ReadOnly");

        var act = () => new BookDataMigrator(readOnly, TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Be(
            $"Database '{folder.DatabasePath}' is read-only (the connection string opens it with Mode=ReadOnly), so pending migration '0002_seed_thing.sql' cannot be applied; make the file and its folder writable, or migrate a writable copy.");
        (await DatabaseInspector.Sqlite(folder.DatabasePath).JournalAsync()).Should().Equal("0001_create_thing.sql");
        (await DatabaseInspector.Sqlite(folder.DatabasePath).ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(0);
    }

    [Fact]
    public async Task MigrateAsync_ReadOnlyDatabaseUpToDate_AppliesNothing()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator(TestScripts.All).MigrateAsync();
        var readOnly = folder.Factory(connectionSuffix: ";Mode=ReadOnly");

        var result = await new BookDataMigrator(readOnly, TestScripts.All).MigrateAsync();

        result.Applied.Should().BeEmpty();
    }

    [Fact]
    public async Task MigrateAsync_ReadOnlyConnectionToMissingFile_ThrowsAndCreatesNothing()
    {
        await using var folder = ScratchFolder.Create();
        var readOnly = folder.Factory(connectionSuffix: ";Mode=ReadOnly");

        var act = () => new BookDataMigrator(readOnly, TestScripts.All).MigrateAsync();

        (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which.Message.Should().Contain(folder.DatabasePath);
        folder.FileNames().Should().BeEmpty();
    }
}
