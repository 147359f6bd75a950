namespace BookData.PostgreSql.Migrations;

/// <summary>The statements of the advisory lock that serializes migrations of one PostgreSQL database.</summary>
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
}
