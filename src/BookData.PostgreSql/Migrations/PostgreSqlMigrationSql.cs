namespace BookData.PostgreSql.Migrations;

/// <summary>The statements the PostgreSQL migration runs around the scripts: the advisory lock that serializes migrations of one database, and the extension checks.</summary>
internal static class PostgreSqlMigrationSql
{
    /// <summary>
    /// Takes the session-level advisory lock that serializes migrations of one PostgreSQL database; waits up to
    /// the session's <c>lock_timeout</c>. The key is BookData's own: the first eight bytes of SHA-256("BookData.migrate").
    /// </summary>
    public const string Lock = "SELECT pg_advisory_lock(@Key);";

    /// <summary>Takes the lock <see cref="Lock"/> takes if it is free: true, else false at once.</summary>
    public const string TryLock = "SELECT pg_try_advisory_lock(@Key);";

    /// <summary>Releases the lock <see cref="Lock"/> took.</summary>
    public const string Unlock = "SELECT pg_advisory_unlock(@Key);";

    /// <summary>Which of the extensions <c>@Names</c> (a text array) the database has.</summary>
    public const string PresentExtensions = "SELECT extname::text FROM pg_catalog.pg_extension WHERE extname = ANY(@Names);";

    /// <summary>The database and user of the session, as an extension error names them.</summary>
    public const string CurrentDatabaseAndUser = "SELECT current_database()::text AS Database, current_user::text AS User;";
}
