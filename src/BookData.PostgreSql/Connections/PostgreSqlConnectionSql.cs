namespace BookData.PostgreSql.Connections;

/// <summary>
/// The statements BookData runs on a PostgreSQL connection it has just opened, the ones that give each transaction BookData
/// begins its settings (inside the transaction, so that they hold behind a transaction-pooling pooler such as PgBouncer),
/// and the maintenance database's look-up of a database.
/// </summary>
internal static class PostgreSqlConnectionSql
{
    /// <summary>Whether the database has the citext type (migration 0001 creates it): true or false.</summary>
    public const string CitextExists = "SELECT to_regtype('citext') IS NOT NULL;";

    /// <summary>
    /// The first statement of a read-write transaction: <c>lock_timeout</c> (<c>@LockTimeout</c>, milliseconds as text) for
    /// this transaction only, as <c>SET LOCAL</c> would set it.
    /// </summary>
    public const string BeginWrite = "SELECT set_config('lock_timeout', @LockTimeout, true);";

    /// <summary>
    /// The first statements of a read-only transaction: read-only, then the <c>lock_timeout</c> of <see cref="BeginWrite"/>.
    /// That <c>SELECT</c> is the transaction's first query, after which PostgreSQL refuses <c>SET TRANSACTION READ WRITE</c>.
    /// </summary>
    public const string BeginReadOnly = """
        SET TRANSACTION READ ONLY;
        SELECT set_config('lock_timeout', @LockTimeout, true);
        """;

    /// <summary>Whether the server has the database <c>@Name</c>; run on the maintenance database.</summary>
    public const string DatabaseExists = "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @Name);";

    /// <summary>The database every PostgreSQL server has, where databases are looked up and created.</summary>
    public const string MaintenanceDatabase = "postgres";
}
