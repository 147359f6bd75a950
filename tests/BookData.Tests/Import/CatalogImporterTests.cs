using System.Globalization;
using System.Text;
using BookData.Authors;
using BookData.Books;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

/// <summary>The CSV import on each provider: the same catalog, summary and guarantees on SQLite and PostgreSQL.</summary>
public abstract class CatalogImporterTests
{
    private const string Header = "first_name,last_name,title,publisher\n";

    internal static string SamplePath => Path.Combine(AppContext.BaseDirectory, "TestData", "author_book_publisher.csv");

    /// <summary>The provider the tests run against.</summary>
    protected abstract BookDataProvider Provider { get; }

    /// <summary>A new migrated database for one test: straight to the server, or through a pooler in the pooled subclass.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    /// <summary>
    /// Whether names that differ only in the case of non-ASCII letters (É / é) are the same name: PostgreSQL's
    /// citext folds every Unicode letter, SQLite's NOCASE only ASCII ones.
    /// </summary>
    protected virtual bool FoldsNonAsciiCase => false;

    /// <summary>
    /// Rows are matched to ids a batch of rows at a time. Over several batches, with authors interleaved, names
    /// spelt in other cases, a catalog that holds some of them already, and bad rows skipped among the good ones,
    /// the catalog must hold exactly what matching the good rows one by one, in file order, gives: every entity
    /// once, in its first spelling, numbered in the order it first appears.
    /// </summary>
    [ProviderFact]
    public async Task ImportAsync_RowsOverSeveralBatchesWithBadRowsSkipped_MatchThemOneByOneInFileOrder()
    {
        await using var db = await CreateDatabaseAsync();
        var importer = new CatalogImporter(db.Factory);
        var rows = new List<(string First, string Last, string Title, string Publisher)> { ("Ann3", "Lee3", "Title 7", "Press 2") };
        using (var existing = TempFile.WithText(Header + "Ann3,Lee3,Title 7,Press 2\n"))
        {
            await importer.ImportAsync(existing.Path);
        }

        var text = new StringBuilder(Header);
        for (var i = 0; i < 7000; i++)
        {
            var author = i * 7919 % 300;
            var row = (
                First: i % 3 == 0 ? $"ANN{author}" : $"Ann{author}",
                Last: $"Lee{author}",
                Title: i % 11 == 5 ? "" : $"{(i % 2 == 0 ? "title" : "Title")} {i * 31 % 40}",
                Publisher: $"{(i % 5 == 0 ? "PRESS" : "Press")} {i % 13}");
            text.Append(CultureInfo.InvariantCulture, $"{row.First},{row.Last},{row.Title},{row.Publisher}\n");
            if (row.Title.Length > 0)
            {
                rows.Add(row);
            }
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await importer.ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().HaveCount(7000 - (rows.Count - 1));
        (await CatalogDump.DataRowsAsync(db)).Should().Equal(ModelCatalog(rows));
    }

    /// <summary>The catalog that matching <paramref name="rows"/> one by one gives: ASCII letters fold, the first spelling stays, ids in order of first appearance.</summary>
    private static List<string> ModelCatalog(IEnumerable<(string First, string Last, string Title, string Publisher)> rows)
    {
        var authors = new Dictionary<string, (int Id, string Line)>(StringComparer.OrdinalIgnoreCase);
        var publishers = new Dictionary<string, (int Id, string Line)>(StringComparer.OrdinalIgnoreCase);
        var books = new Dictionary<string, (int Id, string Line)>(StringComparer.OrdinalIgnoreCase);
        var links = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (first, last, title, publisher) in rows)
        {
            var author = Entity(authors, $"{last}|{first}", id => $"author|{id}|{first}|{last}");
            var publisherId = Entity(publishers, publisher, id => $"publisher|{id}|{publisher}");
            var book = Entity(books, $"{author}|{title}", id => $"book|{id}|{author}|{title}");
            links.Add($"link|{book}|{publisherId}");
        }

        var lines = authors.Values.Concat(publishers.Values).Concat(books.Values).Select(entity => entity.Line).Concat(links).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;

        static int Entity(Dictionary<string, (int Id, string Line)> entities, string key, Func<int, string> line)
        {
            if (!entities.TryGetValue(key, out var entity))
            {
                entity = (entities.Count + 1, line(entities.Count + 1));
                entities[key] = entity;
            }

            return entity.Id;
        }
    }

    [ProviderFact]
    public async Task ImportAsync_SampleFile_GivesTheDesignFigures()
    {
        await using var db = await CreateDatabaseAsync();

        var summary = await new CatalogImporter(db.Factory).ImportAsync(SamplePath);

        summary.Should().BeEquivalentTo(new { RowsRead = 12L, AuthorsAdded = 7L, BooksAdded = 10L, PublishersAdded = 4L, LinksAdded = 12L, RowsImported = 12L });
        summary.SkippedRows.Should().BeEmpty();
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("publisher")).Should().Be(4);
        (await db.CountAsync("book_publisher")).Should().Be(12);
        (await db.CountAsync("author_publisher")).Should().Be(10);
    }

    [ProviderFact]
    public async Task ImportAsync_SampleFile_GivesTheTutorialsPublisherReports()
    {
        await using var db = await CreateDatabaseAsync();

        await new CatalogImporter(db.Factory).ImportAsync(SamplePath);

        var books = await CatalogDump.QueryAsync(db, """
            SELECT p.name, count(*) FROM publisher AS p JOIN book_publisher AS bp ON bp.publisher_id = p.publisher_id
            GROUP BY p.publisher_id ORDER BY 2 DESC, 1
            """);
        var authors = await CatalogDump.QueryAsync(db, """
            SELECT p.name, count(*) FROM publisher AS p JOIN author_publisher AS ap ON ap.publisher_id = p.publisher_id
            GROUP BY p.publisher_id ORDER BY 2 DESC, 1
            """);
        books.Select(row => $"{row[0]}={row[1]}").Should().Equal(
            "Random House=4", "Simon & Schuster=4", "Berkley=2", "Penguin Random House=2");
        authors.Select(row => $"{row[0]}={row[1]}").Should().Equal(
            "Simon & Schuster=4", "Random House=3", "Berkley=2", "Penguin Random House=1");
    }

    [ProviderFact]
    public async Task ImportAsync_QuotedCommasQuotesAndLineBreaks_AreReadAsValues()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(Header
            + "John,Le Carre,\"Tinker, Tailor, Soldier, Spy\",Berkley\n"
            + "Jane,Doe,\"She said \"\"no\"\"\",\"Quote \"\"Press\"\"\"\n"
            + "Ann,Lee,\"Two\nLines\",\"Comma, Inc.\"\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.RowsRead.Should().Be(3);
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Ann|Lee|Two Lines|Comma, Inc.",
            "Jane|Doe|She said \"no\"|Quote \"Press\"",
            "John|Le Carre|Tinker, Tailor, Soldier, Spy|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_ByteOrderMark_IsNotPartOfTheHeader()
    {
        await using var db = await CreateDatabaseAsync();
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "Isaac,Asimov,Foundation,Random House\n")).ToArray();
        using var file = TempFile.WithBytes(bytes);

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.LinksAdded.Should().Be(1);
        (await CatalogDump.LinksAsync(db)).Should().Equal("Isaac|Asimov|Foundation|Random House");
    }

    [ProviderFact]
    public async Task ImportAsync_CrlfLineEndings_AreRead()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(
            "first_name,last_name,title,publisher\r\nIsaac,Asimov,Foundation,Random House\r\nPearl,Buck,\"The Good\r\nEarth\",Simon & Schuster\r\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.RowsRead.Should().Be(2);
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Isaac|Asimov|Foundation|Random House", "Pearl|Buck|The Good Earth|Simon & Schuster");
    }

    [ProviderFact]
    public async Task ImportAsync_ShuffledAndExtraColumns_AreMatchedByNameIgnoringCase()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(
            "Publisher,isbn,TITLE, Last_Name ,year,first_name\n"
            + "Random House,978-0553293357,Foundation,Asimov,1951,Isaac\n");

        await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        (await CatalogDump.LinksAsync(db)).Should().Equal("Isaac|Asimov|Foundation|Random House");
    }

    [ProviderFact]
    public async Task ImportAsync_WhiteSpaceAndCaseVariants_MergeIntoTheFirstSpelling()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(Header
            + "Stephen,King,The  Shining,Random House\n"
            + "  stephen ,KING,the shining,RANDOM\thouse \n"
            + "STEPHEN,king,THE SHINING ,Penguin Random House\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 3L, AuthorsAdded = 1L, BooksAdded = 1L, PublishersAdded = 2L, LinksAdded = 2L });
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Stephen|King|The Shining|Penguin Random House", "Stephen|King|The Shining|Random House");
    }

    [ProviderFact]
    public async Task ImportAsync_NonAsciiLettersInOtherCase_AreOneNameOnlyWhereTheProviderFoldsTheirCase()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(Header
            + "Émile,Zola,Germinal,Éditions\n"
            + "émile,zola,germinal,éditions\n");
        var expected = FoldsNonAsciiCase ? 1L : 2L;

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { AuthorsAdded = expected, BooksAdded = expected, PublishersAdded = expected, LinksAdded = expected });
        (await CatalogDump.LinksAsync(db)).Should().HaveCount((int)expected).And.Contain("Émile|Zola|Germinal|Éditions");
    }

    [ProviderFact]
    public async Task ImportAsync_DuplicateRows_AreStoredOnce()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Isaac,Asimov,Foundation,Random House\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 3L, RowsImported = 3L, AuthorsAdded = 1L, BooksAdded = 1L, PublishersAdded = 1L, LinksAdded = 1L });
        (await db.CountAsync("book_publisher")).Should().Be(1);
    }

    [ProviderFact]
    public async Task ImportAsync_EmptyFirstName_CreatesASingleNameAuthor()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(Header + ",Plato,The Republic,Penguin Classics\n  ,Homer,The Odyssey,Penguin Classics\n");

        await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        (await CatalogDump.QueryAsync(db, "SELECT first_name, last_name FROM author ORDER BY last_name"))
            .Select(row => $"[{row[0]}] {row[1]}").Should().Equal("[] Homer", "[] Plato");
    }

    [ProviderFact]
    public async Task ImportAsync_SameWordsSplitDifferentlyBetweenFirstAndLastName_AreTwoAuthors()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(Header + "\nAnn,Lee Smith,Tides,Harbor Press\nAnn Lee,Smith,Tides,Harbor Press\n,Ann Lee Smith,Tides,Harbor Press\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.AuthorsAdded.Should().Be(3);
        (await CatalogDump.QueryAsync(db, "SELECT first_name, last_name FROM author ORDER BY author_id"))
            .Select(row => $"[{row[0]}] {row[1]}").Should().Equal("[Ann] Lee Smith", "[Ann Lee] Smith", "[] Ann Lee Smith");
    }

    [ProviderFact]
    public async Task ImportAsync_SameTitleByTwoAuthorsOnConsecutiveRows_IsTwoBooks()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText(Header
            + "Stephen,King,It,Viking\n"
            + "Stephen,King,It,Scribner\n"
            + "Stephen,Kingsley,It,Viking\n"
            + "Stephen,King,IT,Hodder\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { AuthorsAdded = 2L, BooksAdded = 2L, PublishersAdded = 3L, LinksAdded = 4L });
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Stephen|King|It|Hodder",
            "Stephen|King|It|Scribner",
            "Stephen|King|It|Viking",
            "Stephen|Kingsley|It|Viking");
    }

    [ProviderFact]
    public async Task ImportAsync_BlankLines_AreIgnored()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText("\n" + Header + "\n\nIsaac,Asimov,Foundation,Random House\n\r\n\nPearl,Buck,The Good Earth,Random House\n\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.RowsRead.Should().Be(2);
        (await db.CountAsync("book_publisher")).Should().Be(2);
    }

    [ProviderFact]
    public async Task ImportAsync_HeaderOnly_ImportsNothing()
    {
        await using var db = await CreateDatabaseAsync();
        using var file = TempFile.WithText("first_name,last_name,title,publisher");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 0L, AuthorsAdded = 0L, BooksAdded = 0L, PublishersAdded = 0L, LinksAdded = 0L });
        (await db.CountAsync("author")).Should().Be(0);
    }

    [ProviderFact]
    public async Task ImportAsync_ManyDuplicateLinksIntoACatalogThatHasSome_AddsEachMissingLinkOnce()
    {
        // Links are written many to a statement: duplicates land in the same statement and in different
        // ones, and some links are in the catalog already.
        await using var db = await CreateDatabaseAsync();
        var importer = new CatalogImporter(db.Factory);
        using (var existing = TempFile.WithText(Header + "Ann,Author,Book 7,Publisher 1\nAnn,Author,Book 150,Publisher 0\n"))
        {
            await importer.ImportAsync(existing.Path);
        }

        var text = new StringBuilder(Header);
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        for (var pass = 0; pass < 3; pass++)
        {
            for (var book = 0; book < 200; book++)
            {
                var publisher = (book + pass) % 2;
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Ann,Author,Book {book},Publisher {publisher}\n");
                expected.Add($"Ann|Author|Book {book}|Publisher {publisher}");
            }
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await importer.ImportAsync(file.Path);

        expected.Add("Ann|Author|Book 150|Publisher 0");
        summary.Should().BeEquivalentTo(new { RowsRead = 600L, BooksAdded = 198L, LinksAdded = 398L });
        (await CatalogDump.LinksAsync(db)).Should().BeEquivalentTo(expected);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [ProviderFact]
    public async Task ImportAsync_Values_AreStoredAsCatalogTextNormalizesThem()
    {
        await using var db = await CreateDatabaseAsync();
        const string first = "  Ursula\tK. ";
        const string last = " Le   Guin ";
        const string title = "The\u00A0Left Hand  of\r\nDarkness";
        var publisher = "Ace" + "\u0301" + " Books";
        using var file = TempFile.WithText(Header + $"{first},{last},\"{title}\",{publisher}\n");

        await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        // Trimmed, each run of white space (tab, no-break space, line break) one space, "e" + U+0301 composed to "é".
        (await CatalogDump.LinksAsync(db)).Should().Equal("Ursula K.|Le Guin|The Left Hand of Darkness|Ac\u00E9 Books");
    }

    [ProviderTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_NamesOfEmojiUpToTheLimits_AreStoredAndTheDatabaseCountsThemAsCharacters(bool withData)
    {
        await using var db = await CreateDatabaseAsync();
        if (withData)
        {
            await new CatalogImporter(db.Factory).ImportAsync(SamplePath);
        }

        static string Emoji(int count) => string.Concat(Enumerable.Repeat("\U0001F4DA", count));
        using var file = TempFile.WithText(Header + $"{Emoji(100)},{Emoji(100)},{Emoji(500)},{Emoji(200)}\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.RowsImported.Should().Be(1);
        (await CatalogDump.LinksAsync(db)).Should().Contain(string.Join('|', Emoji(100), Emoji(100), Emoji(500), Emoji(200)));
        var length = Provider == BookDataProvider.PostgreSql ? "char_length" : "length";
        (await db.CountAsync($"book WHERE {length}(title) = 500")).Should().Be(1);
        (await db.CountAsync($"publisher WHERE {length}(name) = 200")).Should().Be(1);
    }

    [ProviderFact]
    public async Task ImportAsync_IntoNonEmptyCatalog_AddsOnlyWhatIsNew()
    {
        await using var db = await CreateDatabaseAsync();
        var importer = new CatalogImporter(db.Factory);
        await importer.ImportAsync(SamplePath);
        using var file = TempFile.WithText(Header
            + "stephen,KING,the stand,random house\n"
            + "Stephen,King,It,Berkley\n"
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Ursula,Le Guin,A Wizard of Earthsea,Parnassus\n");

        var summary = await importer.ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 4L, AuthorsAdded = 1L, BooksAdded = 2L, PublishersAdded = 1L, LinksAdded = 3L });
        (await db.CountAsync("author")).Should().Be(8);
        (await db.CountAsync("book")).Should().Be(12);
        (await db.CountAsync("publisher")).Should().Be(5);
        (await db.CountAsync("book_publisher")).Should().Be(15);
        (await CatalogDump.QueryAsync(db, "SELECT title FROM book WHERE title = 'The Stand'")).Should().ContainSingle()
            .Which.Should().Equal("the stand");
    }

    [ProviderFact]
    public async Task ImportAsync_IntoNonEmptyCatalog_TitleSearchFindsTheBooksBeforeAndAfter()
    {
        await using var db = await CreateDatabaseAsync();
        var importer = new CatalogImporter(db.Factory);
        using var first = TempFile.WithText(Header + "Ann,Author,The Harbour Lights,Acme\n");
        await importer.ImportAsync(first.Path);
        using var second = TempFile.WithText(Header + "Ann,Author,Harbour Nights,Acme\nBob,Other,No Harbour Here,Zeta\n");

        await importer.ImportAsync(second.Path);

        var page = await new BookRepository(db.Factory).SearchByTitleAsync("HARBOUR");
        page.Items.Select(book => book.Title).Should().Equal("Harbour Nights", "No Harbour Here", "The Harbour Lights");
        page.TotalCount.Should().Be(3);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [ProviderFact]
    public async Task ImportAsync_SameFileTwice_ChangesNothingTheSecondTime()
    {
        await using var db = await CreateDatabaseAsync();
        var importer = new CatalogImporter(db.Factory);
        await importer.ImportAsync(SamplePath);
        var before = await CatalogDump.AllRowsAsync(db);

        var second = await importer.ImportAsync(SamplePath);

        second.Should().BeEquivalentTo(new { RowsRead = 12L, RowsImported = 12L, AuthorsAdded = 0L, BooksAdded = 0L, PublishersAdded = 0L, LinksAdded = 0L });
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_EmptyCatalog_LeavesEveryIndexInPlace()
    {
        await using var db = await CreateDatabaseAsync();
        var schemaBefore = await CatalogDump.SchemaAsync(db);

        await new CatalogImporter(db.Factory).ImportAsync(SamplePath);

        (await CatalogDump.SchemaAsync(db)).Should().BeEquivalentTo(schemaBefore, o => o.WithStrictOrdering());
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [ProviderFact]
    public async Task ImportAsync_Stream_ReadsFromItsPositionAndLeavesItOpen()
    {
        await using var db = await CreateDatabaseAsync();
        var bytes = Encoding.UTF8.GetBytes("ignored prefix" + Header + "Isaac,Asimov,Foundation,Random House\n");
        using var stream = new MemoryStream(bytes);
        stream.Position = "ignored prefix".Length;

        var summary = await new CatalogImporter(db.Factory).ImportAsync(stream);

        summary.LinksAdded.Should().Be(1);
        stream.CanRead.Should().BeTrue();
    }

    [ProviderFact]
    public async Task ImportAsync_ManyRows_AreAllStored()
    {
        await using var db = await CreateDatabaseAsync();
        var text = new StringBuilder(Header);
        for (var i = 0; i < 5000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"First{i % 70},Last{i % 50},Title {i / 2},Publisher {i % 2}\n");
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        // 350 authors (the pairs of i % 70 and i % 50 repeat every 350 rows); the two rows of each title have
        // different authors, so every row is a book of its own.
        summary.Should().BeEquivalentTo(new { RowsRead = 5000L, AuthorsAdded = 350L, BooksAdded = 5000L, PublishersAdded = 2L, LinksAdded = 5000L });
        (await db.CountAsync("book_publisher")).Should().Be(5000);
        (await db.CountAsync("book")).Should().Be(5000);
        (await db.CountAsync("author")).Should().Be(350);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [ProviderFact]
    public async Task ImportAsync_SameRowsAsAddBookThroughTheRepository_GiveTheSameCatalog()
    {
        (string First, string Last, string Title, string Publisher)[] rows =
        [
            ("Stephen", "King", "The  Shining", "Random House"),
            (" stephen", "KING ", "the shining", "random\thouse"),
            ("", "Plato", "The Republic", "Penguin Classics"),
            ("Émile", "Zola", "Germinal", "Éditions"),
            ("émile", "zola", "Germinal", "éditions"),
            ("Ursula K.", "Le Guin", "A Wizard of Earthsea", "Parnassus"),
        ];
        await using var imported = await CreateDatabaseAsync();
        await using var added = await CreateDatabaseAsync();
        var text = new StringBuilder(Header);
        foreach (var row in rows)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{row.First}\",\"{row.Last}\",\"{row.Title}\",\"{row.Publisher}\"\n");
        }

        using var file = TempFile.WithText(text.ToString());
        var books = new BookData.Books.BookRepository(added.Factory);

        await new CatalogImporter(imported.Factory).ImportAsync(file.Path);
        foreach (var row in rows)
        {
            await books.AddBookAsync(AuthorName.Create(row.First, row.Last), row.Title, row.Publisher);
        }

        (await CatalogDump.LinksAsync(imported)).Should().Equal(await CatalogDump.LinksAsync(added));
        foreach (var table in new[] { "author", "book", "publisher", "book_publisher" })
        {
            (await imported.CountAsync(table)).Should().Be(await added.CountAsync(table), table);
        }
    }

    [ProviderFact]
    public void Ctor_NullFactory_Throws()
    {
        var act = () => new CatalogImporter(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("connectionFactory");
    }
}
