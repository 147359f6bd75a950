using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// A catalog file (mode 444) in a folder its user may not write (mode 555), used by another user: SQLite cannot
/// create the write-ahead log's <c>-shm</c> file there, so the catalog is read as an immutable file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFolderTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"bookdata-cli-ro-{Guid.NewGuid():N}");
    private string Folder => Path.Combine(root, "catalog");
    private string Catalog => Path.Combine(Folder, "catalog.db");
    private string Home => Path.Combine(root, "home");
    private long links;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Directory.CreateDirectory(Home);
        var factory = new BookData.Connections.BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={Catalog}" });
        await new BookData.Migrations.BookDataMigrator(factory).MigrateAsync();
        await using (var csv = BookData.Cli.Samples.SampleCatalog.OpenCsv())
        {
            await new BookData.Import.CatalogImporter(factory).ImportAsync(csv);
        }

        links = await CliDatabase.CountAsync(Catalog, "book_publisher");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        foreach (var leftover in Directory.GetFiles(Folder).Where(path => path != Catalog))
        {
            File.Delete(leftover);
        }

        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Home, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(Catalog, (UnixFileMode)0b100_100_100);
        File.SetUnixFileMode(Folder, (UnixFileMode)0b101_101_101);
    }

    public Task DisposeAsync()
    {
        File.SetUnixFileMode(Folder, (UnixFileMode)0b111_101_101);
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    [OtherUserFact]
    public async Task Export_IntoFolderTheUserMayNotWrite_UsageErrorNamingTheFolderAndWritesNothing() =>
        await WriteIntoFolderTheUserMayNotWriteAsync("export", "out.csv");

    [OtherUserFact]
    public async Task Backup_IntoFolderTheUserMayNotWrite_SameExitCodeAndMessageAsExport() =>
        await WriteIntoFolderTheUserMayNotWriteAsync("backup", "copy.db");

    private async Task WriteIntoFolderTheUserMayNotWriteAsync(string command, string name)
    {
        var target = Path.Combine(Folder, name);
        var before = Directory.GetFiles(Folder);

        var result = await OtherUser.RunToolAsync(Home, command, target, "--db", Catalog);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be(
            $"error: '{target}' cannot be written: this user may not create files in its folder '{Folder}' (permission denied). Choose a folder you may write to.\n");
        Directory.GetFiles(Folder).Should().Equal(before);
    }

    [OtherUserFact]
    public async Task ReadCommands_CatalogInReadOnlyFolder_SucceedAndCreateNothing()
    {
        var before = await File.ReadAllBytesAsync(Catalog);
        var export = Path.Combine(Home, "out.csv");
        var backup = Path.Combine(Home, "copy.db");

        var results = new[]
        {
            await OtherUser.RunToolAsync(Home, "report", "books-per-publisher", "--db", Catalog),
            await OtherUser.RunToolAsync(Home, "sql", "SELECT count(*) AS links FROM book_publisher", "--db", Catalog),
            await OtherUser.RunToolAsync(Home, "export", export, "--db", Catalog),
            await OtherUser.RunToolAsync(Home, "backup", backup, "--db", Catalog),
            await OtherUser.RunToolAsync(Home, "migrate", "--status", "--db", Catalog),
            await OtherUser.RunToolAsync(Home, "migrate", "--db", Catalog),
        };

        results.Should().AllSatisfy(result => result.ExitCode.Should().Be(0, result.ToString()));
        results[1].Output.Should().Contain($" {links} ");
        File.ReadAllLines(export).Should().HaveCount((int)links + 1);
        new FileInfo(backup).Length.Should().Be(before.Length);
        (await File.ReadAllBytesAsync(Catalog)).Should().Equal(before);
        Directory.GetFiles(Folder).Should().Equal(Catalog);
    }

    [OtherUserFact]
    public async Task AddBook_CatalogInReadOnlyFolder_FailsWithExit3AndChangesNothing()
    {
        var before = await File.ReadAllBytesAsync(Catalog);

        var result = await OtherUser.RunToolAsync(Home, "add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--db", Catalog);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain($"'{Catalog}'").And.Contain("read-only");
        (await File.ReadAllBytesAsync(Catalog)).Should().Equal(before);
    }

    [OtherUserFact]
    public async Task Report_ReadOnlyFolderWithUnmergedLog_NamesFolderAndRemedy()
    {
        File.SetUnixFileMode(Folder, (UnixFileMode)0b111_101_101);
        await File.WriteAllBytesAsync(Catalog + "-wal", [1, 2, 3]);
        File.SetUnixFileMode(Folder, (UnixFileMode)0b101_101_101);

        var result = await OtherUser.RunToolAsync(Home, "report", "books-per-publisher", "--db", Catalog);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain($"its folder '{Folder}' is read-only").And.Contain("write-ahead log").And.Contain("Make the folder writable")
            .And.NotContain("attempt to write");
    }

    [OtherUserFact]
    public async Task Migrate_PendingScriptsInReadOnlyFolder_FailsWithExit3NamingFolderAndChangesNothing()
    {
        // A SQLite database in WAL mode without a catalog: every script is pending.
        var bare = Path.Combine(root, "bare.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bare};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE unrelated (x INTEGER);";
            await command.ExecuteNonQueryAsync();
        }

        File.SetUnixFileMode(Folder, (UnixFileMode)0b111_101_101);
        File.Delete(Catalog);
        File.Move(bare, Catalog);
        File.SetUnixFileMode(Folder, (UnixFileMode)0b101_101_101);
        var before = await File.ReadAllBytesAsync(Catalog);

        var result = await OtherUser.RunToolAsync(Home, "migrate", "--db", Catalog);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain($"Database '{Catalog}' is read-only (its folder '{Folder}' is read-only)")
            .And.Contain("cannot be applied").And.Contain("make the file and its folder writable");
        (await File.ReadAllBytesAsync(Catalog)).Should().Equal(before);
        Directory.GetFiles(Folder).Should().Equal(Catalog);
    }

    [OtherUserFact]
    public async Task AddBook_LinkInReadOnlyFolderToWritableCatalog_Writes()
    {
        // The catalog itself lives in a folder nobody may write; only the link sits in the read-only folder.
        var writable = Path.Combine(root, "writable");
        Directory.CreateDirectory(writable);
        var target = Path.Combine(writable, "catalog.db");
        File.Copy(Catalog, target);
        File.SetUnixFileMode(target, (UnixFileMode)0b110_110_110);
        File.SetUnixFileMode(writable, (UnixFileMode)0b111_111_111);
        var link = Path.Combine(root, "links", "catalog.db");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
        File.SetUnixFileMode(Path.GetDirectoryName(link)!, (UnixFileMode)0b101_101_101);

        var result = await OtherUser.RunToolAsync(Home, "add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--db", link);

        File.SetUnixFileMode(Path.GetDirectoryName(link)!, (UnixFileMode)0b111_101_101);
        result.ExitCode.Should().Be(0, result.ToString());
        (await CliDatabase.CountAsync(target, "book_publisher")).Should().Be(links + 1);
    }
}
