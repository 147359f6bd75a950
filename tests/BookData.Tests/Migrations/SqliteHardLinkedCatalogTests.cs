using BookData.Books;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Migrations;

/// <summary>
/// A SQLite catalog file with two names (hard links) is refused for writing through either name, since SQLite keeps
/// the write-ahead log and its locks by name; read-only connections still open it.
/// </summary>
public sealed class SqliteHardLinkedCatalogTests
{
    [Fact]
    public async Task MigrateAsync_FileWithTwoHardLinks_ThrowsNamingTheFileAndTheLinkCountAndChangesNothing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var folder = ScratchFolder.Create();
        await folder.Migrator(TestScripts.All.Take(1).ToList()).MigrateAsync();
        SqliteConnection.ClearAllPools();
        var second = Path.Combine(folder.Path, "second.db");
        FileLinks.CreateHardLink(second, folder.DatabasePath);
        var bytes = await File.ReadAllBytesAsync(folder.DatabasePath);

        foreach (var name in new[] { folder.DatabasePath, second })
        {
            var act = () => new BookDataMigrator(folder.Factory(databasePath: name), TestScripts.All).MigrateAsync();

            var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
            error.Message.Should().Contain($"'{name}'").And.Contain("2 hard links").And.Contain("howtocorrupt.html");
        }

        SqliteConnection.ClearAllPools();
        (await File.ReadAllBytesAsync(folder.DatabasePath)).Should().Equal(bytes);
        (await File.ReadAllBytesAsync(second)).Should().Equal(bytes);
        folder.FileNames().Should().Equal("catalog.db", "second.db");
        (await new BookDataMigrator(folder.Factory(databasePath: second), TestScripts.All).GetStatusAsync()).Pending
            .Should().HaveCount(TestScripts.All.Count - 1, "the status is read through a read-only connection");
    }

    [Fact]
    public async Task AddAsync_FileHardLinkedAfterTheFactoryOpenedIt_ThrowsOnTheNextWrite()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var folder = ScratchFolder.Create();
        var factory = folder.Factory();
        await new BookDataMigrator(factory).MigrateAsync();
        var author = await new BookData.Authors.AuthorRepository(factory).AddAsync("Ann", "Lee");
        var books = new BookRepository(factory);
        await books.AddAsync(author.AuthorId, "Before The Link");
        SqliteConnection.ClearAllPools();
        FileLinks.CreateHardLink(Path.Combine(folder.Path, "second.db"), folder.DatabasePath);

        var act = () => books.AddAsync(author.AuthorId, "After The Link");

        (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which.Message.Should().Contain("2 hard links");
        File.Delete(Path.Combine(folder.Path, "second.db"));
        (await books.ListByAuthorAsync(author.AuthorId)).Select(book => book.Title).Should().Equal("Before The Link");
    }
}
