using BookData.Migrations;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

public sealed class MigrationBackupTests
{
    [Fact]
    public async Task MigrateAsync_BackupEnabledWithPendingScripts_BacksUpThePreviousVersionBesideTheDatabase()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing, TestScripts.SeedThing]).MigrateAsync();
        var logger = new RecordingLogger();
        var factory = folder.Factory(options => options.BackupBeforeMigrate = true);

        var result = await new BookDataMigrator(factory, TestScripts.All, logger).MigrateAsync();

        result.Applied.Should().Equal("0003_create_other.sql");
        Path.GetDirectoryName(result.BackupPath).Should().Be(folder.Path);
        Path.GetFileName(result.BackupPath).Should().MatchRegex(@"^catalog\.db\.bak-\d{8}T\d{9}Z-before-0003_create_other$");
        (await DatabaseInspector.Sqlite(result.BackupPath!).JournalAsync()).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await DatabaseInspector.Sqlite(result.BackupPath!).TablesAsync()).Should().NotContain("other");
        (await DatabaseInspector.Sqlite(result.BackupPath!).ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1);
        (await DatabaseInspector.Sqlite(folder.DatabasePath).TablesAsync()).Should().Contain("other");
        logger.Messages(LogLevel.Information).Should().Contain(message => message.Contains(result.BackupPath!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_BackupEnabledAndAnUnfinishedBackupOfAKilledMigrationBeside_RemovesItAndKeepsOtherFiles()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        var stale = folder.DatabasePath + ".bak-20261206T010203004Z-before-0002_seed_thing.0123456789abcdef0123456789abcdef.partial";
        await File.WriteAllTextAsync(stale, "half a copy");
        await File.WriteAllTextAsync(stale + "-journal", "its journal");
        var unrelated = Path.Combine(folder.Path, "other.db.bak-20261206T010203004Z-before-x.0123.partial");
        await File.WriteAllTextAsync(unrelated, "another catalog's");
        var logger = new RecordingLogger();

        var result = await new BookDataMigrator(folder.Factory(options => options.BackupBeforeMigrate = true), TestScripts.All, logger).MigrateAsync();

        File.Exists(stale).Should().BeFalse();
        File.Exists(stale + "-journal").Should().BeFalse();
        File.Exists(unrelated).Should().BeTrue();
        File.Exists(result.BackupPath).Should().BeTrue();
        logger.Messages(LogLevel.Warning).Should().Contain(message => message.Contains(stale, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_BackupEnabledWhileAnotherWriterHoldsAnUncommittedRow_BackupHoldsThatRowOnceCommitted()
    {
        // The writer's BEGIN IMMEDIATE holds SQLite's write lock when the migration starts and commits a moment later:
        // the backup must be taken under the lock the first script then uses, so it holds every commit the script follows.
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False");
        await writer.OpenAsync();
        var transaction = writer.BeginTransaction(deferred: false);
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO thing (name) VALUES ('committed during the backup');";
            insert.ExecuteNonQuery();
        }

        var migration = Task.Run(() => folder.Migrator(TestScripts.All, options => options.BackupBeforeMigrate = true).MigrateAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        transaction.Commit();
        await writer.DisposeAsync();

        var result = await migration;

        result.Applied.Should().Equal("0002_seed_thing.sql", "0003_create_other.sql");
        (await DatabaseInspector.Sqlite(result.BackupPath!).ScalarAsync("SELECT count(*) FROM thing WHERE name = 'committed during the backup';")).Should().Be(1);
        (await DatabaseInspector.Sqlite(result.BackupPath!).JournalAsync()).Should().Equal("0001_create_thing.sql");
        (await DatabaseInspector.Sqlite(folder.DatabasePath).ScalarAsync("SELECT count(*) FROM thing WHERE name = 'committed during the backup';")).Should().Be(1);
    }

    [Fact]
    public async Task MigrateAsync_BackupEnabledOnNewDatabase_TakesNoBackup()
    {
        await using var folder = ScratchFolder.Create();

        var result = await folder.Migrator(TestScripts.All, options => options.BackupBeforeMigrate = true).MigrateAsync();

        result.Applied.Should().HaveCount(3);
        result.BackupPath.Should().BeNull();
        folder.FileNames().Should().NotContain(name => name.Contains(".bak-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_BackupEnabledAndUpToDate_TakesNoBackup()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator(TestScripts.All).MigrateAsync();

        var result = await folder.Migrator(TestScripts.All, options => options.BackupBeforeMigrate = true).MigrateAsync();

        result.BackupPath.Should().BeNull();
        folder.FileNames().Should().NotContain(name => name.Contains(".bak-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_BackupNotEnabled_TakesNoBackup()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();

        var result = await folder.Migrator(TestScripts.All).MigrateAsync();

        result.Applied.Should().HaveCount(2);
        result.BackupPath.Should().BeNull();
        folder.FileNames().Should().NotContain(name => name.Contains(".bak-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_BackupTakenAndScriptFails_BackupHoldsTheLastGoodVersion()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        var broken = new MigrationScript("0002_seed_thing.sql", "INSERT INTO no_such_table VALUES (1);");

        var act = () => folder.Migrator([TestScripts.CreateThing, broken], options => options.BackupBeforeMigrate = true).MigrateAsync();

        await act.Should().ThrowAsync<BookDataMigrationException>();
        var backup = folder.FileNames().Should().ContainSingle(name => name.Contains(".bak-", StringComparison.Ordinal)).Which;
        (await DatabaseInspector.Sqlite(Path.Combine(folder.Path, backup)).JournalAsync()).Should().Equal("0001_create_thing.sql");
        (await DatabaseInspector.Sqlite(folder.DatabasePath).JournalAsync()).Should().Equal("0001_create_thing.sql");
    }
}
