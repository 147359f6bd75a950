namespace BookData.Tests.Import;

/// <summary>A fact that needs a PostgreSQL server: reported as skipped, with the reason, when BOOKDATA_TEST_POSTGRES is unset.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgreSqlTestCatalog.ServerConnectionString is null)
        {
            Skip = $"PostgreSQL tests need a server: set {PostgreSqlTestCatalog.ServerVariable} to an Npgsql connection string of a user who may CREATE DATABASE.";
        }
    }
}
