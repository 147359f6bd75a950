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

    /// <summary>1 when the journal table exists, else 0.</summary>
    public const string JournalExistsSqlite = """
        SELECT count(*)
        FROM sqlite_schema
        WHERE type = 'table' AND name = 'schema_version';
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

    /// <summary>A table's definition as <c>sqlite_schema</c> holds it (<c>@Table</c>, matched as SQLite matches names); none if there is no such table.</summary>
    public const string TableDefinitionSqlite = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = @Table COLLATE NOCASE;";

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
