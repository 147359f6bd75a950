using Npgsql;

namespace BookData.Tests.Support;

/// <summary>
/// PgBouncer in transaction pooling mode in front of the test server, named by <c>BOOKDATA_TEST_POSTGRES_POOLED</c>
/// (<c>.ci/postgres.sh</c> starts one with a wildcard database entry, so every test database is reachable through it).
/// Databases are still created and dropped directly on the server (<see cref="PostgreSqlTestServer"/>); only the
/// code under test connects through the pooler.
/// </summary>
/// <remarks>
/// Debian 12 ships PgBouncer 1.18: in transaction mode each transaction may run on another server connection, and it
/// has no prepared-statement support (1.21 added <c>max_prepared_statements</c>). Npgsql's advice for this mode, which
/// the exported connection string follows: <c>No Reset On Close=true</c> (no <c>DISCARD ALL</c> when a connection goes
/// back to Npgsql's own pool); leave <c>Max Auto Prepare</c> at its default 0 and call no <c>Prepare()</c>.
/// </remarks>
public static class PostgreSqlTestPooler
{
    /// <summary>The environment variable holding the pooler's connection string.</summary>
    public const string VariableName = "BOOKDATA_TEST_POSTGRES_POOLED";

    /// <summary>Why pooled PostgreSQL tests are skipped when no pooler is configured.</summary>
    public const string SkipReason =
        "Pooled PostgreSQL tests need PgBouncer in transaction mode: set BOOKDATA_TEST_POSTGRES_POOLED to an Npgsql connection string through it (.ci/postgres.sh starts one)";

    /// <summary>The configured connection string (its database is the maintenance database), or null.</summary>
    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    /// <summary>Whether a pooler is configured.</summary>
    public static bool IsConfigured => ConnectionString is not null;

    /// <summary>The pooler's connection string with another database.</summary>
    /// <exception cref="InvalidOperationException">No pooler is configured.</exception>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString ?? throw new InvalidOperationException(SkipReason)) { Database = database }.ConnectionString;
}
