using System.Globalization;
using System.Text;
using BookData.Authors;
using BookData.Books;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

/// <summary>
/// The CSV import on PostgreSQL: the shared tests of <see cref="CatalogImporterTests"/>, plus comparisons with SQLite
/// and what only the staging table and set-based inserts need (large files, concurrent add-book). Each test gets its
/// own database on the BOOKDATA_TEST_POSTGRES server.
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlCatalogImporterTests : CatalogImporterTests
{
    private const string Header = "first_name,last_name,title,publisher\n";

    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override bool FoldsNonAsciiCase => true;

    [ProviderFact]
    public async Task ImportAsync_SampleFile_GivesTheSameCatalogAndSummaryAsSqlite()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        await using var sqlite = await TestDatabase.CreateAsync();

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(SampleCatalog.CsvPath);
        var sqliteSummary = await new CatalogImporter(sqlite.Factory).ImportAsync(SampleCatalog.CsvPath);

        summary.Should().BeEquivalentTo(new { RowsRead = 12L, AuthorsAdded = 7L, BooksAdded = 10L, PublishersAdded = 4L, LinksAdded = 12L });
        summary.Should().BeEquivalentTo(sqliteSummary);
        (await CatalogDump.DataRowsAsync(postgres)).Should().Equal(await CatalogDump.DataRowsAsync(sqlite));
    }

    [ProviderFact]
    public async Task ImportAsync_NonAsciiCaseVariants_KeepEveryBookUnderTheAuthorTheCatalogMatches()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        using var file = TempFile.WithText(Header
            + "Émile,Zola,Germinal,Éditions Charpentier\n"
            + "émile,ZOLA,Nana,éditions charpentier\n");

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(file.Path);

        // citext folds É and é: the second row's author and publisher are the first row's, under the first spelling.
        summary.Should().BeEquivalentTo(new { RowsRead = 2L, AuthorsAdded = 1L, BooksAdded = 2L, PublishersAdded = 1L, LinksAdded = 2L });
        (await CatalogDump.LinksAsync(postgres)).Should().Equal(
            "Émile|Zola|Germinal|Éditions Charpentier", "Émile|Zola|Nana|Éditions Charpentier");
        (await postgres.CountAsync("author")).Should().Be(1);
        (await postgres.CountAsync("publisher")).Should().Be(1);
    }

    [ProviderFact]
    public async Task ImportAsync_NonAsciiLetterThatFoldsToAnAsciiOne_IsTheSameNameAsItsAsciiSpelling()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        // U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE lower-cases to an ASCII i (it stays as it is under NFC): citext
        // calls "\u0130vy" and "Ivy" the same name, which ASCII folding alone would not.
        using var file = TempFile.WithText(Header
            + "Stephen,Ivy,It,Viking\n"
            + "Stephen,\u0130vy,Carrie,\u0130nk Press\n"
            + "Ann,Ivyson,Tales,ink press\n");

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 3L, AuthorsAdded = 2L, BooksAdded = 3L, PublishersAdded = 2L, LinksAdded = 3L });
        (await CatalogDump.DataRowsAsync(postgres)).Should().Equal(
            "author|1|Stephen|Ivy", "author|2|Ann|Ivyson",
            "book|1|1|It", "book|2|1|Carrie", "book|3|2|Tales",
            "link|1|1", "link|2|2", "link|3|2",
            "publisher|1|Viking", "publisher|2|\u0130nk Press");
    }

    [ProviderFact]
    public async Task ImportAsync_IntoCatalogEmptiedAfterUse_ContinuesEveryIdSequenceAndLeavesItPastTheNewIds()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        var books = new BookRepository(postgres.Factory);
        await books.AddBookAsync(AuthorName.Create("Gone", "Writer"), "Gone Book", "Gone Press");
        foreach (var table in new[] { "book_publisher", "book", "author", "publisher" })
        {
            await CatalogDump.QueryAsync(postgres, $"DELETE FROM {table}");
        }


        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(SampleCatalog.CsvPath);
        await books.AddBookAsync(AuthorName.Create("Next", "Writer"), "Next Book", "Next Press");

        summary.Should().BeEquivalentTo(new { AuthorsAdded = 7L, BooksAdded = 10L, PublishersAdded = 4L });
        (await CatalogDump.QueryAsync(postgres, "SELECT min(author_id), max(author_id) FROM author"))[0].Should().Equal("2", "9");
        (await CatalogDump.QueryAsync(postgres, "SELECT min(book_id), max(book_id) FROM book"))[0].Should().Equal("2", "12");
        (await CatalogDump.QueryAsync(postgres, "SELECT min(publisher_id), max(publisher_id) FROM publisher"))[0].Should().Equal("2", "6");
        (await CatalogDump.QueryAsync(postgres, "SELECT b.book_id, b.author_id FROM book AS b WHERE b.title = 'Next Book'"))[0].Should().Equal("12", "9");
    }

    [ProviderFact]
    public async Task ImportAsync_FailedIntoEmptyCatalog_UsesUpNoId()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        using var file = TempFile.WithText(GeneratedRows(100) + "Tom,,Patriot Games,Berkley\n");

        var act = () => new CatalogImporter(postgres.Factory).ImportAsync(file.Path);
        await act.Should().ThrowAsync<BookDataImportException>();
        await new BookRepository(postgres.Factory).AddBookAsync(AuthorName.Create("First", "Writer"), "First Book", "First Press");

        (await CatalogDump.DataRowsAsync(postgres)).Should().Equal("author|1|First|Writer", "book|1|1|First Book", "link|1|1", "publisher|1|First Press");
    }

    [ProviderFact]
    public async Task ImportAsync_IntoCatalogWithRowsAddedThroughTheRepositories_MergesAsSqliteDoes()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        await using var sqlite = await TestDatabase.CreateAsync();
        foreach (var factory in new[] { postgres.Factory, sqlite.Factory })
        {
            var books = new BookRepository(factory);
            await books.AddBookAsync(AuthorName.Create("STEPHEN", "KING"), "it", "random house");
            await books.AddBookAsync(AuthorName.Create("Ursula", "Le Guin"), "The Dispossessed", "Harper");
            await books.AddBookAsync(AuthorName.Create("pearl", "buck"), "The Good Earth", "Harper");
        }

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(SampleCatalog.CsvPath);
        var sqliteSummary = await new CatalogImporter(sqlite.Factory).ImportAsync(SampleCatalog.CsvPath);

        summary.Should().BeEquivalentTo(new { AuthorsAdded = 5L, BooksAdded = 8L, PublishersAdded = 3L, LinksAdded = 11L });
        summary.Should().BeEquivalentTo(sqliteSummary);
        var rows = await CatalogDump.DataRowsAsync(postgres);
        rows.Should().Equal(await CatalogDump.DataRowsAsync(sqlite));
        rows.Should().Contain(["author|1|STEPHEN|KING", "book|1|1|it", "publisher|1|random house"]);
    }

    [ProviderFact]
    public async Task ImportAsync_InterleavedAuthorsWithCaseVariantDuplicates_GivesTheSameCatalogIdsAndSummaryAsSqlite()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        await using var sqlite = await TestDatabase.CreateAsync();
        // Each row's author differs from the previous row's; every book comes back later under another spelling
        // of its author, title and publisher, which must keep the first spelling and the first id.
        var text = new StringBuilder(Header);
        for (var i = 0; i < 3000; i++)
        {
            var book = i % 1500;
            var author = book * 7 % 101;
            var spelling = i < 1500 ? (Func<string, string>)(value => value) : (value => value.ToUpperInvariant());
            text.Append(CultureInfo.InvariantCulture, $"{spelling($"First{author % 13}")},{spelling($"Last{author}")},{spelling($"Title {book % 211}")},{spelling($"Publisher {(i * 3 + book) % 17}")}\n");
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(file.Path);
        var sqliteSummary = await new CatalogImporter(sqlite.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(sqliteSummary);
        summary.AuthorsAdded.Should().Be(101);
        (await CatalogDump.DataRowsAsync(postgres)).Should().Equal(await CatalogDump.DataRowsAsync(sqlite));
    }

    [ProviderFact]
    public async Task ImportAsync_IntoEmptyCatalog_LeavesTheSchemaAsTheMigrationBuiltIt()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        var before = await SchemaAsync(postgres);

        await new CatalogImporter(postgres.Factory).ImportAsync(SampleCatalog.CsvPath);

        (await SchemaAsync(postgres)).Should().Equal(before).And.Contain(line => line.Contains("ON DELETE CASCADE", StringComparison.Ordinal));
        var duplicate = () => CatalogDump.QueryAsync(postgres, "INSERT INTO author (first_name, last_name) SELECT upper(first_name), last_name FROM author LIMIT 1");
        (await duplicate.Should().ThrowAsync<Npgsql.PostgresException>()).Which.SqlState.Should().Be("23505", "the case-insensitive unique key on author names still holds");
    }

    [ProviderFact]
    public async Task ImportAsync_TwiceIntoTheSameCatalog_AddsNothingTheSecondTimeAndKeepsEveryId()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        using var file = TempFile.WithText(GeneratedRows(2000));
        await new CatalogImporter(postgres.Factory).ImportAsync(file.Path);
        var before = await CatalogDump.DataRowsAsync(postgres);
        using var again = TempFile.WithText(GeneratedRows(2000).ToUpperInvariant().Replace("FIRST_NAME,LAST_NAME,TITLE,PUBLISHER", "first_name,last_name,title,publisher", StringComparison.Ordinal));

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(again.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 2000L, AuthorsAdded = 0L, BooksAdded = 0L, PublishersAdded = 0L, LinksAdded = 0L });
        (await CatalogDump.DataRowsAsync(postgres)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_SkipMode_ReportsEachBadRowAndImportsTheRest()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Tom,Clancy,   ,Berkley\n"
            + "Pearl,Buck,The Good Earth,Simon & Schuster\n"
            + $"Stephen,King,It,{new string('x', 201)}\n"
            + "Jane,Doe,Bad \"quote\" here,Berkley\n"
            + "Alex,Michaelides,The Silent Patient,Simon & Schuster\n");

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.Should().BeEquivalentTo(new { RowsRead = 6L, RowsImported = 3L, AuthorsAdded = 3L, BooksAdded = 3L, PublishersAdded = 2L, LinksAdded = 3L });
        summary.SkippedRows.Select(row => (row.LineNumber, row.Field)).Should().Equal((3L, "title"), (5L, "publisher"), (6L, (string?)null));
        summary.SkippedRows.Select(row => row.Reason).Should().SatisfyRespectively(
            reason => reason.Should().Be("the title is required and cannot be empty or white space"),
            reason => reason.Should().Contain("the limit is 200"),
            reason => reason.Should().Contain("quote"));
        (await CatalogDump.QueryAsync(postgres, "SELECT title FROM book ORDER BY book_id")).Select(row => row[0])
            .Should().Equal("Foundation", "The Good Earth", "The Silent Patient");
    }

    [ProviderFact]
    public async Task ImportAsync_FailModeBadRowAfterManyGoodOnes_NamesFileLineAndFieldAndWritesNothing()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        await new CatalogImporter(postgres.Factory).ImportAsync(SampleCatalog.CsvPath);
        var before = await CatalogDump.DataRowsAsync(postgres);
        using var file = TempFile.WithText(GeneratedRows(2000) + "Tom,,Patriot Games,Berkley\n" + GeneratedRows(10, first: 5000, withHeader: false));

        var act = () => new CatalogImporter(postgres.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { SourceName = file.Path, LineNumber = 2002L, Field = "last_name" });
        error.Message.Should().StartWith($"{file.Path}, line 2002: the last name is required");
        (await CatalogDump.DataRowsAsync(postgres)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_Generated20000Rows_AddsTheExpectedCountsWithIdsInFileOrderAndReportsProgress()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        using var file = TempFile.WithText(GeneratedRows(20_000));
        var reports = new List<ImportProgress>();

        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(
            file.Path, new ImportOptions { ProgressInterval = 5000 }, new SyncProgress<ImportProgress>(reports.Add));

        summary.Should().BeEquivalentTo(new { RowsRead = 20_000L, AuthorsAdded = 1000L, BooksAdded = 10_000L, PublishersAdded = 50L, LinksAdded = 20_000L });
        summary.SkippedRows.Should().BeEmpty();
        reports.Select(report => report.RowsRead).Should().Equal(5000, 10_000, 15_000, 20_000, 20_000);
        reports[^1].BytesRead.Should().Be(new FileInfo(file.Path).Length);
        (await postgres.CountAsync("book_publisher")).Should().Be(20_000);
        (await CatalogDump.QueryAsync(postgres, "SELECT title FROM book ORDER BY book_id")).Select(row => row[0])
            .Should().Equal(Enumerable.Range(0, 10_000).Select(b => $"Title {b}"));
        (await CatalogDump.QueryAsync(postgres, "SELECT last_name FROM author ORDER BY author_id")).Select(row => row[0])
            .Should().Equal(Enumerable.Range(0, 1000).Select(a => $"Last{a}"));
    }

    [ProviderFact]
    public async Task ImportAsync_WhileAddBookWritesTheSameRows_SucceedsWithEveryRowOnce()
    {
        await using var postgres = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        using var file = TempFile.WithText(GeneratedRows(20_000));
        var books = new BookRepository(postgres.Factory);
        using var stop = new CancellationTokenSource();
        var writerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Adds rows that the file also holds (book b by author b % 1000 at publisher b % 50) and one of its own each time.
        var writing = Task.Run(async () =>
        {
            for (var b = 9_999; !stop.IsCancellationRequested && b >= 0; b -= 7)
            {
                await books.AddBookAsync(AuthorName.Create($"First{b % 1000}", $"Last{b % 1000}"), $"Title {b}", $"Publisher {b % 50}");
                await books.AddBookAsync(AuthorName.Create("Solo", $"Writer{b}"), "Own Book", "Own Press");
                writerStarted.TrySetResult();
            }
        });

        // The import starts once the writer has written, so the two run together rather than one after the other.
        await writerStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var summary = await new CatalogImporter(postgres.Factory).ImportAsync(file.Path);
        await stop.CancelAsync();
        await writing;

        summary.RowsRead.Should().Be(20_000);
        (await CatalogDump.QueryAsync(postgres, """
            SELECT count(*) FROM book_publisher AS bp
            JOIN book AS b ON b.book_id = bp.book_id
            JOIN author AS a ON a.author_id = b.author_id
            WHERE a.first_name <> 'Solo'
            """))[0][0].Should().Be("20000");
        (await CatalogDump.QueryAsync(postgres, "SELECT count(*) FROM publisher WHERE name <> 'Own Press'"))[0][0].Should().Be("50");
        (await CatalogDump.QueryAsync(postgres, "SELECT count(*) FROM book AS b JOIN author AS a ON a.author_id = b.author_id WHERE a.first_name <> 'Solo'"))[0][0].Should().Be("10000");
        (await CatalogDump.QueryAsync(postgres, "SELECT count(*) FROM author WHERE first_name <> 'Solo'"))[0][0].Should().Be("1000");
        (await CatalogDump.IntegrityProblemsAsync(postgres)).Should().BeEmpty();
    }

    /// <summary>
    /// <paramref name="count"/> rows: book b = i / 2 (titled "Title b", by author b % 1000) at two publishers,
    /// b % 50 and (b + 25) % 50; so 20,000 rows hold 1,000 authors, 10,000 books, 50 publishers and 20,000 links.
    /// </summary>
    private static string GeneratedRows(int count, int first = 0, bool withHeader = true)
    {
        var text = new StringBuilder(withHeader ? Header : "");
        for (var i = first; i < first + count; i++)
        {
            var book = i / 2;
            var author = book % 1000;
            var publisher = (i % 2 == 0 ? book : book + 25) % 50;
            text.Append(CultureInfo.InvariantCulture, $"First{author},Last{author},Title {book},Publisher {publisher}\n");
        }

        return text.ToString();
    }

    /// <summary>The catalog tables' constraints and indexes, by name and definition, sorted.</summary>
    private static async Task<IReadOnlyList<string>> SchemaAsync(TestDatabase db)
    {
        var rows = await CatalogDump.QueryAsync(db, """
            SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid IN ('author'::regclass, 'publisher'::regclass, 'book'::regclass, 'book_publisher'::regclass)
            UNION ALL
            SELECT indexdef FROM pg_indexes WHERE tablename IN ('author', 'publisher', 'book', 'book_publisher')
            """);
        return [.. rows.Select(row => row[0]).Order(StringComparer.Ordinal)];
    }
}
