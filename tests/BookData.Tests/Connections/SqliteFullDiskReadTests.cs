using BookData.Authors;
using BookData.Connections;
using BookData.Books;
using BookData.Reports;
using BookData.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Connections;

/// <summary>
/// Reading a catalog on a full disk: SQLite needs its shared-memory file (<c>-shm</c>) beside a database in WAL
/// mode even to read, and makes it when the first connection opens.
/// </summary>
public sealed class SqliteFullDiskReadTests
{
    [RequiresTinyFileSystemFact]
    public async Task Read_DiskFullAndNoSharedMemoryFileYet_SaysSoNamingTheFileAndWorksOnceThereIsRoom()
    {
        using var disk = TinyFileSystem.Mount(4096);
        await using var db = await TestDatabase.CreateInAsync(disk.Folder);
        await new BookRepository(db.Factory).AddBookAsync(AuthorName.Create("Ursula K.", "Le Guin"), "The Dispossessed", "Harper & Row");
        SqliteConnection.ClearAllPools();
        File.Exists(db.Path + "-shm").Should().BeFalse("the last connection to close removes it");
        var filler = disk.Fill();
        var reports = new CatalogReports(db.Factory);

        var act = () => reports.GetCountsAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"'{db.Path}'").And.Contain($"'{db.Path}-shm'").And.Contain("disk is full");
        File.Delete(filler);
        SqliteConnection.ClearAllPools();
        (await reports.GetCountsAsync()).Books.Should().Be(1);
    }

    [RequiresTinyFileSystemFact]
    public async Task Open_NoFreeInodeForTheWriteAheadLog_SaysTheFileIsThereAndWhatItCouldNotMake()
    {
        await using var source = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        SqliteConnection.ClearAllPools();

        // Room for the root folder and the catalog's file only: not for its -wal and -shm.
        using var disk = TinyFileSystem.Mount(4096, inodes: 2);
        var copy = Path.Combine(disk.Folder, "catalog.db");
        File.Copy(source.Path, copy);
        var before = await File.ReadAllBytesAsync(copy);
        var reports = new CatalogReports(new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={copy}" }));

        var act = () => reports.GetCountsAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"Cannot open database '{copy}': the file is there").And.Contain($"'{copy}-wal'").And.Contain("free inodes");
        (await File.ReadAllBytesAsync(copy)).Should().Equal(before);
    }
}
