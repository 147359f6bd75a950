using System.Globalization;
using System.Text;
using BookData.Books;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

public sealed class SqliteCatalogImporterTests : CatalogImporterTests
{
    private const string Header = "first_name,last_name,title,publisher\n";

    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    /// <summary>
    /// The writer holds back links to books met before and writes them sorted, 65,536 at a time: each book's first
    /// row comes early, its other publishers in later passes over all the books, then the first pass again
    /// (duplicates), more links than one hold, into an empty and a non-empty catalog.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_TensOfThousandsOfLinksToBooksMetBefore_AddsEachLinkOnce(bool catalogHasSome)
    {
        const int Books = 500;
        const int Passes = 160;
        await using var db = await TestDatabase.CreateAsync(Provider);
        var importer = new CatalogImporter(db.Factory);
        if (catalogHasSome)
        {
            using var existing = TempFile.WithText(Header + "Ann,Author,Book 7,Publisher 9\nAnn,Author,Book 450,Publisher 0\nBob,Other,Book 1,Publisher 1\n");
            await importer.ImportAsync(existing.Path);
        }

        var text = new StringBuilder(Header);
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pass in Enumerable.Range(0, Passes).Append(0))
        {
            for (var book = 0; book < Books; book++)
            {
                var publisher = (book + pass) % 200;
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Ann,Author,Book {book},Publisher {publisher}\n");
                expected.Add($"Ann|Author|Book {book}|Publisher {publisher}");
            }
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await importer.ImportAsync(file.Path);

        var linksBefore = catalogHasSome ? 2 : 0;
        summary.Should().BeEquivalentTo(new
        {
            RowsRead = (long)Books * (Passes + 1),
            BooksAdded = catalogHasSome ? Books - 2L : Books,
            LinksAdded = ((long)Books * Passes) - linksBefore,
        });
        if (catalogHasSome)
        {
            expected.Add("Bob|Other|Book 1|Publisher 1");
        }

        // Sorted and compared in order: an order-free comparison of 80,000 strings compares each with each.
        (await CatalogDump.LinksAsync(db)).Order(StringComparer.Ordinal).Should().Equal(expected);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    /// <summary>
    /// Into an empty catalog the title and links-by-publisher indexes are built after the load, with a page
    /// cache small enough that SQLite's sorter spills them into several runs and merges those. Enough rows
    /// for several runs: every index must still hold exactly its table's rows, in order.
    /// </summary>
    [Fact]
    public async Task ImportAsync_EmptyCatalogLargerThanOneSortRun_BuildsIndexesThatMatchTheirTables()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        const int rows = 60_000;
        var text = new StringBuilder("first_name,last_name,title,publisher\n");
        for (var i = 0; i < rows; i++)
        {
            // Titles in no particular order, so the sort has work to do; every book has one or two publishers.
            var book = (i * 7919) % 40_000;
            text.Append(CultureInfo.InvariantCulture, $"First{book % 300},Last{book % 500},A rather long title number {book:x5} of the catalog,Publisher {i % 97}\n");
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.LinksAdded.Should().Be(rows);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        (await CatalogDump.QueryAsync(db, "SELECT count(*) FROM book INDEXED BY ix_book_title WHERE title >= ''"))
            .Should().ContainSingle().Which.Should().Equal(summary.BooksAdded.ToString(CultureInfo.InvariantCulture));
        (await CatalogDump.QueryAsync(db, "SELECT count(*) FROM book_publisher INDEXED BY ix_book_publisher_publisher WHERE publisher_id > 0"))
            .Should().ContainSingle().Which.Should().Equal(rows.ToString(CultureInfo.InvariantCulture));
        var books = new BookRepository(db.Factory);
        (await books.SearchByTitleAsync("OF THE CATALOG")).TotalCount.Should().Be(summary.BooksAdded);
        (await books.SearchByTitleAsync("number 01f0f")).Items.Should().ContainSingle()
            .Which.Title.Should().Be("A rather long title number 01f0f of the catalog");
    }

    /// <summary>
    /// Into an empty catalog the title search index is built beside the other indexes and put in place of the
    /// catalog's empty one. A pooled connection that searched the empty catalog before (and so holds the empty
    /// index's structure in memory) must find the imported books afterwards, and the books added after the import too.
    /// </summary>
    [Fact]
    public async Task ImportAsync_EmptyCatalogSearchedBeforeOnThePooledConnection_SearchFindsImportedAndLaterBooks()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        (await books.SearchByTitleAsync("silent")).TotalCount.Should().Be(0);
        var text = new StringBuilder(Header);
        for (var i = 0; i < 5000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"First{i % 70},Last{i % 30},The Silent Book {i:x4},Publisher {i % 9}\n");
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);
        await books.AddBookAsync(BookData.Authors.AuthorName.Create("Late", "Comer"), "A Silent Afterword", "Ace");

        summary.BooksAdded.Should().Be(5000);
        (await books.SearchByTitleAsync("silent")).TotalCount.Should().Be(5001);
        (await books.SearchByTitleAsync("book 0a1f")).Items.Should().ContainSingle().Which.Title.Should().Be("The Silent Book 0a1f");
        (await books.SearchByTitleAsync("afterword")).Items.Should().ContainSingle();
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    /// <summary>
    /// The import sets an index or trigger aside only when its definition is exactly the one it knows: each one it
    /// knows must be what the migrations create, or an import would quietly keep it live (the title search trigger
    /// would then index every book one by one).
    /// </summary>
    [Fact]
    public async Task DeferrableIndexes_EachDefinition_IsTheOneTheMigrationsCreate()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        var stored = (await CatalogDump.QueryAsync(db, "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL"))
            .ToDictionary(row => row[0], row => row[1]);

        foreach (var index in ImportSql.DeferrableIndexes)
        {
            stored.Should().ContainKey(index.Name).WhoseValue.Should().Be(index.Create);
        }

        ImportSql.DeferrableIndexes.Select(index => index.Name).Should().Contain("book_title_fts_insert");
    }

    /// <summary>
    /// The fill of the title search index gathers more in memory than FTS5's default; afterwards the index's stored
    /// settings are as they were (none, or the owner's own), so the catalog keeps no trace of the import's.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData(2_097_152L)]
    public async Task ImportAsync_EmptyCatalog_LeavesTheTitleSearchIndexSettingsAsTheyWere(long? ownHashSize)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        if (ownHashSize is { } bytes)
        {
            await CatalogDump.ExecuteAsync(db, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO book_title_fts (book_title_fts, rank) VALUES ('hashsize', {bytes});"));
        }

        var before = await CatalogDump.QueryAsync(db, "SELECT k, v FROM book_title_fts_config ORDER BY k");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(SampleCatalog.CsvPath);

        summary.BooksAdded.Should().BeGreaterThan(0);
        (await CatalogDump.QueryAsync(db, "SELECT k, v FROM book_title_fts_config ORDER BY k")).Should().BeEquivalentTo(before, options => options.WithStrictOrdering());
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        var anyTitle = (await CatalogDump.QueryAsync(db, "SELECT title FROM book ORDER BY book_id LIMIT 1")).Single()[0];
        (await new BookRepository(db.Factory).SearchByTitleAsync(anyTitle)).Items.Should().Contain(book => book.Title == anyTitle);
    }

    /// <summary>
    /// SQLite's ids end at long.MaxValue: when a table's largest id is that, the import cannot number a new row there.
    /// It says so and writes nothing, instead of numbering the book below zero; rows that need no new id still import.
    /// </summary>
    [Fact]
    public async Task ImportAsync_BookIdsAtTheLargestSqliteAllows_ThrowsNamingTheLimitAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await CatalogDump.ExecuteAsync(db, """
            INSERT INTO author (author_id, first_name, last_name) VALUES (1, 'Ann', 'Author');
            INSERT INTO publisher (publisher_id, name) VALUES (1, 'Ace');
            INSERT INTO book (book_id, author_id, title) VALUES (9223372036854775807, 1, 'The Last Id');
            """);
        var before = await CatalogDump.AllRowsAsync(db);
        using var newBook = TempFile.WithText("first_name,last_name,title,publisher\nAnn,Author,One More,Ace\n");
        using var known = TempFile.WithText("first_name,last_name,title,publisher\nAnn,Author,The Last Id,Ace\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(newBook.Path);

        (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which.Message.Should().Be(
            "The catalog's book ids have reached the largest SQLite allows (9223372036854775807), so the import cannot number a new book; nothing was written.");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
        (await new CatalogImporter(db.Factory).ImportAsync(known.Path)).LinksAdded.Should().Be(1);
    }
}
