namespace BookData.Migrations;

/// <summary>The statements the migrator and its journal run against the <c>schema_version</c> table.</summary>
internal static class MigrationSql
{
    /// <summary>Creates the journal table when it does not exist yet.</summary>
    public const string CreateJournal = """
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
    public const string JournalExists = """
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
    public const string CountSchemaObjects = """
        SELECT count(*)
        FROM sqlite_schema;
        """;
}
