namespace BookData.PostgreSql.Connections;

/// <summary>The statements BookData runs on a PostgreSQL connection it has just opened.</summary>
internal static class PostgreSqlConnectionSql
{
    /// <summary>Whether the database has the citext type (migration 0001 creates it): true or false.</summary>
    public const string CitextExists = "SELECT to_regtype('citext') IS NOT NULL;";
}
