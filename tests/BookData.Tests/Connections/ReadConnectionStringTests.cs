using BookData.Connections;
using BookData.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookData.Tests.Connections;

/// <summary><see cref="BookDataOptions.ReadConnectionString"/>: how it is bound and validated, without a server.</summary>
public sealed class ReadConnectionStringTests
{
    private const string Primary = "Host=primary.example.com;Database=catalog;Username=app;Password=primary-secret";

    [Fact]
    public void Validate_ReadConnectionStringOnSqlite_IsRefusedNamingTheSettingWithoutThePassword()
    {
        using var file = TempFile.NotCreated("catalog.db");
        var options = new BookDataOptions
        {
            ConnectionString = $"Data Source={file.Path}",
            ReadConnectionString = "Host=replica.example.com;Database=catalog;Password=hunter2",
        };

        var act = () => new BookDataConnectionFactory(options);

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ReadConnectionString"
                && ex.Message.Contains("PostgreSQL")
                && ex.Message.Contains("SQLite")
                && ex.Message.Contains("replica.example.com")
                && !ex.Message.Contains("hunter2"));
        File.Exists(file.Path).Should().BeFalse("a refused setting opens nothing");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_ReadConnectionStringUnset_ReadsGoToThePrimary(string? read)
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = Primary, ReadConnectionString = read }.UsePostgreSql());

        factory.ReadDataSource.Should().Be("primary.example.com:5432/catalog").And.Be(factory.DataSource);
    }

    [Fact]
    public void Validate_ReadConnectionStringUnsetOnSqlite_IsAccepted()
    {
        using var file = TempFile.NotCreated("catalog.db");

        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={file.Path}", ReadConnectionString = "" });

        factory.ReadDataSource.Should().Be(factory.DataSource);
    }

    [Fact]
    public void Validate_ReadConnectionStringWithoutDatabase_NamesTheReadSetting()
    {
        var options = new BookDataOptions { ConnectionString = Primary, ReadConnectionString = "Host=replica.example.com;Password=hunter2" }.UsePostgreSql();

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ReadConnectionString"
                && ex.Message.Contains("read connection string")
                && ex.Message.Contains("Database=NAME")
                && !ex.Message.Contains("hunter2"));
    }

    [Fact]
    public void Validate_ReadConnectionStringWithoutHost_NamesTheReadSetting()
    {
        var options = new BookDataOptions { ConnectionString = Primary, ReadConnectionString = "Database=catalog" }.UsePostgreSql();

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ReadConnectionString" && ex.Message.Contains("Host=SERVER"));
    }

    [Theory]
    [InlineData("Host=replica.example.com;Database=catalog;Password=hunter2;Colour=blue")]
    [InlineData("Host=replica.example.com;Database=catalog;Password=hunter2;Port=many")]
    public void Validate_MalformedReadConnectionString_IsRefusedWithoutEchoingThePassword(string read)
    {
        var options = new BookDataOptions { ConnectionString = Primary, ReadConnectionString = read }.UsePostgreSql();

        var act = () => options.Validate();

        act.Should().Throw<BookDataValidationException>()
            .Where(ex => ex.Field == "BookData:ReadConnectionString"
                && ex.Message.Contains("read connection string is malformed")
                && !ex.Message.Contains("hunter2")
                && !ex.Message.Contains("primary-secret"));
    }

    [Fact]
    public void Factory_ReadConnectionString_NamesTheReplicaWithoutThePassword()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = Primary,
            ReadConnectionString = "Host=replica.example.com;Port=5433;Database=catalog;Username=app;Password=hunter2",
        }.UsePostgreSql());

        factory.DataSource.Should().Be("primary.example.com:5432/catalog");
        factory.ReadDataSource.Should().Be("replica.example.com:5433/catalog");
    }

    [Fact]
    public void Factory_OptionsChangedAfterwards_KeepsTheReadConnectionStringItWasBuiltWith()
    {
        var options = new BookDataOptions { ConnectionString = Primary, ReadConnectionString = "Host=replica.example.com;Database=catalog" }.UsePostgreSql();
        var factory = new BookDataConnectionFactory(options);

        options.ReadConnectionString = "Host=elsewhere.example.com;Database=catalog";

        factory.ReadDataSource.Should().Be("replica.example.com:5432/catalog");
    }

    [Fact]
    public void TranslateReadError_ReplicaCancelledQueryForRecovery_NamesTheReplicaAndTheReplayNotAWrite()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = Primary,
            ReadConnectionString = "Host=replica.example.com;Database=catalog;Password=hunter2",
        }.UsePostgreSql());
        var conflict = new Npgsql.PostgresException("canceling statement due to conflict with recovery", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.SerializationFailure);

        var error = factory.TranslateReadError(conflict);

        error.Message.Should().Contain("read replica 'replica.example.com:5432/catalog'")
            .And.Contain("replay")
            .And.Contain("max_standby_streaming_delay")
            .And.NotContain("write back")
            .And.NotContain("hunter2");
        error.SqlState.Should().Be(Npgsql.PostgresErrorCodes.SerializationFailure);
    }

    [Fact]
    public void AddBookData_ReadConnectionStringInConfiguration_IsBound()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BookData:ConnectionString"] = Primary,
                ["BookData:ReadConnectionString"] = "Host=replica.example.com;Database=catalog",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddBookData(configuration.GetSection(BookDataOptions.SectionName)).UsePostgreSql();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<BookDataOptions>>().Value.ReadConnectionString.Should().Be("Host=replica.example.com;Database=catalog");
        provider.GetRequiredService<BookDataConnectionFactory>().ReadDataSource.Should().Be("replica.example.com:5432/catalog");
    }
}
