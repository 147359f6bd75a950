namespace BookData.Tests.Support;

/// <summary>Reads what a catalog database holds, with plain SQL, for comparing before and after.</summary>
public static class CatalogDump
{
    /// <summary>Every row of every catalog table (ids included) and the schema (SQLite's sqlite_schema; PostgreSQL's columns, indexes, constraints and views), as sorted text lines.</summary>
    public static async Task<IReadOnlyList<string>> AllRowsAsync(TestDatabase db)
    {
        var lines = new List<string>();
        lines.AddRange((await QueryAsync(db, "SELECT 'author', author_id, first_name, last_name FROM author")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'publisher', publisher_id, name FROM publisher")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'book', book_id, author_id, title FROM book")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'link', book_id, publisher_id FROM book_publisher")).Select(Join));
        lines.AddRange((await QueryAsync(db, db.Provider == BookDataProvider.PostgreSql ? PostgreSqlSchema : SqliteSchema)).Select(Join));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private const string SqliteSchema = "SELECT 'schema', type, name, sql FROM sqlite_schema";

    // Tables with their columns, then indexes, constraints and views, of the current schema.
    private const string PostgreSqlSchema = """
        SELECT 'schema', 'column', c.table_name, c.column_name, c.udt_name || coalesce(' COLLATE ' || c.collation_name, ''), c.is_nullable, coalesce(c.column_default, '')
        FROM information_schema.columns AS c
        WHERE c.table_schema = current_schema()
        UNION ALL
        SELECT 'schema', 'index', i.tablename, i.indexname, i.indexdef, '', ''
        FROM pg_catalog.pg_indexes AS i
        WHERE i.schemaname = current_schema()
        UNION ALL
        SELECT 'schema', 'constraint', t.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid), '', ''
        FROM pg_catalog.pg_constraint AS k
        JOIN pg_catalog.pg_class AS t ON t.oid = k.conrelid
        WHERE t.relnamespace = current_schema()::regnamespace
        UNION ALL
        SELECT 'schema', 'view', v.viewname, v.definition, '', '', ''
        FROM pg_catalog.pg_views AS v
        WHERE v.schemaname = current_schema()
        """;

    /// <summary>The catalog as (first, last, title, publisher) rows, one per book–publisher link, sorted.</summary>
    public static async Task<IReadOnlyList<string>> LinksAsync(TestDatabase db) =>
        (await QueryAsync(db, """
            SELECT a.first_name, a.last_name, b.title, p.name
            FROM book_publisher AS bp
            JOIN book AS b ON b.book_id = bp.book_id
            JOIN author AS a ON a.author_id = b.author_id
            JOIN publisher AS p ON p.publisher_id = bp.publisher_id
            ORDER BY 1, 2, 3, 4
            """)).Select(row => string.Join('|', row)).ToArray();

    /// <summary>Runs a query and returns every row as strings.</summary>
    public static async Task<IReadOnlyList<string[]>> QueryAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.Factory.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Runs a statement that changes the database (for setting up a test).</summary>
    public static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.Factory.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Join(string[] row) => string.Join('|', row);
}
