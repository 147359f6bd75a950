using BookData.Authors;
using BookData.Connections;
using BookData.Migrations;

namespace BookData.Tests.Connections;

/// <summary>
/// SQLite settings under which the catalog would not behave as one database are refused when the options are
/// validated: nothing is opened or created.
/// </summary>
public sealed class SqliteSharingValidationTests
{
    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=:MEMORY:;Cache=Shared")]
    [InlineData("Data Source=catalog;Mode=Memory")]
    [InlineData("Data Source=file::memory:")]
    [InlineData("Data Source=file:catalog?mode=memory")]
    public void Constructor_PrivateInMemoryDatabase_IsRefusedNamingTheAlternatives(string connectionString)
    {
        var act = () => new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString });

        var error = act.Should().Throw<BookDataValidationException>().Which;
        error.Field.Should().Be("BookData:ConnectionString");
        error.Message.Should().Contain("private in-memory database").And.Contain("its own, empty one")
            .And.Contain("temporary file").And.Contain("Mode=Memory;Cache=Shared");
    }

    [Theory]
    [InlineData("Data Source={0};Cache=Shared")]
    [InlineData("Data Source=file:{0}?cache=shared")]
    public void Constructor_SharedCacheOnFile_IsRefusedNamingTheFileAndCreatesNothing(string format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bookdata-test-{Guid.NewGuid():N}.db");
        var connectionString = format.Replace("{0}", path, StringComparison.Ordinal);

        var act = () => new BookDataMigrator(new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString }));

        var error = act.Should().Throw<BookDataValidationException>().Which;
        error.Field.Should().Be("BookData:ConnectionString");
        error.Message.Should().Contain("Cache=Shared is not supported").And.Contain(path).And.Contain("locks whole tables")
            .And.Contain("Remove Cache=Shared");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_NamedSharedInMemoryDatabaseKeptOpen_IsStillSupported()
    {
        var options = new BookDataOptions { ConnectionString = $"Data Source=bookdata-{Guid.NewGuid():N};Mode=Memory;Cache=Shared" };
        var factory = new BookDataConnectionFactory(options);
        await using var keeper = await factory.OpenAsync();

        await new BookDataMigrator(factory).MigrateAsync();

        var next = new BookData.Books.BookRepository(factory);
        var added = await next.AddBookAsync(AuthorName.Create("Isaac", "Asimov"), "Foundation", "Gnome Press");

        // The catalog the migration created is the one the next connection writes to.
        added.Book.Title.Should().Be("Foundation");
        (await new BookData.Reports.CatalogReports(factory).GetCountsAsync()).Books.Should().Be(1);
    }

    [Theory]
    [InlineData("Data Source=")]
    [InlineData("Data Source=   ")]
    [InlineData("Mode=ReadOnly")]
    public void Validate_NoDataSource_IsRefused(string connectionString)
    {
        var act = () => new BookDataOptions { ConnectionString = connectionString }.Validate();

        act.Should().Throw<BookDataValidationException>().WithMessage("*names no data source*");
    }
}
