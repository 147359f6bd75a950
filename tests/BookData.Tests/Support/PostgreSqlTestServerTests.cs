using Npgsql;

namespace BookData.Tests.Support;

[RequiresPostgreSql]
public sealed class PostgreSqlTestServerTests
{
    [ProviderFact]
    public async Task CreateDatabaseAsync_Configured_CreatesEmptyDatabaseTheUserCanOpen()
    {
        var connectionString = await PostgreSqlTestServer.CreateDatabaseAsync();
        var name = PostgreSqlTestServer.DatabaseName(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT current_database() || ':' || (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public');",
                connection);

            name.Should().MatchRegex("^bookdata_test_[0-9a-f]{32}$");
            (await command.ExecuteScalarAsync()).Should().Be($"{name}:0");
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(name);
        }
    }

    [ProviderFact]
    public async Task DropDatabaseAsync_ConnectionStillOpen_RemovesDatabase()
    {
        var connectionString = await PostgreSqlTestServer.CreateDatabaseAsync();
        var name = PostgreSqlTestServer.DatabaseName(connectionString);
        await using var open = new NpgsqlConnection(connectionString);
        await open.OpenAsync();

        await PostgreSqlTestServer.DropDatabaseAsync(name);

        (await PostgreSqlTestServer.DatabaseExistsAsync(name)).Should().BeFalse();
    }

    [ProviderFact]
    public async Task DropDatabaseAsync_NotATestDatabaseName_ThrowsAndDropsNothing()
    {
        var maintenance = PostgreSqlTestServer.DatabaseName(PostgreSqlTestServer.ConnectionString!);

        var act = () => PostgreSqlTestServer.DropDatabaseAsync(maintenance);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage($"*\"{maintenance}\" is not a test database name*");
        (await PostgreSqlTestServer.DatabaseExistsAsync(maintenance)).Should().BeTrue();
    }
}
