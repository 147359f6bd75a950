namespace BookData.Tests.Support;

/// <summary>Reads what a catalog database holds, with plain SQL, for comparing before and after.</summary>
public static class CatalogDump
{
    /// <summary>Every row of every catalog table (ids included) and the schema, as sorted text lines.</summary>
    public static async Task<IReadOnlyList<string>> AllRowsAsync(TestDatabase db)
    {
        var lines = new List<string>();
        lines.AddRange((await QueryAsync(db, "SELECT 'author', author_id, first_name, last_name FROM author")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'publisher', publisher_id, name FROM publisher")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'book', book_id, author_id, title FROM book")).Select(Join));
        lines.AddRange((await QueryAsync(db, "SELECT 'link', book_id, publisher_id FROM book_publisher")).Select(Join));
        lines.AddRange((await SchemaAsync(db)).Select(row => "schema|" + Join(row)));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>
    /// The schema as (kind, name, definition) rows sorted by kind and name: <c>sqlite_schema</c> on SQLite; tables,
    /// views, indexes and constraints of the public schema on PostgreSQL.
    /// </summary>
    public static async Task<IReadOnlyList<string[]>> SchemaAsync(TestDatabase db) =>
        await QueryAsync(db, db.Provider == BookDataProvider.PostgreSql
            ? """
              SELECT kind, name, definition FROM (
                  SELECT 'index' AS kind, indexname::text AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'
                  UNION ALL
                  SELECT lower(table_type), table_name::text, '' FROM information_schema.tables WHERE table_schema = 'public'
                  UNION ALL
                  SELECT 'constraint', conname::text, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              ) AS s
              ORDER BY kind COLLATE "C", name COLLATE "C"
              """
            : "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");

    /// <summary>
    /// What is wrong with the stored data, empty when nothing is: SQLite's <c>PRAGMA integrity_check</c> and
    /// <c>PRAGMA foreign_key_check</c>; on PostgreSQL indexes left invalid and rows whose foreign keys point nowhere.
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
