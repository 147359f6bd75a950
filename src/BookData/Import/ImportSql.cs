using BookData.Import.Sqlite;

namespace BookData.Import;

/// <summary>The statements of the CSV import's hot path, prepared once per import and run with bound parameters.</summary>
internal static class ImportSql
{
    public const string CatalogSize = """
        SELECT (SELECT count(*) FROM author) AS Authors,
               (SELECT count(*) FROM publisher) AS Publishers,
               (SELECT count(*) FROM book) AS Books,
               (SELECT coalesce(max(author_id), 0) FROM author) AS MaxAuthorId,
               (SELECT coalesce(max(publisher_id), 0) FROM publisher) AS MaxPublisherId,
               (SELECT coalesce(max(book_id), 0) FROM book) AS MaxBookId;
        """;

    public const string SelectAuthors = """
        SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName
        FROM author;
        """;

    public const string SelectPublishers = """
        SELECT publisher_id AS PublisherId, name AS Name
        FROM publisher;
        """;

    public const string SelectBooks = """
        SELECT book_id AS BookId, author_id AS AuthorId, title AS Title
        FROM book;
        """;

    // The inserts name the ids the import assigned; ON CONFLICT DO NOTHING turns a disagreement about
    // identity (which the lookups rule out) into "nothing inserted", which the writer reports as an error.
    public const string InsertAuthor = """
        INSERT INTO author (author_id, first_name, last_name)
        VALUES (@AuthorId, @FirstName, @LastName)
        ON CONFLICT DO NOTHING;
        """;

    public const string InsertPublisher = """
        INSERT INTO publisher (publisher_id, name)
        VALUES (@PublisherId, @Name)
        ON CONFLICT DO NOTHING;
        """;

    public const string InsertBook = """
        INSERT INTO book (book_id, author_id, title)
        VALUES (@BookId, @AuthorId, @Title)
        ON CONFLICT DO NOTHING;
        """;

    public const string InsertLink = """
        INSERT INTO book_publisher (book_id, publisher_id)
        VALUES (@BookId, @PublisherId)
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>
    /// Books written by one run of <see cref="InsertBooks"/>, and links by one run of <see cref="InsertLinks"/>.
    /// Most of a single-row insert's cost is the statement's own (starting the program, opening and closing
    /// its cursors, checking the constraints' setup); a statement for many rows pays it once. Measured at
    /// 1M rows: a book 2.1 µs alone, a link 1 µs alone and 0.35 µs in a statement of 64.
    /// </summary>
    public const int BooksPerInsert = 32;

    /// <inheritdoc cref="BooksPerInsert"/>
    public const int LinksPerInsert = 64;

    /// <summary>
    /// <see cref="InsertBook"/> for <see cref="BooksPerInsert"/> books at once: the id, author and title of
    /// book <c>i</c> (from 0) are parameters <c>3i + 1</c> to <c>3i + 3</c>. Made once, from numbers only.
    /// </summary>
    public static readonly string InsertBooks = $"""
        INSERT INTO book (book_id, author_id, title)
        VALUES {ValuesList(BooksPerInsert, 3)}
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>
    /// <see cref="InsertLink"/> for <see cref="LinksPerInsert"/> links at once: the book and publisher of
    /// link <c>i</c> (from 0) are parameters <c>2i + 1</c> and <c>2i + 2</c>. Made once, from numbers only.
    /// </summary>
    /// <remarks>
    /// <c>OR FAIL</c>: a NOT NULL failure (impossible: the ids are bound by the writer) still fails the statement
    /// with the same error, without undoing the statement's earlier rows, which the import's rollback undoes anyway.
    /// With the default (<c>ABORT</c>) SQLite keeps a statement journal of every page each insert changes; into an
    /// empty catalog (foreign keys checked at the end) this statement needs none: at 200,000 rows with authors
    /// interleaved, 140,000 of the import's 460,000 journal writes were this statement's (docs/benchmarks.md).
    /// </remarks>
    public static readonly string InsertLinks = $"""
        INSERT OR FAIL INTO book_publisher (book_id, publisher_id)
        VALUES {ValuesList(LinksPerInsert, 2)}
        ON CONFLICT DO NOTHING;
        """;

    public const string BookExists = "SELECT 1 FROM book WHERE book_id = @BookId;";

    /// <summary>The title of a book written twice (same author, titles equal as <c>COLLATE NOCASE</c> compares them), if any.</summary>
    public const string SelectDuplicateBook = """
        SELECT title AS Title
        FROM book
        GROUP BY author_id, title
        HAVING count(*) > 1
        LIMIT 1;
        """;

    public const string IsCatalogEmpty = """
        SELECT NOT EXISTS (SELECT 1 FROM author)
           AND NOT EXISTS (SELECT 1 FROM publisher)
           AND NOT EXISTS (SELECT 1 FROM book) AS IsEmpty;
        """;

    public const string ForeignKeysOff = "PRAGMA foreign_keys = OFF;";

    public const string ForeignKeysOn = "PRAGMA foreign_keys = ON;";

    /// <summary>Lists rows of the tables the import writes whose parent does not exist; none is expected.</summary>
    public const string CheckForeignKeys = "SELECT \"table\" AS TableName FROM pragma_foreign_key_check WHERE \"table\" IN ('book', 'book_publisher') LIMIT 1;";

    /// <summary>
    /// 1 when the ids of author, book and publisher are each exactly 1 to the table's row count and every
    /// foreign key of book and book_publisher lies in that range, so every reference has its row; 0 when not
    /// (which proves nothing), and 0 when those tables have foreign keys other than the three it knows (a
    /// later migration's). Each min() and max() is one index lookup; the counts read the smallest index.
    /// </summary>
    public const string ReferencesWithinDenseIds = """
        WITH counts (authors, books, publishers) AS (
            SELECT (SELECT count(*) FROM author), (SELECT count(*) FROM book), (SELECT count(*) FROM publisher)
        )
        SELECT coalesce((SELECT min(author_id) FROM author), 1) >= 1
           AND coalesce((SELECT max(author_id) FROM author), 0) = authors
           AND coalesce((SELECT min(book_id) FROM book), 1) >= 1
           AND coalesce((SELECT max(book_id) FROM book), 0) = books
           AND coalesce((SELECT min(publisher_id) FROM publisher), 1) >= 1
           AND coalesce((SELECT max(publisher_id) FROM publisher), 0) = publishers
           AND coalesce((SELECT min(author_id) FROM book), 1) >= 1
           AND coalesce((SELECT max(author_id) FROM book), 0) <= authors
           AND coalesce((SELECT min(book_id) FROM book_publisher), 1) >= 1
           AND coalesce((SELECT max(book_id) FROM book_publisher), 0) <= books
           AND coalesce((SELECT min(publisher_id) FROM book_publisher), 1) >= 1
           AND coalesce((SELECT max(publisher_id) FROM book_publisher), 0) <= publishers
           AND (SELECT count(*) FROM pragma_foreign_key_list('book')) = 1
           AND (SELECT count(*) FROM pragma_foreign_key_list('book')
                WHERE "from" = 'author_id' AND "table" = 'author' AND coalesce("to", 'author_id') = 'author_id') = 1
           AND (SELECT count(*) FROM pragma_foreign_key_list('book_publisher')) = 2
           AND (SELECT count(*) FROM pragma_foreign_key_list('book_publisher')
                WHERE ("from" = 'book_id' AND "table" = 'book' AND coalesce("to", 'book_id') = 'book_id')
                   OR ("from" = 'publisher_id' AND "table" = 'publisher' AND coalesce("to", 'publisher_id') = 'publisher_id')) = 2 AS Proven
        FROM counts;
        """;

    public const string SelectDeferrableIndexes = """
        SELECT name AS Name, sql AS Sql
        FROM sqlite_schema
        WHERE (type = 'index' AND name IN ('uq_book_author_title', 'ix_book_title', 'ix_book_publisher_publisher'))
           OR (type = 'trigger' AND name = 'book_title_fts_insert');
        """;

    /// <summary>The trigger of migration 0002 that adds each new book's title to the title search index, as <c>sqlite_schema</c> stores it.</summary>
    public const string CreateTitleSearchInsertTrigger = """
        CREATE TRIGGER book_title_fts_insert AFTER INSERT ON book BEGIN
            INSERT INTO book_title_fts (rowid, title) VALUES (new.book_id, new.title);
        END
        """;

    /// <summary>
    /// Fills the empty title search index with every loaded title, in rowid order, in one statement: FTS5 gathers
    /// the trigrams in memory and writes them out in sorted segments. Measured at 700,000 titles: several times faster
    /// than FTS5's <c>'rebuild'</c> command on the same index (docs/benchmarks.md, "Title search index build").
    /// </summary>
    public const string FillTitleSearch = """
        INSERT INTO book_title_fts (rowid, title)
        SELECT book_id, title FROM book ORDER BY book_id;
        """;

    /// <summary>
    /// The memory FTS5 gathers the title search index's entries in before it writes them out as a segment, in bytes,
    /// while the import fills the index (FTS5's default is 1 MiB; fewer, larger segments mean less merging). Measured
    /// at 700,000 titles: the fill 1.2 → 0.95 s with 8 MiB, no faster with 32 MiB.
    /// </summary>
    public const int TitleSearchFillHashBytes = 8 * 1024 * 1024;

    /// <summary>The title search index's <c>hashsize</c> setting, if one is stored (none means FTS5's default).</summary>
    public const string SelectTitleSearchHashSize = "SELECT v FROM book_title_fts_config WHERE k = 'hashsize';";

    /// <summary>Sets the title search index's <c>hashsize</c> (<c>@Bytes</c>), through FTS5 so every connection reloads it.</summary>
    public const string SetTitleSearchHashSize = "INSERT INTO book_title_fts (book_title_fts, rank) VALUES ('hashsize', @Bytes);";

    /// <summary>Removes the stored <c>hashsize</c>, once it has been set back to the default through FTS5: FTS5's default again.</summary>
    public const string ForgetTitleSearchHashSize = "DELETE FROM book_title_fts_config WHERE k = 'hashsize';";

    /// <summary>
    /// The title search table as migration 0002 creates it, in the words <c>sqlite_schema</c> keeps: external content,
    /// no positions and no sizes, so its index is exactly FTS5's <c>_data</c> and <c>_idx</c> tables, which
    /// <see cref="DetachedTitleSearch"/> copies.
    /// </summary>
    public const string CreateTitleSearchTable = """
        CREATE VIRTUAL TABLE book_title_fts USING fts5(
            title,
            content = 'book',
            content_rowid = 'book_id',
            detail = none,
            columnsize = 0,
            tokenize = 'trigram case_sensitive 0 remove_diacritics 0'
        )
        """;

    /// <summary>The title search table's definition, when its settings hold nothing but FTS5's format version (<see cref="DetachedTitleSearch"/>).</summary>
    public const string SelectPlainTitleSearchTable = """
        SELECT sql FROM sqlite_schema
        WHERE type = 'table' AND name = 'book_title_fts'
          AND NOT EXISTS (SELECT 1 FROM book_title_fts_config WHERE k <> 'version');
        """;

    /// <summary>Adds one title to the detached build's table: one row a statement, so FTS5 keeps gathering between statements.</summary>
    public const string InsertTitleSearchEntry = "INSERT INTO book_title_fts (rowid, title) VALUES (?1, ?2);";

    /// <summary>Drops the catalog's title search table and its own tables, to create it again empty.</summary>
    public const string DropTitleSearch = "DROP TABLE book_title_fts;";

    /// <summary>Empties a just-created title search table's segments and term index, to take the detached build's.</summary>
    public const string ClearTitleSearchSegments = "DELETE FROM book_title_fts_data; DELETE FROM book_title_fts_idx;";

    /// <summary>The detached build's segments, structure and averages (FTS5's <c>_data</c> table).</summary>
    public const string SelectTitleSearchData = "SELECT id, block FROM book_title_fts_data ORDER BY id;";

    /// <inheritdoc cref="SelectTitleSearchData"/>
    public const string InsertTitleSearchData = "INSERT INTO book_title_fts_data (id, block) VALUES ($1, $2);";

    /// <summary>The detached build's term index of its segments (FTS5's <c>_idx</c> table).</summary>
    public const string SelectTitleSearchTerms = "SELECT segid, term, pgno FROM book_title_fts_idx ORDER BY segid, term;";

    /// <inheritdoc cref="SelectTitleSearchTerms"/>
    public const string InsertTitleSearchTerms = "INSERT INTO book_title_fts_idx (segid, term, pgno) VALUES ($1, $2, $3);";

    /// <summary>FTS5's default <c>hashsize</c>, in bytes.</summary>
    public const int TitleSearchDefaultHashBytes = 1024 * 1024;

    /// <summary>
    /// The indexes an import into an empty catalog builds after the load rather than keeping them current
    /// row by row: titles arrive in random order (a page cache miss per row when kept live), links by
    /// publisher land in a thousand places at once, and when a file's authors are interleaved so do the
    /// books' (author, title) keys. Sorting once at the end is cheaper for all three (measured at 1M rows:
    /// the load 1.3 s faster, the two secondary builds 0.8 s; on an interleaved file the books' keys cost the
    /// load 3.6 CPU-seconds, their build 0.5 s). <c>uq_book_author_title</c> is unique: its build fails if the
    /// load wrote one book twice, which <see cref="CatalogImportWriter"/> reports. The title search index of
    /// migration 0002 is kept by triggers: the insert trigger is set aside instead, and the index built from the
    /// loaded titles on a connection of its own while the other indexes are built, then copied in
    /// (<see cref="Sqlite.DetachedTitleSearch"/>), or, should that fail, filled in one pass (<see cref="FillTitleSearch"/>);
    /// the delete and update triggers never fire during an import.
    /// <c>Create</c> is compared with the definition stored in <c>sqlite_schema</c>; an index a later
    /// migration changed is left alone.
    /// </summary>
    public static readonly IReadOnlyList<DeferrableIndex> DeferrableIndexes =
    [
        new("uq_book_author_title", "CREATE UNIQUE INDEX uq_book_author_title ON book (author_id, title)", "DROP INDEX uq_book_author_title;"),
        new("ix_book_title", "CREATE INDEX ix_book_title ON book (title)", "DROP INDEX ix_book_title;"),
        new("ix_book_publisher_publisher", "CREATE INDEX ix_book_publisher_publisher ON book_publisher (publisher_id)", "DROP INDEX ix_book_publisher_publisher;"),
        new("book_title_fts_insert", CreateTitleSearchInsertTrigger, "DROP TRIGGER book_title_fts_insert;", FillTitleSearch),
    ];

    /// <summary><c>(?1, ?2), (?3, ?4), …</c>: <paramref name="rows"/> rows of <paramref name="columns"/> numbered parameters.</summary>
    private static string ValuesList(int rows, int columns) =>
        string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range((row * columns) + 1, columns).Select(n => $"?{n}")) + ")"));
}
