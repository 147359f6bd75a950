using System.Diagnostics;
using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// A catalog owned by one user (daemon) in a folder everyone may write, read first by another (nobody): SQLite
/// makes the write-ahead log's <c>-wal</c> and <c>-shm</c> as the reader, and the owner may then not write them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ForeignLogFilesTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"bookdata-cli-foreign-{Guid.NewGuid():N}");
    private string Catalog => Path.Combine(root, "catalog.db");
    private string Home => Path.Combine(root, "home");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        var factory = new BookData.Connections.BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={Catalog}" });
        await new BookData.Migrations.BookDataMigrator(factory).MigrateAsync();
        await using (var csv = BookData.Cli.Samples.SampleCatalog.OpenCsv())
        {
            await new BookData.Import.CatalogImporter(factory).ImportAsync(csv);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        File.SetUnixFileMode(Home, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Catalog, (UnixFileMode)0b110_100_100);
        using var chown = Process.Start("chown", ["daemon:daemon", Catalog]);
        await chown.WaitForExitAsync();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    [OtherUserFact]
    public async Task AddBook_ByTheOwnerAfterAnotherUsersRead_NamesTheFileItMayNotWriteAndChangesNothing()
    {
        // Counted first: a connection of root's, the last to close, would remove the reader's files.
        var books = await CliDatabase.CountAsync(Catalog, "book");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var read = await OtherUser.RunToolAsync(Home, "books", "--db", Catalog);
        read.ExitCode.Should().Be(0, read.ToString());
        File.Exists(Catalog + "-shm").Should().BeTrue("the reader's SQLite made it");

        var write = await OtherUser.RunToolAsAsync(
            "daemon", "daemon", Home, "add-book", "--author", "Ursula K. Le Guin", "--title", "The Lathe of Heaven", "--publisher", "Avon", "--db", Catalog);

        write.ExitCode.Should().Be(3, write.ToString());
        write.Error.Should().Contain($"'{Catalog}-shm', which SQLite keeps beside it, may not be written by this user")
            .And.Contain($"Remove '{Catalog}-wal' and '{Catalog}-shm' while nobody has the catalog open (in a folder with the sticky bit set, such as /tmp, only their owner or root may)");
        (await CliDatabase.CountAsync(Catalog, "book")).Should().Be(books);
    }
}
