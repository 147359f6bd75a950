using Npgsql;

namespace BookData.Web.Tests.Support;

/// <summary>
/// The web application on a fresh PostgreSQL database of its own (<c>bookdata_web_test_&lt;guid&gt;</c>), named by
/// <c>BookData:ConnectionString</c> as <c>BookData__ConnectionString</c> would; the app's startup migration
/// creates it, and dispose drops it WITH (FORCE).
/// </summary>
public sealed class PostgreSqlAppFactory(bool seedSampleData) : CatalogAppFactory
{
    /// <summary>The environment variable that holds the test server's connection string: <c>BOOKDATA_TEST_POSTGRES</c>.</summary>
    public const string EnvironmentVariable = PostgreSqlTestEnvironment.EnvironmentVariable;

    /// <summary>The test server's connection string, or <see langword="null"/> when none is configured.</summary>
    public static string? ServerConnectionString => PostgreSqlTestEnvironment.ConnectionString;

    public string DatabaseName { get; } = $"bookdata_web_test_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = DatabaseName }.ToString();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:BookData"] = null,
        ["BookData:ConnectionString"] = ConnectionString,
        ["BookData:SeedSampleData"] = seedSampleData ? "true" : "false",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }
}
