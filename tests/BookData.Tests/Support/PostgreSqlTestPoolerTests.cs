using Npgsql;

namespace BookData.Tests.Support;

[RequiresPostgreSqlPooled]
public sealed class PostgreSqlTestPoolerTests
{
    [ProviderFact]
    public async Task ConnectionStringFor_TestDatabase_ReachesItThroughWildcardEntry()
    {
        var direct = await PostgreSqlTestServer.CreateDatabaseAsync();
        var name = PostgreSqlTestServer.DatabaseName(direct);
        try
        {
            await using var connection = new NpgsqlConnection(PostgreSqlTestPooler.ConnectionStringFor(name));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database();", connection);

            (await command.ExecuteScalarAsync()).Should().Be(name);
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(name);
        }
    }

    [ProviderFact]
    public async Task ConnectionStringFor_AnotherClientTakesTheServerConnectionBetweenTransactions_NextOneRunsOnAnotherBackend()
    {
        // Transaction pooling: a client owns a server connection only during a transaction. The test database has a
        // pool of its own; PgBouncer hands out the most recently used idle server connection, so B gets A's.
        var direct = await PostgreSqlTestServer.CreateDatabaseAsync();
        var name = PostgreSqlTestServer.DatabaseName(direct);
        try
        {
            var pooled = PostgreSqlTestPooler.ConnectionStringFor(name);
            await using var a = new NpgsqlConnection(pooled);
            await using var b = new NpgsqlConnection(pooled);
            await a.OpenAsync();
            await b.OpenAsync();
            var first = await BackendAsync(a);
            await using var held = await b.BeginTransactionAsync();
            var taken = await BackendAsync(b);

            var second = await BackendAsync(a);

            taken.Should().Be(first, "B's transaction got the server connection A had used");
            second.Should().NotBe(first, "A's next statement ran on another server connection");
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(name);
        }
    }

    private static async Task<int> BackendAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid();", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
