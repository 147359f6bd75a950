namespace BookData.Migrations;

/// <summary>The statements the migrator and its journal run against the <c>schema_version</c> table.</summary>
internal static class MigrationSql
{
    /// <summary>Creates the journal table when it does not exist yet.</summary>
    public const string CreateJournalSqlite = """
        CREATE TABLE IF NOT EXISTS schema_version (
            script_name TEXT NOT NULL PRIMARY KEY,
            checksum    TEXT NOT NULL,
            applied_utc TEXT NOT NULL
        ) STRICT;
        """;

    /// <summary>Records one applied script.</summary>
    public const string InsertJournalEntry = """
        INSERT INTO schema_version (script_name, checksum, applied_utc)
        VALUES (@ScriptName, @Checksum, @AppliedUtc);
        """;

    /// <summary>Creates the journal table when it does not exist yet, in the connection's current schema.</summary>
    public const string CreateJournalPostgreSql = """
        CREATE TABLE IF NOT EXISTS schema_version (
            script_name text NOT NULL PRIMARY KEY,
            checksum    text NOT NULL,
            applied_utc text NOT NULL
        );
        """;

    /// <summary>1 when the journal table exists, else 0.</summary>
    public const string JournalExistsSqlite = """
        SELECT count(*)
        FROM sqlite_schema
        WHERE type = 'table' AND name = 'schema_version';
        """;

    /// <summary>1 when the journal table exists in the connection's current schema, else 0.</summary>
    public const string JournalExistsPostgreSql = """
        SELECT count(*)
        FROM pg_catalog.pg_tables
        WHERE schemaname = current_schema() AND tablename = 'schema_version';
        """;

    /// <summary>Every journal entry, in script order.</summary>
    public const string SelectJournal = """
        SELECT script_name AS ScriptName, checksum AS Checksum, applied_utc AS AppliedUtc
        FROM schema_version
        ORDER BY script_name;
        """;

    /// <summary>How many tables, indexes, views and triggers the database holds; 0 for a new database.</summary>
    public const string CountSchemaObjectsSqlite = """
        SELECT count(*)
        FROM sqlite_schema;
        """;

    /// <summary>How many tables, indexes, views and sequences the connection's current schema holds; 0 for a new database.</summary>
    public const string CountSchemaObjectsPostgreSql = """
        SELECT count(*)
        FROM pg_catalog.pg_class AS c
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema();
        """;

    /// <summary>
    /// Takes the session-level advisory lock that serializes migrations of one PostgreSQL database; waits up to
    /// the session's <c>lock_timeout</c>. The key is BookData's own: the first eight bytes of SHA-256("BookData.migrate").
    /// </summary>
    public const string LockPostgreSql = "SELECT pg_advisory_lock(@Key);";

    /// <summary>Takes the lock <see cref="LockPostgreSql"/> takes if it is free: true, else false at once.</summary>
    public const string TryLockPostgreSql = "SELECT pg_try_advisory_lock(@Key);";

    /// <summary>Releases the lock <see cref="LockPostgreSql"/> took.</summary>
    public const string UnlockPostgreSql = "SELECT pg_advisory_unlock(@Key);";

    public static string CreateJournal(BookDataProvider provider) =>
        provider == BookDataProvider.PostgreSql ? CreateJournalPostgreSql : CreateJournalSqlite;

    public static string JournalExists(BookDataProvider provider) =>
        provider == BookDataProvider.PostgreSql ? JournalExistsPostgreSql : JournalExistsSqlite;

    public static string CountSchemaObjects(BookDataProvider provider) =>
        provider == BookDataProvider.PostgreSql ? CountSchemaObjectsPostgreSql : CountSchemaObjectsSqlite;

    /// <summary>
    /// Every row whose foreign key points to no parent row, grouped by table: the child table, the parent
    /// table, how many rows and the smallest rowid (<c>NULL</c> for a <c>WITHOUT ROWID</c> table).
    /// </summary>
    public const string DanglingRowsSqlite = """
        SELECT fk."table" AS ChildTable, fk.parent AS ParentTable, count(*) AS Rows, min(fk.rowid) AS FirstRowId
        FROM pragma_foreign_key_check AS fk
        GROUP BY fk."table", fk.parent
        ORDER BY fk."table", fk.parent;
        """;

    /// <summary>Turns foreign key enforcement off; does nothing inside a transaction.</summary>
    public const string ForeignKeysOffSqlite = "PRAGMA foreign_keys = OFF;";

    /// <summary>Turns foreign key enforcement on; does nothing inside a transaction.</summary>
    public const string ForeignKeysOnSqlite = "PRAGMA foreign_keys = ON;";

    /// <summary>1 when the connection enforces foreign keys, else 0.</summary>
    public const string ForeignKeysStateSqlite = "PRAGMA foreign_keys;";

    /// <summary>1 when ALTER TABLE RENAME behaves as before SQLite 3.26 (a script may set it), else 0.</summary>
    public const string LegacyAlterTableStateSqlite = "PRAGMA legacy_alter_table;";

    /// <summary>Puts ALTER TABLE RENAME back to SQLite's default behaviour.</summary>
    public const string LegacyAlterTableOffSqlite = "PRAGMA legacy_alter_table = OFF;";
}
