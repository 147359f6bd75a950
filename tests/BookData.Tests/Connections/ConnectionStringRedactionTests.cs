using BookData.Connections;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookData.Tests.Connections;

/// <summary>No message, log line or exception text from BookData shows a connection string's password.</summary>
public sealed class ConnectionStringRedactionTests
{
    private const string Secret = "hunter2";

    [Theory]
    [InlineData("Host=db;Password=hunter2;Database=catalog", "Host=db;Password=***;Database=catalog")]
    [InlineData("Host=db;password = hunter2 ;Database=catalog", "Host=db;password =***;Database=catalog")]
    [InlineData("Host=db;PWD=hunter2", "Host=db;PWD=***")]
    [InlineData("Host=db;Psw=hunter2", "Host=db;Psw=***")]
    [InlineData("Host=db;SSL Password=hunter2;SslPassword=hunter2", "Host=db;SSL Password=***;SslPassword=***")]
    [InlineData("Data Source=catalog.db;Password=hunter2", "Data Source=catalog.db;Password=***")]
    [InlineData("Host=db;Password=hunter2;;=x", "Host=db;Password=***;;=x")]
    [InlineData("Host=db;Password=\"hun;ter2\";Database=catalog", "Host=db;Password=***;Database=catalog")]
    [InlineData("Host=db;Password='hun''ter2;x';Database=catalog", "Host=db;Password=***;Database=catalog")]
    [InlineData("Host=db;Password=\"hunter2", "Host=db;Password=***")]
    [InlineData("Password=hunter2", "Password=***")]
    [InlineData("Host=db;Password=", "Host=db;Password=")]
    [InlineData("Host=db;User==Password=hunter2;Database=x", "Host=db;User==Password=***;Database=x")]
    [InlineData("Data Source=pass;word.db", "Data Source=pass;word.db")]
    [InlineData("", "")]
    [InlineData("postgresql://user:hunter2@127.0.0.1:1/db", "postgresql://user:***@127.0.0.1:1/db")]
    [InlineData("Host=postgres://u:hunter2@h/db;Database=d", "Host=postgres://u:***@h/db;Database=d")]
    [InlineData("postgresql://user@host/db", "postgresql://user@host/db")]
    public void Redact_ConnectionString_MasksEveryPasswordValueAndKeepsTheRest(string connectionString, string expected)
    {
        ConnectionStrings.Redact(connectionString).Should().Be(expected);
    }

    public static TheoryData<string> MalformedWithPassword => new()
    {
        "Host=db;Password=hunter2;;=x",
        "Data Source=catalog.db;Password=hunter2;;=x",
        "Data Source=catalog.db;Password=hunter2;Not A Keyword=1",
        "Data Source=;Password=hunter2",
        "Host=db;Pwd=hunter2;Port=not-a-number;Database=catalog",
        "Host=db;Password=hunter2;Colour=blue;Database=catalog",
        "Password=\"hunter2",
    };

    [Theory]
    [MemberData(nameof(MalformedWithPassword))]
    public void Validate_MalformedConnectionStringWithPassword_NeverShowsThePassword(string connectionString)
    {
        var options = new BookDataOptions { ConnectionString = connectionString };

        var act = () => new BookDataConnectionFactory(options);

        var error = act.Should().Throw<BookDataValidationException>().Which;
        error.ToString().Should().NotContain(Secret);
    }

    [Theory]
    [MemberData(nameof(MalformedWithPassword))]
    public async Task StartAsync_MalformedConnectionStringWithPassword_OptionsValidationExceptionAndLogsNeverShowThePassword(string connectionString)
    {
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = connectionString;
            options.MigrateOnStartup = true;
        }));

        var act = () => host.StartAsync();

        var error = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain("BookData:ConnectionString");
        error.ToString().Should().NotContain(Secret);
        logs.Entries.Select(entry => entry.ToString()).Should().NotContain(line => line.Contains(Secret, StringComparison.Ordinal));
    }
}
