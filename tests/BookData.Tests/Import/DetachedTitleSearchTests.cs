using System.Text;
using BookData.Books;
using BookData.Import;
using BookData.Import.Sqlite;
using BookData.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Import;

/// <summary>
/// The title search index built from the import's book lookup on a connection of its own, then copied into the
/// catalog's search table: it must answer exactly as the index the catalog builds itself, and a build that failed
/// must leave the catalog's table as it was, for the import to fill it the usual way.
/// </summary>
public sealed class DetachedTitleSearchTests
{
    private static readonly string[] Titles =
    [
        "The Stand", "Pet Sematary", "100% Pure", "snake_case and C:\\paths", "Ærø og Ålborg", "Straße der Ölpreise",
        "Emoji 📚 on the shelf", "ÉCOLE des Fans", "the end of THE STAND", "A",
    ];

    /// <summary>
    /// Titles built beside the transaction and copied in: the catalog's index passes FTS5's own check against the
    /// book table, the connection that read the empty index before reads the copied one, and every search finds
    /// what the scan finds.
    /// </summary>
    [Fact]
    public async Task TryCopyInto_TitlesOfTheTransactionsNewBooks_IndexMatchesTheBookTable()
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        var createTable = await CreateTableAsync(db);
        var books = Enumerable.Range(0, 3000).Select(i => (Id: i + 1L, Title: $"{Titles[i % Titles.Length]} {i:x3}")).ToArray();
        await using (var opened = await db.OpenConnectionAsync())
        {
            var connection = (SqliteConnection)opened;
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "DROP TRIGGER book_title_fts_insert; INSERT INTO author (author_id, first_name, last_name) VALUES (1, 'Ann', 'Author');");
            var lookup = new Utf8IdLookup(0);
            foreach (var (id, title) in books)
            {
                Execute(connection, transaction, "INSERT INTO book (book_id, author_id, title) VALUES ($id, 1, $title);", ("$id", id), ("$title", title));
                lookup.Add(1, Encoding.UTF8.GetBytes(title), id);
            }

            using var search = DetachedTitleSearch.Start(createTable, lookup, 1, books.Length);

            // As the import does: the trigger first. Then this connection reads the empty index, and so holds its
            // structure in memory.
            Execute(connection, transaction, ImportSql.CreateTitleSearchInsertTrigger);
            Count(connection, transaction, "SELECT count(*) FROM book_title_fts WHERE title LIKE '%Stand%'").Should().Be(0);

            search.TryCopyInto(connection, transaction).Should().BeTrue();
            transaction.Commit();
            Count(connection, null, "SELECT count(*) FROM book_title_fts WHERE title LIKE '%Stand%'")
                .Should().Be(books.Count(book => book.Title.Contains("Stand", StringComparison.OrdinalIgnoreCase)), "the same connection reads the copied index");
        }

        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        (await CatalogDump.QueryAsync(db, "SELECT sql FROM sqlite_schema WHERE name = 'book_title_fts'")).Single()[0].Should().Be(createTable);
        var repository = new BookRepository(db.Factory);
        foreach (var text in new[] { "the stand", "% Pu", "e_c", ":\\p", "ærø", "ÖLP", "📚 o", "école", "a 00" })
        {
            var found = await repository.SearchByTitleAsync(text, pageSize: 100);
            var scanned = books.Count(book => ContainsAsciiFolded(book.Title, text));
            found.TotalCount.Should().Be(scanned, $"'{text}' is in {scanned} titles");
        }
    }

    /// <summary>
    /// A build that cannot finish (a table definition the side connection cannot create, a book the lookup does
    /// not hold, which would leave it out of the index, or an index larger than the build may hold in memory) reports
    /// failure and leaves the catalog's search table and its rows exactly as they were.
    /// </summary>
    [Theory]
    [InlineData("CREATE VIRTUAL TABLE book_title_fts USING no_such_module (title);", 2, DetachedTitleSearch.MaxIndexBytes)]
    [InlineData(null, 3, DetachedTitleSearch.MaxIndexBytes)]
    [InlineData(null, 2, 4096)]
    public async Task TryCopyInto_BuildFailed_ReturnsFalseAndLeavesTheCatalogsIndexAlone(string? createTable, int books, long maxIndexBytes)
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await new BookRepository(db.Factory).AddBookAsync(BookData.Authors.AuthorName.Create("Ann", "Author"), "Kept Title", "Ace");
        var before = await CatalogDump.QueryAsync(db, "SELECT id, hex(block) FROM book_title_fts_data ORDER BY id");
        var lookup = new Utf8IdLookup(0);
        lookup.Add(1, "Never Indexed"u8, 2);
        lookup.Add(1, "Not Either"u8, 3);
        await using (var opened = await db.OpenConnectionAsync())
        {
            var connection = (SqliteConnection)opened;
            using var transaction = connection.BeginTransaction();
            using var search = DetachedTitleSearch.Start(createTable ?? await CreateTableAsync(db), lookup, 2, books, maxIndexBytes);

            search.TryCopyInto(connection, transaction).Should().BeFalse();
            search.Failure.Should().NotBeNull();
            transaction.Commit();
        }

        (await CatalogDump.QueryAsync(db, "SELECT id, hex(block) FROM book_title_fts_data ORDER BY id")).Should().BeEquivalentTo(before, options => options.WithStrictOrdering());
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        (await new BookRepository(db.Factory).SearchByTitleAsync("kept")).Items.Should().ContainSingle();
    }

    private static async Task<string> CreateTableAsync(TestDatabase db) =>
        (await CatalogDump.QueryAsync(db, "SELECT sql FROM sqlite_schema WHERE name = 'book_title_fts'")).Single()[0];

    /// <summary>The search's rule: ASCII letters fold, everything else compares exactly, white space as stored.</summary>
    private static bool ContainsAsciiFolded(string title, string text) =>
        FoldAscii(title).Contains(FoldAscii(text), StringComparison.Ordinal);

    private static string FoldAscii(string value) =>
        string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });

    private static long Count(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
