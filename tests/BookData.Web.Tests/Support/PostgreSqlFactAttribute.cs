namespace BookData.Web.Tests.Support;

/// <summary>
/// A fact that needs a PostgreSQL server: skipped, with the reason, when <c>BOOKDATA_TEST_POSTGRES</c>
/// (an Npgsql connection string to a server where the user may create databases) is not set.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgreSqlAppFactory.ServerConnectionString))
        {
            Skip = $"No PostgreSQL server: set {PostgreSqlAppFactory.EnvironmentVariable} to an Npgsql connection string "
                + "(for example Host=127.0.0.1;Port=5432;Username=me;Database=postgres) to run this test.";
        }
    }
}
