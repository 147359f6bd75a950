using BookData.Connections;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Connections;

/// <summary>
/// <see cref="SqliteDataSource"/> reads a data source as SQLite does, and every check that asks it (validation, the
/// migration lock, the output guard) therefore concerns the database SQLite opens.
/// </summary>
public sealed class SqliteDataSourceTests
{
    [Theory]
    [InlineData("file:{0}?mode=%6Demory&cache=shared")]
    [InlineData("file:{0}?%6Dode=memory&cache=shared")]
    [InlineData("file:{0}?vfs=memdb")]
    [InlineData("file:{0}?vfs=mem%64b")]
    [InlineData("file::memory:?cache=shared")]
    [InlineData("file:%3Amemory%3A?cache=shared")]
    public void For_InMemorySpelledAnyWay_IsInMemoryWithNoFile(string format)
    {
        var source = SqliteDataSource.For($"Data Source={Format(format, "/tmp/x/cat.db")}");

        source.IsInMemory.Should().BeTrue();
        source.FilePath.Should().BeNull();
    }

    [Theory]
    [InlineData("file:{0}?Mode=memory")]
    [InlineData("file:{0}?mode=Memory")]
    [InlineData("file:{0}#?mode=memory")]
    [InlineData("file:{0}?=mode=memory")]
    [InlineData("file:{0}%3Fmode=memory")]
    public void For_UriWhoseQuerySqliteDoesNotReadAsMemory_IsTheFile(string format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bookdata-{Guid.NewGuid():N}.db");
        var source = SqliteDataSource.For($"Data Source={Format(format, path)}");

        source.IsInMemory.Should().BeFalse();
        source.FilePath.Should().StartWith(path);
    }

    [Theory]
    [InlineData("file:{0}")]
    [InlineData("file://{0}")]
    [InlineData("file://localhost{0}")]
    [InlineData("{0}/")]
    [InlineData("{0}//")]
    [InlineData("file:{0}/?mode=rw")]
    public void For_OtherSpellingsOfOneFile_ResolveToIt(string format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bookdata-{Guid.NewGuid():N}.db");

        SqliteDataSource.For($"Data Source={Format(format, path)}").FilePath.Should().Be(path);
        SqliteDataSource.For($"Data Source=file:{path.Replace("/", "%2F", StringComparison.Ordinal)}").FilePath.Should().Be(path);
    }

    [Theory]
    [InlineData("FILE:")]
    [InlineData("File:")]
    [InlineData("fILE:")]
    public void Constructor_UpperCaseFileScheme_IsRefusedNamingTheRelativeFileSqliteWouldOpen(string scheme)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bookdata-{Guid.NewGuid():N}.db");

        var act = () => new BookDataMigrator(new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={scheme}{path}" }));

        var error = act.Should().Throw<BookDataValidationException>().Which;
        error.Field.Should().Be("BookData:ConnectionString");
        error.Message.Should().Contain($"starts with '{scheme}'").And.Contain($"a file named '{scheme}{path}' relative to the current folder")
            .And.Contain("Write 'file:' in lower case");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_LongestPathSqliteOpens_Works_AndOneByteMoreIsRefusedAsSqliteItselfRefusesIt()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"bookdata-long-{Guid.NewGuid():N}")).FullName;
        try
        {
            var deep = Directory.CreateDirectory(Path.Combine(folder, new string('a', 200), new string('b', 200))).FullName;
            var longest = Path.Combine(deep, new string('c', SqliteDataSource.MaxPathBytes - deep.Length - 1));
            var tooLong = longest + "d";

            await new BookDataMigrator(new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={longest}" })).MigrateAsync();
            var raw = () =>
            {
                using var connection = new SqliteConnection($"Data Source={tooLong};Pooling=False");
                connection.Open();
            };
            var refused = () => new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={tooLong}" });

            System.Text.Encoding.UTF8.GetByteCount(longest).Should().Be(SqliteDataSource.MaxPathBytes);
            File.Exists(longest).Should().BeTrue();
            raw.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(14); // SQLITE_CANTOPEN: SQLite's own limit.
            refused.Should().Throw<BookDataValidationException>().WithMessage("*too long for SQLite*is 505 bytes*longer than 504 bytes (its limit of 512 less the 8 of '-journal')*");
            File.Exists(tooLong).Should().BeFalse();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Escape_ControlCharacters_AreWrittenAsEscapes()
    {
        SqliteDataSource.Escape("a\rb\nc\td\u0001e\u007f").Should().Be("a\\rb\\nc\\td\\u0001e\\u007F");
    }

    [Fact]
    public async Task MigrateAsync_NamedPipe_IsRefusedAsNotARegularFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"bookdata-fifo-{Guid.NewGuid():N}")).FullName;
        try
        {
            var fifo = Path.Combine(folder, "pipe.db");
            FileLinks.CreateFifo(fifo);
            var migrator = new BookDataMigrator(new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={fifo}" }));

            var migrate = () => migrator.MigrateAsync();
            var status = () => migrator.GetStatusAsync();

            (await migrate.Should().ThrowAsync<BookDataDatabaseException>()).WithMessage($"*'{fifo}' is not a regular file*");
            (await status.Should().ThrowAsync<BookDataDatabaseException>()).WithMessage($"*'{fifo}' is not a regular file*");
            FileLinks.IsFifo(fifo).Should().BeTrue();
            Directory.GetFiles(folder).Should().Equal(fifo);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Format(string format, string path) => format.Replace("{0}", path, StringComparison.Ordinal);
}
