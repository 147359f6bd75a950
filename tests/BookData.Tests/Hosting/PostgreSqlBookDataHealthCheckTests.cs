using BookData.Connections;
using BookData.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookData.Tests.Hosting;

[RequiresPostgreSql]
public sealed class PostgreSqlBookDataHealthCheckTests : BookDataHealthCheckTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    [ProviderFact]
    public async Task CheckHealthAsync_MissingDatabase_IsUnhealthyAndCreatesNoDatabase()
    {
        await using var database = TestDatabase.CreateMissing(Provider);

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("cannot be opened").And.Contain(database.DatabaseName).And.Contain("no such database");
        result.Exception.Should().BeOfType<BookDataDatabaseException>();
        (await database.ExistsAsync()).Should().BeFalse();
    }

    [ProviderFact]
    public async Task CheckHealthAsync_ServerDoesNotAnswer_IsUnhealthyAndSaysSo()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = PostgreSqlTestServer.NoServerConnectionString(),
        }.UsePostgreSql());

        var result = await CheckAsync(factory);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("cannot be opened").And.Contain(factory.DataSource).And.Contain("no PostgreSQL server answered");
        result.Exception.Should().BeOfType<BookDataDatabaseException>();
    }
}
