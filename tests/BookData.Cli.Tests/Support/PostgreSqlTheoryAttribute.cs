namespace BookData.Cli.Tests.Support;

/// <summary>
/// A theory that needs a PostgreSQL server: skipped, with the reason, when <c>BOOKDATA_TEST_POSTGRES</c>
/// (an Npgsql connection string to a server where the user may create databases) is not set.
/// </summary>
public sealed class PostgreSqlTheoryAttribute : TheoryAttribute
{
    public PostgreSqlTheoryAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgreSqlServer.ConnectionString))
        {
            Skip = $"No PostgreSQL server: set {PostgreSqlServer.EnvironmentVariable} to an Npgsql connection string "
                + "(for example Host=127.0.0.1;Port=5432;Username=me;Database=postgres) to run this test.";
        }
    }
}
