using BookData.Connections;
using BookData.Migrations;
using BookData.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BookData.Tests.Connections;

/// <summary>Which provider options select (never inferred: PostgreSQL only through UsePostgreSql()), and how PostgreSQL settings are checked, without a server.</summary>
public sealed class ProviderSelectionTests
{
    // Nothing listens on port 1: opening fails at once with "connection refused".
    private const string NoServer = "Host=127.0.0.1;Port=1;Database=catalog;Username=app;Password=secret;Timeout=5";

    [Theory]
    [InlineData("Host=db.example.com;Database=catalog;Username=app")]
    [InlineData("Server=db.example.com;Database=catalog;User ID=app")]
    [InlineData("host=db.example.com;database=catalog")]
    public void Validate_PostgreSqlConnectionStringWithoutUsePostgreSql_SaysItLooksLikePostgreSqlAndNamesThePackage(string connectionString)
    {
        var options = new BookDataOptions { ConnectionString = connectionString };

        var act = () => new BookDataConnectionFactory(options);

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ConnectionString"
                && ex.Message.Contains("looks like a PostgreSQL connection string")
                && ex.Message.Contains("BookData.PostgreSql")
                && ex.Message.Contains("UsePostgreSql()"));
        options.Provider.Should().BeNull("validation changes nothing");
    }

    [Fact]
    public void Validate_ExplicitSqliteWithPostgreSqlString_SaysItLooksLikePostgreSql()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog;Password=hunter2", Provider = BookDataProvider.Sqlite };

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ConnectionString"
                && ex.Message.Contains("looks like a PostgreSQL connection string")
                && !ex.Message.Contains("hunter2"));
    }

    [Fact]
    public void Validate_ProviderPostgreSqlWithoutUsePostgreSql_NamesThePackageAndTheCall()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog", Provider = BookDataProvider.PostgreSql };

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:Provider"
                && ex.Message.Contains("BookData.PostgreSql")
                && ex.Message.Contains("UsePostgreSql()"));
    }

    [Fact]
    public void AddBookData_ProviderPostgreSqlBoundFromConfigurationWithoutUsePostgreSql_FailsStartNamingThePackage()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BookData:ConnectionString"] = "Host=db.example.com;Database=catalog",
                ["BookData:Provider"] = "PostgreSql",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddBookData(configuration.GetSection(BookDataOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<BookDataOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .Where(ex => ex.Message.Contains("BookData.PostgreSql") && ex.Message.Contains("UsePostgreSql()"));
    }

    [Fact]
    public void AddBookData_UsePostgreSqlAfterConfigurationBinding_SelectsPostgreSql()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BookData:ConnectionString"] = NoServer })
            .Build();
        var services = new ServiceCollection();
        services.AddBookData(configuration.GetSection(BookDataOptions.SectionName)).UsePostgreSql();
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<BookDataConnectionFactory>();

        factory.Provider.Should().Be(BookDataProvider.PostgreSql);
        factory.DataSource.Should().Be("127.0.0.1:1/catalog");
    }

    [Fact]
    public void UsePostgreSql_Options_SelectsPostgreSqlAndReturnsTheSameOptions()
    {
        var options = new BookDataOptions { ConnectionString = NoServer }.UsePostgreSql();

        var returned = options.UsePostgreSql();

        returned.Should().BeSameAs(options);
        options.Provider.Should().Be(BookDataProvider.PostgreSql);
        new BookDataConnectionFactory(options).Provider.Should().Be(BookDataProvider.PostgreSql);
    }

    [Theory]
    [InlineData("Host=db.example.com;Database=catalog", null, BookDataProvider.PostgreSql)]
    [InlineData("Server=db.example.com;Database=catalog", null, BookDataProvider.PostgreSql)]
    [InlineData("Data Source=catalog.db", null, BookDataProvider.Sqlite)]
    [InlineData("Data Source=catalog.db", BookDataProvider.Sqlite, BookDataProvider.Sqlite)]
    [InlineData("Host=db.example.com;Database=catalog", BookDataProvider.PostgreSql, BookDataProvider.PostgreSql)]
    public void UsePostgreSqlWhenRequested_ProviderOrConnectionString_SelectsTheEngine(string connectionString, BookDataProvider? provider, BookDataProvider expected)
    {
        var options = new BookDataOptions { ConnectionString = connectionString, Provider = provider }.UsePostgreSqlWhenRequested();

        new BookDataConnectionFactory(options).Provider.Should().Be(expected);
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
    public void Describe_SameVersions_IsNull()
    {
        PackageVersions.Describe("1.0.0-alpha.0.79.g0af4b195eb", "1.0.0-alpha.0.79.g0af4b195eb").Should().BeNull();
    }

    [Theory]
    [InlineData("1.2.3", "1.2.4")]
    [InlineData("2.0.0", "1.2.3")]
    [InlineData("1.0.0-alpha.0.79.g0af4b195eb", "1.0.0-alpha.0.78.g2879d4fbc6")]
    public void Describe_DifferentVersions_NamesBothVersions(string core, string provider)
    {
        var message = PackageVersions.Describe(core, provider);

        message.Should().Contain($"BookData {core} is loaded").And.Contain($"BookData.PostgreSql {provider}").And.Contain("same version");
    }

    [Fact]
    public void Describe_ThisBuild_CoreAndPostgreSqlAssembliesMatch()
    {
        PackageVersions.Describe(PackageVersions.PackageVersionOf(typeof(BookDataOptions).Assembly), PackageVersions.PackageVersionOf(typeof(PackageVersions).Assembly))
            .Should().BeNull();
    }

    [Fact]
    public void PackageVersionOf_ThisBuild_IsThePackageVersionWithoutBuildMetadata()
    {
        var version = PackageVersions.PackageVersionOf(typeof(PackageVersions).Assembly);

        version.Should().NotBeNullOrWhiteSpace().And.NotContain("+");
        version.Should().StartWith(typeof(PackageVersions).Assembly.GetName().Version!.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
    }

    [Fact]
    public void Validate_PostgreSqlWithoutDatabase_NamesTheSettingAndTheFix()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Username=app" }.UsePostgreSql();

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ConnectionString" && ex.Message.Contains("Database=NAME"));
    }

    [Fact]
    public void Validate_PostgreSqlWithUnknownKey_ReportsMalformedWithoutEchoingThePassword()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog;Password=hunter2;Colour=blue" }.UsePostgreSql();

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ConnectionString"
                && ex.Message.Contains("PostgreSQL connection string is malformed")
                && !ex.Message.Contains("hunter2"));
    }

    [Fact]
    public void Validate_BackupBeforeMigrateOnPostgreSql_IsRefusedWithTheAlternative()
    {
        var options = new BookDataOptions { ConnectionString = "Host=db.example.com;Database=catalog", BackupBeforeMigrate = true }.UsePostgreSql();

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
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = NoServer }.UsePostgreSql());

        factory.DataSource.Should().Be("127.0.0.1:1/catalog");
        factory.IsInMemory.Should().BeFalse();
    }

    [Fact]
    public void Factory_PostgreSql_AddsNoStartupOptionsAndKeepsTheUsersOptions()
    {
        var options = new BookDataOptions
        {
            ConnectionString = "Host=db.example.com;Database=catalog;Options=-c statement_timeout=60000",
            BusyTimeout = TimeSpan.FromSeconds(12),
        }.UsePostgreSql();

        var factory = new BookDataConnectionFactory(options);

        // The busy timeout is set inside each transaction: a pooler such as PgBouncer refuses startup options.
        new NpgsqlConnectionStringBuilder(factory.ConnectionString).Options.Should().Be("-c statement_timeout=60000");
    }

    [Fact]
    public async Task OpenAsync_NoServerAnswers_ThrowsDatabaseExceptionNamingTheServer()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = NoServer }.UsePostgreSql());

        var act = () => factory.OpenAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain("'127.0.0.1:1/catalog'").And.Contain("no PostgreSQL server answered");
        error.Message.Should().NotContain("secret");
    }

    [Fact]
    public async Task MigrateAsync_NoServerAnswers_ThrowsDatabaseExceptionAndAppliesNothing()
    {
        var migrator = new BookDataMigrator(new BookDataConnectionFactory(new BookDataOptions { ConnectionString = NoServer }.UsePostgreSql()));

        var act = () => migrator.MigrateAsync();

        (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which.Message.Should().Contain("127.0.0.1:1/catalog");
    }

    [Fact]
    public void ScriptNames_BothProviders_CarryTheSameVersions()
    {
        new BookDataOptions { ConnectionString = NoServer }.UsePostgreSql().CatalogProvider.MigrationScripts.Select(script => script.Name)
            .Should().Equal(EmbeddedMigrations.All.Select(script => script.Name))
            .And.NotBeEmpty();
    }
}
