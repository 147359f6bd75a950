namespace BookData.Tests.Support;

/// <summary>Reads what a catalog database holds, with plain SQL, for comparing before and after.</summary>
public static class CatalogDump
{
    /// <summary>Every row of every catalog table (ids included) and the schema (SQLite's sqlite_schema; PostgreSQL's columns, indexes, constraints and views), as sorted text lines.</summary>
    public static async Task<IReadOnlyList<string>> AllRowsAsync(TestDatabase db)
    {
        var lines = new List<string>(await DataRowsAsync(db));
        lines.AddRange((await SchemaAsync(db)).Select(Join));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Every row of every catalog table, ids included, as sorted text lines (<c>author|1|Isaac|Asimov</c>); the same statements on either provider.</summary>
    public static async Task<IReadOnlyList<string>> DataRowsAsync(TestDatabase db)
    {
        var lines = new List<string>();
        lines.AddRange((await QueryAsync(db, "SELECT 'author', author_id, first_name, last_name FROM author")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'publisher', publisher_id, name FROM publisher")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'book', book_id, author_id, title FROM book")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'link', book_id, publisher_id FROM book_publisher")).Select(Join));
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

    /// <summary>
    /// The schema as rows starting with <c>schema</c>, sorted: SQLite's <c>sqlite_schema</c>; PostgreSQL's columns,
    /// indexes, constraints and views of the current schema.
    /// </summary>
    public static async Task<IReadOnlyList<string[]>> SchemaAsync(TestDatabase db) =>
        (await QueryAsync(db, db.Provider == BookDataProvider.PostgreSql ? PostgreSqlSchema : SqliteSchema))
            .OrderBy(Join, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// What is wrong with the stored data, empty when nothing is: SQLite's <c>PRAGMA integrity_check</c> and
    /// <c>PRAGMA foreign_key_check</c> and the title search index's <c>integrity-check</c>; on PostgreSQL indexes left invalid and rows whose foreign keys point nowhere.
    /// </summary>
    public static async Task<IReadOnlyList<string>> IntegrityProblemsAsync(TestDatabase db)
    {
        if (db.Provider == BookDataProvider.PostgreSql)
        {
            return (await QueryAsync(db, """
                SELECT 'invalid index ' || indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid OR NOT indisready
                UNION ALL
                SELECT 'book ' || b.book_id || ' has no author' FROM book AS b LEFT JOIN author AS a ON a.author_id = b.author_id WHERE a.author_id IS NULL
                UNION ALL
                SELECT 'link ' || bp.book_id || '-' || bp.publisher_id || ' points nowhere' FROM book_publisher AS bp
                LEFT JOIN book AS b ON b.book_id = bp.book_id LEFT JOIN publisher AS p ON p.publisher_id = bp.publisher_id
                WHERE b.book_id IS NULL OR p.publisher_id IS NULL
                """)).Select(Join).ToArray();
        }

        var problems = (await QueryAsync(db, "PRAGMA integrity_check")).Select(Join).Where(line => line != "ok").ToList();
        problems.AddRange((await QueryAsync(db, "PRAGMA foreign_key_check")).Select(row => "foreign key " + Join(row)));
        if (await db.TableExistsAsync("book_title_fts"))
        {
            try
            {
                // rank 1: also checks that the index holds exactly the titles of the book table.
                await ExecuteAsync(db, "INSERT INTO book_title_fts (book_title_fts, rank) VALUES ('integrity-check', 1);");
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                problems.Add("title search index: " + ex.Message);
            }
        }

        return problems;
    }

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
