using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class BackupCommandTests
{
    [Fact]
    public async Task Backup_SampleCatalog_CopyHasSameCounts()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");

        var result = await CliRunner.RunAsync("backup", target, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain(target);
        foreach (var table in new[] { "author", "book", "publisher", "book_publisher", "schema_version" })
        {
            (await CliDatabase.CountAsync(target, table)).Should().Be(await db.CountAsync(table), table);
        }
    }

    [Fact]
    public async Task Backup_PostgreSqlConnectionString_RefusedWithPgDumpHintBeforeConnecting()
    {
        // Nothing listens on port 1: a connection attempt would fail with exit code 3 instead.
        var result = await CliRunner.RunAsync(
            "backup", Path.Combine(Path.GetTempPath(), $"bookdata-never-{Guid.NewGuid():N}.db"),
            "--connection", "Host=127.0.0.1;Port=1;Username=app;Database=catalog");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be(
            "error: bookdata backup copies SQLite database files; back up the PostgreSQL database '127.0.0.1:1/catalog' with pg_dump instead: "
            + "pg_dump --host=127.0.0.1 --port=1 --username=app --format=custom --file=catalog.dump catalog" + Environment.NewLine);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Backup_CopyIsOneSelfContainedFile()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");

        await CliRunner.RunAsync("backup", target, "--db", db.Path);

        File.Exists(target + "-wal").Should().BeFalse();
        Directory.GetFiles(Path.GetDirectoryName(target)!, Path.GetFileName(target) + ".*.partial").Should().BeEmpty();
    }

    [Fact]
    public async Task Backup_ExistingTarget_RefusedWithoutForceAndLeftAlone()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");
        await File.WriteAllTextAsync(target, "keep me");

        var result = await CliRunner.RunAsync("backup", target, "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("already exists").And.Contain("--force");
        (await File.ReadAllTextAsync(target)).Should().Be("keep me");
    }

    [Fact]
    public async Task Backup_ExistingTargetWithForce_ReplacesIt()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");
        await File.WriteAllTextAsync(target, "replace me");

        var result = await CliRunner.RunAsync("backup", target, "--force", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        (await CliDatabase.CountAsync(target, "book")).Should().Be(10);
    }

    [Fact]
    public async Task Backup_WhileAnotherConnectionHoldsTheWriteLock_CompletesWithCommittedDataOnly()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");
        await using var writer = await db.Factory.OpenAsync();
        using var transaction = writer.BeginTransaction();
        await using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO publisher (name) VALUES ('Uncommitted Press');";
            await insert.ExecuteNonQueryAsync();
        }

        var result = await CliRunner.RunAsync("backup", target, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        (await CliDatabase.CountAsync(target, "publisher")).Should().Be(4);
        transaction.Rollback();
    }

    [Fact]
    public async Task Backup_MissingDatabase_ExitsWithDatabaseErrorAndCreatesNothing()
    {
        await using var db = CliDatabase.CreateEmpty();
        var target = db.SiblingPath("-backup.db");

        var result = await CliRunner.RunAsync("backup", target, "--db", db.Path);

        result.ExitCode.Should().Be(3);
        File.Exists(target).Should().BeFalse();
        File.Exists(db.Path).Should().BeFalse();
    }

    [Theory]
    [InlineData("-wal")]
    [InlineData("-shm")]
    [InlineData("-journal")]
    public async Task Backup_ForceOverTargetWithLeftoverCompanion_RefusedNamingItAndAllLeftAlone(string suffix)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");
        await File.WriteAllTextAsync(target, "old database");
        await File.WriteAllTextAsync(target + suffix, "old companion");

        var result = await CliRunner.RunAsync("backup", target, "--force", "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be(
            $"error: '{target}' cannot be replaced: '{target}{suffix}' lies beside it, left by a program that has it open or stopped without closing it, "
            + $"and SQLite would read the new backup together with it. Close every program using '{target}', or delete it and '{target}{suffix}', then run the backup again."
            + Environment.NewLine);
        result.Output.Should().BeEmpty();
        (await File.ReadAllTextAsync(target)).Should().Be("old database");
        (await File.ReadAllTextAsync(target + suffix)).Should().Be("old companion");
        Directory.GetFiles(Path.GetDirectoryName(target)!, Path.GetFileName(target) + ".*.partial*").Should().BeEmpty();
    }

    [Fact]
    public async Task Backup_NewTargetWithOrphanWal_RefusedNamingIt()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");
        await File.WriteAllTextAsync(target + "-wal", "orphan");
        await File.WriteAllTextAsync(target + "-shm", "orphan");

        var result = await CliRunner.RunAsync("backup", target, "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain($"'{target}-wal' and '{target}-shm' lie beside it");
        File.Exists(target).Should().BeFalse();
        (await File.ReadAllTextAsync(target + "-wal")).Should().Be("orphan");
    }

    [Fact]
    public async Task Backup_ForceOverTargetWithRealUncheckpointedWal_RefusedAndOldDatabaseStillReadable()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-backup.db");
        var copy = db.SiblingPath("-stranger.db");
        await using (var stranger = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await stranger.OpenAsync();
            await using var command = stranger.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x); INSERT INTO t VALUES (1);";
            await command.ExecuteNonQueryAsync();

            // What a program killed while it had the file open leaves: the database and an uncheckpointed -wal.
            File.Copy(copy, target);
            File.Copy(copy + "-wal", target + "-wal");
        }

        var result = await CliRunner.RunAsync("backup", target, "--force", "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain($"'{target}-wal' lies beside it");
        (await CliDatabase.CountAsync(target, "t")).Should().Be(1);
    }
}
