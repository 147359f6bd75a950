using BookData.Connections;
using Npgsql;

namespace BookData.Tests.Connections;

/// <summary>
/// How <see cref="BookDataOptions.CommandTimeout"/>, the connection string's <c>Command Timeout</c> and
/// <see cref="BookDataOptions.MigrationTimeout"/> are checked and turned into Npgsql's command timeout (no server needed).
/// </summary>
public sealed class CommandTimeoutOptionsTests
{
    private const string PostgreSql = "Host=db.example.com;Database=catalog;Username=app";

    [Fact]
    public void ConnectionString_PostgreSqlWithNoCommandTimeoutAnywhere_TurnsNpgsqlsThirtySecondLimitOff()
    {
        var factory = PostgreSqlFactory(PostgreSql);

        new NpgsqlConnectionStringBuilder(factory.ConnectionString).CommandTimeout.Should().Be(0);
    }

    [Theory]
    [InlineData(45, 45)]
    [InlineData(45.2, 46)]
    [InlineData(0, 0)]
    public void ConnectionString_PostgreSqlCommandTimeoutOption_BecomesWholeSecondsRoundedUp(double seconds, int expected)
    {
        var factory = PostgreSqlFactory(PostgreSql, options => options.CommandTimeout = TimeSpan.FromSeconds(seconds));

        new NpgsqlConnectionStringBuilder(factory.ConnectionString).CommandTimeout.Should().Be(expected);
    }

    [Theory]
    [InlineData("Command Timeout=120")]
    [InlineData("CommandTimeout=120")]
    [InlineData("command timeout = 120")]
    public void ConnectionString_PostgreSqlConnectionStringCommandTimeout_IsKept(string setting)
    {
        var factory = PostgreSqlFactory($"{PostgreSql};{setting}");

        new NpgsqlConnectionStringBuilder(factory.ConnectionString).CommandTimeout.Should().Be(120);
    }

    [Fact]
    public void ConnectionString_PostgreSqlOptionAndConnectionStringCommandTimeout_OptionWins()
    {
        var factory = PostgreSqlFactory($"{PostgreSql};Command Timeout=120", options => options.CommandTimeout = TimeSpan.FromSeconds(60));

        new NpgsqlConnectionStringBuilder(factory.ConnectionString).CommandTimeout.Should().Be(60);
    }

    [Fact]
    public void Validate_PostgreSqlCommandTimeoutNotOneSecondBeyondBusyTimeout_ThrowsNamingBoth()
    {
        var options = new BookDataOptions
        {
            ConnectionString = PostgreSql,
            BusyTimeout = TimeSpan.FromSeconds(30),
            CommandTimeout = TimeSpan.FromSeconds(30.5),
        }.UsePostgreSql();

        var error = options.Invoking(o => o.Validate()).Should().Throw<BookDataValidationException>().Which;

        error.Field.Should().Be("BookData:CommandTimeout");
        error.Message.Should().Contain("CommandTimeout (00:00:30.5000000)").And.Contain("BusyTimeout (00:00:30)").And.Contain("lock");
    }

    [Fact]
    public void Validate_PostgreSqlConnectionStringCommandTimeoutNotBeyondBusyTimeout_ThrowsNamingTheConnectionString()
    {
        var options = new BookDataOptions { ConnectionString = $"{PostgreSql};Command Timeout=30" }.UsePostgreSql();

        var error = options.Invoking(o => o.Validate()).Should().Throw<BookDataValidationException>().Which;

        error.Field.Should().Be("BookData:ConnectionString");
        error.Message.Should().Contain("Command Timeout=30").And.Contain("BusyTimeout (00:00:30)").And.Contain("BookData:CommandTimeout");
    }

    [Theory]
    [InlineData("Command Timeout=0", null)]
    [InlineData("Command Timeout=31", null)]
    [InlineData("Command Timeout=5", 0.0)]
    [InlineData("Command Timeout=5", 31.0)]
    public void Validate_PostgreSqlCommandTimeoutOffOrBeyondBusyTimeout_Passes(string setting, double? optionSeconds)
    {
        var options = new BookDataOptions
        {
            ConnectionString = $"{PostgreSql};{setting}",
            CommandTimeout = optionSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        }.UsePostgreSql();

        options.Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Theory]
    [InlineData(nameof(BookDataOptions.CommandTimeout))]
    [InlineData(nameof(BookDataOptions.MigrationTimeout))]
    public void Validate_NegativeTimeout_ThrowsNamingTheSetting(string name)
    {
        var options = new BookDataOptions { ConnectionString = "Data Source=unused.db" };
        typeof(BookDataOptions).GetProperty(name)!.SetValue(options, TimeSpan.FromSeconds(-1));

        var error = options.Invoking(o => o.Validate()).Should().Throw<BookDataValidationException>().Which;

        error.Field.Should().Be($"BookData:{name}");
        error.Message.Should().Contain(name).And.Contain("-00:00:01");
    }

    [Fact]
    public void Validate_SqliteWithTimeoutsBelowBusyTimeout_PassesSinceSqliteIgnoresThem()
    {
        var options = new BookDataOptions
        {
            ConnectionString = "Data Source=unused.db",
            CommandTimeout = TimeSpan.FromSeconds(1),
            MigrationTimeout = TimeSpan.FromSeconds(1),
        };

        options.Invoking(o => o.Validate()).Should().NotThrow();
    }

    private static BookDataConnectionFactory PostgreSqlFactory(string connectionString, Action<BookDataOptions>? configure = null)
    {
        var options = new BookDataOptions { ConnectionString = connectionString, BusyTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        return new BookDataConnectionFactory(options.UsePostgreSql());
    }
}
