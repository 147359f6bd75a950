using Npgsql;

namespace BookData.Cli.Tests.Support;

/// <summary>
/// A fresh database on the test server for one test: <c>bookdata_cli_test_&lt;guid&gt;</c>, not created here
/// (the commands create it through the migrator) and dropped WITH (FORCE) on dispose.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>The environment variable that holds the server's connection string: <c>BOOKDATA_TEST_POSTGRES</c>.</summary>
    public const string EnvironmentVariable = PostgreSqlTestEnvironment.EnvironmentVariable;

    private PostgreSqlServer(string databaseName)
    {
        DatabaseName = databaseName;
        ConnectionStringForDatabase = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = databaseName }.ToString();
    }

    /// <summary>The server's connection string, or <see langword="null"/> when no server is configured.</summary>
    public static string? ConnectionString => PostgreSqlTestEnvironment.ConnectionString;

    public string DatabaseName { get; }

    /// <summary>The connection string a command gets with <c>--connection</c>.</summary>
    public string ConnectionStringForDatabase { get; }

    /// <summary>A name for a database that does not exist yet.</summary>
    public static PostgreSqlServer NewDatabase() => new($"bookdata_cli_test_{Guid.NewGuid():N}");

    /// <summary>Runs a scalar query in the test's database on a fresh read-write connection.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringForDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table};", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Whether the test's database exists on the server.</summary>
    public async Task<bool> ExistsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name;", connection);
        command.Parameters.AddWithValue("name", DatabaseName);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }
}
