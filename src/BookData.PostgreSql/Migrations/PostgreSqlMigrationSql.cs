namespace BookData.PostgreSql.Migrations;

/// <summary>The statements the PostgreSQL migration runs around the scripts: the advisory lock that serializes migrations of one database, and the extension checks.</summary>
internal static class PostgreSqlMigrationSql
{
    /// <summary>
    /// Takes the transaction-level advisory lock that serializes migrations of one PostgreSQL database; waits up to the
    /// transaction's <c>lock_timeout</c>, and holds it until the transaction ends (there is no unlock). It conflicts with a
    /// session-level lock on the same key, which older versions took. The key is BookData's own: the first eight bytes of
    /// SHA-256("BookData.migrate").
    /// </summary>
    public const string Lock = "SELECT pg_advisory_xact_lock(@Key);";

    /// <summary>Takes the lock <see cref="Lock"/> takes if it is free: true, else false at once.</summary>
    public const string TryLock = "SELECT pg_try_advisory_xact_lock(@Key);";

    /// <summary>Which of the extensions <c>@Names</c> (a text array) the database has.</summary>
    public const string PresentExtensions = "SELECT extname::text FROM pg_catalog.pg_extension WHERE extname = ANY(@Names);";

    /// <summary>
    /// Which of the extensions <c>@Names</c> (a text array) the database has in a schema that is not on this session's
    /// search path (pg_catalog and the temporary schema included), with that schema: their types and operator classes
    /// cannot be named unqualified, as the scripts name them.
    /// </summary>
    public const string ExtensionsOffSearchPath = """
        SELECT e.extname::text AS Extension, n.nspname::text AS Schema
        FROM pg_catalog.pg_extension AS e
        JOIN pg_catalog.pg_namespace AS n ON n.oid = e.extnamespace
        WHERE e.extname = ANY(@Names) AND NOT n.nspname = ANY(pg_catalog.current_schemas(true));
        """;

    /// <summary>The database and user of the session, as an extension error names them.</summary>
    public const string CurrentDatabaseAndUser = "SELECT current_database()::text AS Database, current_user::text AS User;";

    /// <summary>
    /// The first line of every migration script as run: its transaction's <c>lock_timeout</c> in milliseconds (format
    /// item 0, an integer), as <c>SET LOCAL</c> would set it.
    /// </summary>
    public const string SetScriptLockTimeout = "SELECT set_config('lock_timeout', '{0}', true);\n";
}
