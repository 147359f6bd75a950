using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Hosting;

[RequiresPostgreSql]
public sealed class PostgreSqlBookDataMigrationHostedServiceTests : BookDataMigrationHostedServiceTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override Task<string> MakeUnusableAsync(TestDatabase database) =>
        Task.FromResult(PostgreSqlTestServer.NoServerConnectionString());

    [ProviderFact]
    public async Task StartAsync_ServerDoesNotAnswer_FailsStartupAndLogsTheError()
    {
        var connectionString = PostgreSqlTestServer.NoServerConnectionString();
        var dataSource = new BookData.Connections.BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString }.UsePostgreSql()).DataSource;
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = connectionString;
            options.MigrateOnStartup = true;
        }).UsePostgreSql());

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<BookDataDatabaseException>())
            .Which.Message.Should().Contain("no PostgreSQL server answered");
        logs.Entries.Should().Contain(entry => entry.EventId.Name == "MigrationFailed"
            && entry.Level == LogLevel.Error
            && entry.Message.Contains(dataSource, StringComparison.Ordinal));
    }
}
