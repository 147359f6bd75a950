using Xunit;

namespace BookData.Testing;

/// <summary>
/// A fact that needs a PostgreSQL server and a streaming replica of it; skipped, with the reason, when
/// <c>BOOKDATA_TEST_POSTGRES</c> or <c>BOOKDATA_TEST_POSTGRES_REPLICA</c> is not set (<c>.ci/postgres.sh</c> sets both).
/// </summary>
public sealed class PostgreSqlReplicaFactAttribute : FactAttribute
{
    /// <summary>The variable that holds the replica's connection string.</summary>
    public const string ReplicaVariable = "BOOKDATA_TEST_POSTGRES_REPLICA";

    /// <summary>Creates the attribute.</summary>
    public PostgreSqlReplicaFactAttribute()
    {
        Skip = PostgreSqlTestEnvironment.SkipReason
            ?? (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ReplicaVariable))
                ? $"No PostgreSQL replica: set {ReplicaVariable} to an Npgsql connection string of a streaming replica of the server to run this test."
                : null);
    }
}
