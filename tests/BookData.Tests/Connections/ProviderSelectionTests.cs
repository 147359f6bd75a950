using BookData.Connections;
using BookData.Migrations;
using Npgsql;

namespace BookData.Tests.Connections;

/// <summary>Which provider options select, and how PostgreSQL settings are checked, without a server.</summary>
public sealed class ProviderSelectionTests
{
    // Nothing listens on port 1: opening fails at once with "connection refused".
    private const string NoServer = "Host=127.0.0.1;Port=1;Database=catalog;Username=app;Password=secret;Timeout=5";

    [Theory]
    [InlineData("Host=db.example.com;Database=catalog;Username=app")]
    [InlineData("Server=db.example.com;Database=catalog;User ID=app")]
    [InlineData("host=db.example.com;database=catalog")]
    public void Factory_ConnectionStringWithHostOrServer_IsPostgreSql(string connectionString)
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString });

        factory.Provider.Should().Be(BookDataProvider.PostgreSql);
    }

    [Theory]
    [InlineData("Data Source=catalog.db")]
    [InlineData("Filename=catalog.db;Mode=ReadOnly")]
    [InlineData("Data Source=bookdata-shared;Mode=Memory;Cache=Shared")]
    public void Factory_FileConnectionString_IsSqlite(string connectionString)
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString });

        factory.Provider.Should().Be(BookDataProvider.Sqlite);
    }

    [Fact]
    public void Factory_ExplicitProvider_WinsOverInference()
    {
        var options = new BookDataOptions { ConnectionString = "Server=db.example.com;Database=catalog", Provider = BookDataProvider.PostgreSql };

        new BookDataConnectionFactory(options).Provider.Should().Be(BookDataProvider.PostgreSql);
    }

    [Fact]
    public void Validate_ExplicitSqliteWithPostgreSqlString_NamesTheMissingDataSource()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog", Provider = BookDataProvider.Sqlite };

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ConnectionString");
    }

    [Fact]
    public void Validate_PostgreSqlWithoutDatabase_NamesTheSettingAndTheFix()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Username=app" };

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ConnectionString" && ex.Message.Contains("Database=NAME"));
    }

    [Fact]
    public void Validate_PostgreSqlWithUnknownKey_ReportsMalformedWithoutEchoingThePassword()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog;Password=hunter2;Colour=blue" };

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ConnectionString"
                && ex.Message.Contains("PostgreSQL connection string is malformed")
                && !ex.Message.Contains("hunter2"));
    }

    [Fact]
    public void Validate_BackupBeforeMigrateOnPostgreSql_IsRefusedWithTheAlternative()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog", BackupBeforeMigrate = true };

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:BackupBeforeMigrate" && ex.Message.Contains("pg_dump"));
    }

    [Fact]
    public void Validate_UndefinedProvider_NamesTheChoices()
    {
        var options = new BookDataOptions { ConnectionString = "Data Source=catalog.db", Provider = (BookDataProvider)7 };

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:Provider" && ex.Message.Contains("Sqlite, PostgreSql"));
    }

    [Fact]
    public void Factory_PostgreSql_NamesTheDatabaseWithoutThePassword()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = NoServer });

        factory.DataSource.Should().Be("127.0.0.1:1/catalog");
        factory.IsInMemory.Should().BeFalse();
    }

    [Fact]
    public void Factory_PostgreSql_SendsTheBusyTimeoutAsLockTimeoutAndKeepsTheUsersOptions()
    {
        var options = new BookDataOptions
        {
            ConnectionString = "Host=db.example.com;Database=catalog;Options=-c statement_timeout=60000",
            BusyTimeout = TimeSpan.FromSeconds(12),
        };

        var factory = new BookDataConnectionFactory(options);

        new NpgsqlConnectionStringBuilder(factory.ConnectionString).Options
            .Should().Be("-c statement_timeout=60000 -c lock_timeout=12000");
    }

    [Fact]
    public void Factory_PostgreSqlZeroBusyTimeout_WaitsOneMillisecondNotForEver()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog", BusyTimeout = TimeSpan.Zero };

        var factory = new BookDataConnectionFactory(options);

        new NpgsqlConnectionStringBuilder(factory.ConnectionString).Options.Should().Be("-c lock_timeout=1");
    }

    [Fact]
    public async Task OpenAsync_NoServerAnswers_ThrowsDatabaseExceptionNamingTheServer()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = NoServer });

        var act = () => factory.OpenAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain("'127.0.0.1:1/catalog'").And.Contain("no PostgreSQL server answered");
        error.Message.Should().NotContain("secret");
    }

    [Fact]
    public async Task MigrateAsync_NoServerAnswers_ThrowsDatabaseExceptionAndAppliesNothing()
    {
        var migrator = new BookDataMigrator(new BookDataConnectionFactory(new BookDataOptions { ConnectionString = NoServer }));

        var act = () => migrator.MigrateAsync();

        (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which.Message.Should().Contain("127.0.0.1:1/catalog");
    }

    [Fact]
    public void ScriptNames_BothProviders_CarryTheSameVersions()
    {
        EmbeddedMigrations.For(BookDataProvider.PostgreSql).Select(script => script.Name)
            .Should().Equal(EmbeddedMigrations.For(BookDataProvider.Sqlite).Select(script => script.Name))
            .And.NotBeEmpty();
    }
}
