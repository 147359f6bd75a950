using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;
using BookData.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookData.Tests.Connections;

/// <summary><see cref="BookDataOptions.JournalMode"/>: write-ahead log by default, a rollback journal for network storage.</summary>
public sealed class JournalModeTests
{
    [Fact]
    public async Task MigrateImportAddBook_JournalModeDelete_LeaveNoWalFile()
    {
        using var folder = TempFile.NotCreated("catalog.db");
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={folder.Path}", JournalMode = JournalMode.Delete });

        await new BookDataMigrator(factory).MigrateAsync();
        await new CatalogImporter(factory).ImportAsync(SampleCatalog.CsvPath);
        await new BookRepository(factory).AddBookAsync(AuthorName.Create("Stephen", "King"), "The Stand", "Random House");

        await using (var connection = await factory.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;")).Should().Be("delete");
            (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM book;")).Should().Be(11);
            File.Exists(folder.Path + "-wal").Should().BeFalse();
        }

        SqliteConnection.ClearAllPools();
        File.Exists(folder.Path + "-wal").Should().BeFalse();
        File.Exists(folder.Path + "-shm").Should().BeFalse();
    }

    [Fact]
    public async Task OpenAsync_ExistingWalDatabaseWithDelete_SwitchesAndKeepsRows()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(db);
        var before = await CatalogDump.AllRowsAsync(db);
        SqliteConnection.ClearAllPools();
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = db.Options.ConnectionString, JournalMode = JournalMode.Delete });

        await using (var connection = await factory.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;")).Should().Be("delete");
        }

        File.Exists(db.Path + "-wal").Should().BeFalse();
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task OpenAsync_SwitchToDeleteWhileAnotherConnectionReads_ThrowsNamingDatabaseAndMode()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(db);
        var before = await CatalogDump.AllRowsAsync(db);
        await using var other = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await other.OpenAsync();
        await using var reading = other.BeginTransaction(deferred: true);
        (await other.ExecuteScalarAsync<long>("SELECT count(*) FROM book;", transaction: reading)).Should().Be(10);
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = db.Options.ConnectionString,
            JournalMode = JournalMode.Delete,
            BusyTimeout = TimeSpan.FromMilliseconds(100),
        });

        var act = () => factory.OpenAsync();

        (await act.Should().ThrowExactlyAsync<BookDataDatabaseException>()).Which.Message.Should()
            .Contain($"'{db.Path}'").And.Contain("journal mode").And.Contain("Delete").And.Contain("another connection");
        reading.Rollback();
        (await other.ExecuteScalarAsync<string>("PRAGMA journal_mode;")).Should().Be("wal");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task OpenAsync_AnyConnection_LimitsTheJournalTo64MiB()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.Factory.OpenAsync();
        await using var readOnly = await db.Factory.OpenReadOnlyAsync();

        (await connection.ExecuteScalarAsync<long>("PRAGMA journal_size_limit;")).Should().Be(64L * 1024 * 1024);
        (await readOnly.ExecuteScalarAsync<long>("PRAGMA journal_size_limit;")).Should().Be(64L * 1024 * 1024);
    }

    [Fact]
    public void Validate_UnknownJournalMode_ThrowsNamingTheSetting()
    {
        var options = new BookDataOptions { ConnectionString = "Data Source=catalog.db", JournalMode = (JournalMode)42 };

        var act = options.Validate;

        act.Should().Throw<BookDataValidationException>().Which.Message.Should().Contain("JournalMode").And.Contain("Wal, Delete");
    }

    [Fact]
    public void AddBookData_JournalModeInConfiguration_IsBound()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BookData:ConnectionString"] = "Data Source=bound.db",
                ["BookData:JournalMode"] = "delete",
            })
            .Build();
        var services = new ServiceCollection();

        services.AddBookData(configuration.GetSection(BookDataOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<BookDataOptions>>().Value.JournalMode.Should().Be(JournalMode.Delete);
    }

    [Fact]
    public void BookDataOptions_Default_IsWal()
    {
        new BookDataOptions().JournalMode.Should().Be(JournalMode.Wal);
    }
}
