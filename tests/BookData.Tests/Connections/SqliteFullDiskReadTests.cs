using BookData.Authors;
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
}
