using System.Text.RegularExpressions;
using Npgsql;

namespace BookData.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use, named by the environment variable <c>BOOKDATA_TEST_POSTGRES</c>: an Npgsql
/// connection string of a user who may create databases (<c>.ci/run</c> and <c>.ci/postgres.sh</c> start a
/// throwaway server and set it). Every test gets its own database, created here and dropped when it ends.
/// </summary>
public static partial class PostgreSqlTestServer
{
    /// <summary>The environment variable holding the server's connection string.</summary>
    public const string VariableName = "BOOKDATA_TEST_POSTGRES";

    /// <summary>Why PostgreSQL tests are skipped when no server is configured.</summary>
    public const string SkipReason =
        "PostgreSQL tests need a server: set BOOKDATA_TEST_POSTGRES to an Npgsql connection string of a user who may create databases (.ci/run starts one)";

    /// <summary>The prefix of every test database's name.</summary>
    public const string DatabasePrefix = "bookdata_test_";

    /// <summary>The configured connection string (its database is the maintenance database), or null.</summary>
    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    /// <summary>Whether a server is configured.</summary>
    public static bool IsConfigured => ConnectionString is not null;

    /// <summary>A connection string for a new, unused database name (<c>bookdata_test_&lt;guid&gt;</c>); nothing is created.</summary>
    public static string NewDatabaseConnectionString() =>
        ConnectionStringFor($"{DatabasePrefix}{Guid.NewGuid():N}");

    /// <summary>Creates a new empty database <c>bookdata_test_&lt;guid&gt;</c> and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var connectionString = NewDatabaseConnectionString();
        var name = DatabaseName(connectionString);
        await using var connection = await OpenMaintenanceAsync(cancellationToken);
        // A database name cannot be a parameter; it is checked against the generated pattern.
        await using var command = new NpgsqlCommand($"CREATE DATABASE {Quote(name)};", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connectionString;
    }

    /// <summary>
    /// Drops a test database (if it exists), ending its sessions: Npgsql's connection pools are cleared first (idle
    /// connections close now, busy ones when returned) and <c>WITH (FORCE)</c> terminates any that are still open.
    /// </summary>
    /// <param name="name">The database name, <c>bookdata_test_&lt;32 hex digits&gt;</c>.</param>
    /// <param name="cancellationToken">Cancels the drop.</param>
    public static async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var quoted = Quote(name);
        NpgsqlConnection.ClearAllPools();

        await using var connection = await OpenMaintenanceAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether a database of that name exists on the server.</summary>
    public static async Task<bool> DatabaseExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMaintenanceAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @Name);", connection);
        command.Parameters.AddWithValue("Name", name);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// A connection string naming a PostgreSQL server that does not answer: a local port that was free a moment
    /// ago (bound and released here), so connecting is refused at once. Needs no configured server.
    /// </summary>
    public static string NoServerConnectionString()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"Host=127.0.0.1;Port={port};Database={DatabasePrefix}{Guid.NewGuid():N};Username=bookdata;Timeout=5";
    }

    /// <summary>The server's connection string with another database.</summary>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(RequireConnectionString()) { Database = database }.ConnectionString;

    /// <summary>The database a connection string names.</summary>
    public static string DatabaseName(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Database
        ?? throw new ArgumentException($"The connection string \"{connectionString}\" names no database.", nameof(connectionString));

    private static async Task<NpgsqlConnection> OpenMaintenanceAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(RequireConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException(SkipReason);

    private static string Quote(string name) =>
        TestDatabaseName().IsMatch(name)
            ? $"\"{name}\""
            : throw new ArgumentException($"\"{name}\" is not a test database name ({DatabasePrefix} and 32 hex digits).", nameof(name));

    [GeneratedRegex("^bookdata_test_[0-9a-f]{32}$")]
    private static partial Regex TestDatabaseName();
}
