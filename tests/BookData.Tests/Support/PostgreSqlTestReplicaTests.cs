using Npgsql;

namespace BookData.Tests.Support;

[RequiresPostgreSqlReplica]
[Collection(PostgreSqlReplicaTests.Name)]
public sealed class PostgreSqlTestReplicaTests
{
    [ProviderFact]
    public async Task WaitForReplayAsync_RowCommittedOnPrimary_ReplicaReadsIt()
    {
        var primary = await PostgreSqlTestServer.CreateDatabaseAsync();
        var name = PostgreSqlTestServer.DatabaseName(primary);
        try
        {
            await ExecuteAsync(primary, "CREATE TABLE note (body text); INSERT INTO note VALUES ('replayed');");

            await PostgreSqlTestReplica.WaitForReplayAsync();

            (await ScalarAsync(PostgreSqlTestReplica.ConnectionStringFor(name), "SELECT body FROM note;")).Should().Be("replayed");
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(name);
        }
    }

    [ProviderFact]
    public async Task ConnectionStringFor_WriteOnReplica_FailsReadOnlyAndPrimaryIsUnchanged()
    {
        var primary = await PostgreSqlTestServer.CreateDatabaseAsync();
        var name = PostgreSqlTestServer.DatabaseName(primary);
        try
        {
            await ExecuteAsync(primary, "CREATE TABLE note (body text);");
            await PostgreSqlTestReplica.WaitForReplayAsync();

            var act = () => ExecuteAsync(PostgreSqlTestReplica.ConnectionStringFor(name), "INSERT INTO note VALUES ('lost');");

            (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.ReadOnlySqlTransaction);
            (await ScalarAsync(primary, "SELECT count(*)::text FROM note;")).Should().Be("0");
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(name);
        }
    }

    [ProviderFact]
    public async Task StopAsync_ThenStartAsync_ReplicaRefusesThenServesWhatPrimaryWroteMeanwhile()
    {
        var primary = await PostgreSqlTestServer.CreateDatabaseAsync();
        var name = PostgreSqlTestServer.DatabaseName(primary);
        try
        {
            await PostgreSqlTestReplica.StopAsync();
            try
            {
                var act = () => ScalarAsync(PostgreSqlTestReplica.ConnectionString!, "SELECT 'up';");
                (await act.Should().ThrowAsync<NpgsqlException>()).Which.Should().NotBeOfType<PostgresException>("nothing listens to answer");
                await ExecuteAsync(primary, "CREATE TABLE note (body text); INSERT INTO note VALUES ('written while down');");
            }
            finally
            {
                await PostgreSqlTestReplica.StartAsync();
            }

            await PostgreSqlTestReplica.WaitForReplayAsync();
            (await ScalarAsync(PostgreSqlTestReplica.ConnectionStringFor(name), "SELECT body FROM note;")).Should().Be("written while down");
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(name);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
