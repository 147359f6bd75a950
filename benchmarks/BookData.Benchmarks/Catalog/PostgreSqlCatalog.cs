using BookData.Connections;
using BookData.Migrations;
using Npgsql;
using NpgsqlTypes;

namespace BookData.Benchmarks.Catalog;

/// <summary>
/// A generated catalog copied row for row, ids included, into a PostgreSQL database that BookData's
/// migrator creates and migrates: the same authors, books, publishers and links as the SQLite file, so
/// both providers answer the same questions with the same results.
/// </summary>
public sealed class PostgreSqlCatalog
{
    /// <summary>The environment variable holding the Npgsql connection string of the benchmark server.</summary>
    public const string ConnectionVariable = "BOOKDATA_BENCH_POSTGRES";

    private PostgreSqlCatalog(BookDataOptions options) => Options = options;

    /// <summary>BookData's defaults for this database.</summary>
    public BookDataOptions Options { get; }

    /// <summary>The benchmark server's connection string, or <see langword="null"/> when the variable is not set.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// Creates (or empties) the database <c>DATABASE_books_N</c> (DATABASE from the connection string) and
    /// copies <paramref name="source"/> into it with binary COPY, then vacuums and analyzes it.
    /// </summary>
    public static PostgreSqlCatalog Create(BenchmarkCatalog source, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Database = $"{builder.Database ?? "bookdata"}_books_{source.Shape.Books}";
        var options = new BookDataOptions { ConnectionString = builder.ConnectionString }.UsePostgreSql();
        new BookDataMigrator(new BookDataConnectionFactory(options)).MigrateAsync().GetAwaiter().GetResult();

        builder.Pooling = false;
        using var target = new NpgsqlConnection(builder.ConnectionString);
        target.Open();
        Execute(target, "TRUNCATE book_publisher, book, author, publisher;");
        using var sqlite = source.OpenPlain();
        Copy(sqlite, target, "SELECT author_id, first_name, last_name FROM author ORDER BY author_id;", "COPY author (author_id, first_name, last_name) FROM STDIN (FORMAT BINARY)");
        Copy(sqlite, target, "SELECT publisher_id, name FROM publisher ORDER BY publisher_id;", "COPY publisher (publisher_id, name) FROM STDIN (FORMAT BINARY)");
        Copy(sqlite, target, "SELECT book_id, author_id, title FROM book ORDER BY book_id;", "COPY book (book_id, author_id, title) FROM STDIN (FORMAT BINARY)");
        Copy(sqlite, target, "SELECT book_id, publisher_id FROM book_publisher ORDER BY book_id, publisher_id;", "COPY book_publisher (book_id, publisher_id) FROM STDIN (FORMAT BINARY)");
        foreach (var (table, id) in new[] { ("author", "author_id"), ("publisher", "publisher_id"), ("book", "book_id") })
        {
            Execute(target, $"SELECT setval(pg_get_serial_sequence('{table}', '{id}'), (SELECT max({id}) FROM {table}));");
        }

        Execute(target, "VACUUM ANALYZE;");
        NpgsqlConnection.ClearAllPools();
        return new PostgreSqlCatalog(options);
    }

    private static void Copy(Microsoft.Data.Sqlite.SqliteConnection source, NpgsqlConnection target, string select, string copy)
    {
        using var command = source.CreateCommand();
        command.CommandText = select;
        using var reader = command.ExecuteReader();
        using var writer = target.BeginBinaryImport(copy);
        while (reader.Read())
        {
            writer.StartRow();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetFieldType(i) == typeof(string))
                {
                    writer.Write(reader.GetString(i), NpgsqlDbType.Text);
                }
                else
                {
                    writer.Write(reader.GetInt64(i), NpgsqlDbType.Bigint);
                }
            }
        }

        writer.Complete();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
