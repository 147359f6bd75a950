using Microsoft.Data.Sqlite;

namespace BookData.Import.Sqlite;

/// <summary>
/// Builds the title search index of an import into an empty catalog on a thread and a connection of its own,
/// while the import's connection builds the other indexes it set aside: once the load has ended, the new books'
/// titles (read from the import's own lookup, <see cref="CatalogIds.Books"/>, in id order) go into an FTS5 table of
/// the same definition in a private in-memory database. When the import reaches the search index, that table's
/// rows (FTS5's <c>_data</c> and <c>_idx</c> tables: the segments and their term index) are copied into the
/// catalog's search table, created again empty, inside the import's transaction. The catalog then holds the index
/// the one-statement fill would have written, and that fill's second on one core runs beside the index builds.
/// </summary>
/// <remarks>
/// <para>
/// The copy relies on both tables having the same definition (the catalog's own <c>CREATE VIRTUAL TABLE</c>
/// text) and the same SQLite library, which writes the same format. The catalog's table is dropped and created
/// again before the copy: a connection that has read an FTS5 table keeps its structure in memory, and only a new
/// table makes every connection, the import's own included, read the copied one.
/// </para>
/// <para>
/// Titles are inserted one statement each: FTS5 writes its pending entries out as a segment at every statement
/// savepoint, which a single-row insert does not open, so the segments come out as large as the bulk fill's.
/// Whatever goes wrong on the side (an index larger than <see cref="MaxIndexBytes"/>, no memory, a refused statement) is kept, not thrown:
/// <see cref="TryCopyInto"/> then reports failure and the import fills the index itself, as it would without this.
/// </para>
/// </remarks>
internal sealed class DetachedTitleSearch : IDisposable
{
    /// <summary>Titles inserted between two looks at whether the build should stop.</summary>
    private const int TitlesBetweenStopChecks = 4096;

    /// <summary>
    /// The most the in-memory database of the build may grow to, in bytes: the finished index of 700,000 titles of the
    /// benchmark takes 16 MiB, but titles of hundreds of characters each in a script of many letters can make one many
    /// times the size of the file. A build that would grow beyond this fails, and the import fills the index on its own
    /// connection, in the catalog's file rather than in memory.
    /// </summary>
    public const long MaxIndexBytes = 48L * 1024 * 1024;

    /// <summary>The page size of the build's in-memory database.</summary>
    private const int PageBytes = 4096;

    private readonly string createTable;
    private readonly Utf8IdLookup books;
    private readonly long firstBookId;
    private readonly int count;
    private readonly long maxIndexBytes;
    private readonly Thread thread;
    private readonly SqliteConnection side = new("Data Source=:memory:;Pooling=False");
    private volatile bool stopping;
    private Exception? failure;
    private bool finished;

    private DetachedTitleSearch(string createTable, Utf8IdLookup books, long firstBookId, int count, long maxIndexBytes)
    {
        this.createTable = createTable;
        this.books = books;
        this.firstBookId = firstBookId;
        this.count = count;
        this.maxIndexBytes = maxIndexBytes;
        thread = new Thread(Build) { IsBackground = true, Name = "BookData title search build" };
    }

    /// <summary>
    /// Starts building the index of the books numbered <paramref name="firstBookId"/> to
    /// <paramref name="firstBookId"/> + <paramref name="count"/> − 1, whose titles <paramref name="books"/> holds.
    /// Nothing may change <paramref name="books"/> until the build has stopped.
    /// </summary>
    /// <param name="createTable">The catalog's <c>CREATE VIRTUAL TABLE</c> statement of the title search table, as <c>sqlite_schema</c> stores it.</param>
    /// <param name="books">The import's book lookup, complete: the load has ended.</param>
    /// <param name="firstBookId">The first id the import gave a book.</param>
    /// <param name="count">The books the import wrote, numbered from <paramref name="firstBookId"/> without a gap.</param>
    /// <param name="maxIndexBytes">The most the build's in-memory database may grow to (<see cref="MaxIndexBytes"/>).</param>
    public static DetachedTitleSearch Start(string createTable, Utf8IdLookup books, long firstBookId, int count, long maxIndexBytes = MaxIndexBytes)
    {
        var search = new DetachedTitleSearch(createTable, books, firstBookId, count, maxIndexBytes);
        search.thread.Start();
        return search;
    }

    /// <summary>Whether the build ran to its end without a failure (meaningful once it has stopped).</summary>
    public bool IsBuilt => finished && failure is null;

    /// <summary>What ended the build early, if anything did (meaningful once it has stopped).</summary>
    public Exception? Failure => failure;

    /// <summary>
    /// Waits for the index and copies it into the catalog's title search table, which this drops and creates again
    /// with <see cref="createTable"/>; the caller's transaction holds it all.
    /// </summary>
    /// <returns><see langword="false"/> when the building failed; the catalog's table is then untouched.</returns>
    /// <exception cref="SqliteException">The catalog's connection refused a statement of the copy.</exception>
    public bool TryCopyInto(SqliteConnection connection, SqliteTransaction transaction)
    {
        thread.Join();
        if (!IsBuilt)
        {
            return false;
        }

        Run(connection, transaction, ImportSql.DropTitleSearch);
        Run(connection, transaction, createTable);
        Run(connection, transaction, ImportSql.ClearTitleSearchSegments);
        Copy(ImportSql.SelectTitleSearchData, connection, transaction, ImportSql.InsertTitleSearchData);
        Copy(ImportSql.SelectTitleSearchTerms, connection, transaction, ImportSql.InsertTitleSearchTerms);
        return true;
    }

    /// <summary>Stops the building thread (if it still runs) and lets go of the in-memory database.</summary>
    public void Dispose()
    {
        stopping = true;
        thread.Join();
        side.Dispose();
    }

    private void Build()
    {
        try
        {
            var keys = books.KeysFrom(firstBookId, count);
            side.Open();
            Run(side, null, FormattableString.Invariant($"PRAGMA page_size = {PageBytes}; PRAGMA max_page_count = {Math.Max(1, maxIndexBytes / PageBytes)};"));
            Run(side, null, createTable);
            using (var hashSize = side.CreateCommand())
            {
                hashSize.CommandText = ImportSql.SetTitleSearchHashSize;
                hashSize.Parameters.AddWithValue("@Bytes", ImportSql.TitleSearchFillHashBytes);
                hashSize.ExecuteNonQuery();
            }

            Run(side, null, "BEGIN;");
            using (var insert = new NativeStatement(side, ImportSql.InsertTitleSearchEntry))
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    if (i % TitlesBetweenStopChecks == 0 && stopping)
                    {
                        return;
                    }

                    var title = books.NameOf(keys[i]);
                    if (title.IsEmpty)
                    {
                        // Every book has a title: an empty one means the lookup lacks this id, and the index would lack the book.
                        throw new InvalidOperationException($"The import's lookup holds no title for book {firstBookId + i}.");
                    }

                    insert.Bind(1, firstBookId + i);
                    insert.Bind(2, title);
                    insert.Execute();
                }
            }

            Run(side, null, "COMMIT;");
            finished = true;
        }
        catch (Exception error)
        {
            failure = error;
        }
    }

    private void Copy(string select, SqliteConnection connection, SqliteTransaction transaction, string insert)
    {
        using var read = side.CreateCommand();
        read.CommandText = select;
        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = insert;
        using var reader = read.ExecuteReader();
        var parameters = new SqliteParameter[reader.FieldCount];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = write.Parameters.Add(new SqliteParameter { ParameterName = $"${i + 1}" });
        }

        while (reader.Read())
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = reader.GetValue(i);
            }

            write.ExecuteNonQuery();
        }
    }

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
