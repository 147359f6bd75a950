using System.Text;
using BookData.Export;
using BookData.Import;
using BookData.Tests.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Export;

/// <summary>The CSV export on each provider: the same bytes from the same catalog on SQLite and PostgreSQL.</summary>
public abstract class CatalogExporterTests
{
    /// <summary>The provider the tests run against.</summary>
    protected abstract BookDataProvider Provider { get; }

    private const string SampleExport = """
        first_name,last_name,title,publisher
        Isaac,Asimov,Foundation,Random House
        Pearl,Buck,The Good Earth,Random House
        Pearl,Buck,The Good Earth,Simon & Schuster
        Tom,Clancy,Patriot Games,Simon & Schuster
        Tom,Clancy,The Hunt For Red October,Berkley
        Stephen,King,Dead Zone,Random House
        Stephen,King,It,Penguin Random House
        Stephen,King,It,Random House
        Stephen,King,The Shining,Penguin Random House
        John,Le Carre,"Tinker, Tailor, Solider, Spy: A George Smiley Novel",Berkley
        Alex,Michaelides,The Silent Patient,Simon & Schuster
        Carol,Shaben,Into The Abyss,Simon & Schuster

        """;

    [ProviderFact]
    public async Task ExportAsync_SampleCatalog_WritesTheHeaderAndSortedRows()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await new CatalogImporter(db.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        using var output = new MemoryStream();

        var summary = await new CatalogExporter(db.Factory).ExportAsync(output);

        summary.Should().Be(new ExportSummary(12, 0, 0));
        Encoding.UTF8.GetString(output.ToArray()).Should().Be(SampleExport.ReplaceLineEndings("\n"));
    }

    [ProviderFact]
    public async Task ExportAsync_Output_IsUtf8WithoutByteOrderMarkWithLfLineEndings()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await CatalogDump.ExecuteAsync(db, """
            INSERT INTO author (author_id, first_name, last_name) VALUES (1, 'Émile', 'Zola');
            INSERT INTO publisher (publisher_id, name) VALUES (1, 'Éditions');
            INSERT INTO book (book_id, author_id, title) VALUES (1, 1, 'Germinal');
            INSERT INTO book_publisher (book_id, publisher_id) VALUES (1, 1);
            """);
        using var output = new MemoryStream();

        await new CatalogExporter(db.Factory).ExportAsync(output);

        var bytes = output.ToArray();
        bytes.Should().Equal(new UTF8Encoding(false).GetBytes("first_name,last_name,title,publisher\nÉmile,Zola,Germinal,Éditions\n"));
    }

    [ProviderFact]
    public async Task ExportAsync_ValuesWithCommasQuotesOrLineBreaks_AreQuotedAndOthersAreNot()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await CatalogDump.ExecuteAsync(db, $"""
            INSERT INTO author (author_id, first_name, last_name) VALUES (1, '', 'Plato'), (2, 'Jane', 'O''Brien');
            INSERT INTO publisher (publisher_id, name) VALUES (1, 'Comma, Inc.'), (2, 'Quote "Press"'), (3, '  = Plain -');
            INSERT INTO book (book_id, author_id, title) VALUES (1, 1, 'The Republic'), (2, 2, 'Two{"\n"}Lines');
            INSERT INTO book_publisher (book_id, publisher_id) VALUES (1, 1), (1, 2), (2, 3);
            """);
        using var output = new MemoryStream();

        await new CatalogExporter(db.Factory).ExportAsync(output);

        Encoding.UTF8.GetString(output.ToArray()).Should().Be(
            "first_name,last_name,title,publisher\n"
            + "Jane,O'Brien,\"Two\nLines\",  = Plain -\n"
            + ",Plato,The Republic,\"Comma, Inc.\"\n"
            + ",Plato,The Republic,\"Quote \"\"Press\"\"\"\n");
    }

    [ProviderFact]
    public async Task ExportAsync_Order_IgnoresTheCaseOfAsciiLetters()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await CatalogDump.ExecuteAsync(db, """
            INSERT INTO author (author_id, first_name, last_name) VALUES (1, 'Charles', 'de Gaulle'), (2, 'Charles', 'Dickens'), (3, 'Daniel', 'Defoe');
            INSERT INTO publisher (publisher_id, name) VALUES (1, 'b'), (2, 'A');
            INSERT INTO book (book_id, author_id, title) VALUES (1, 1, 'Memoirs'), (2, 2, 'bleak House'), (3, 2, 'Oliver Twist'), (4, 3, 'Robinson Crusoe');
            INSERT INTO book_publisher (book_id, publisher_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1), (4, 2);
            """);
        using var output = new MemoryStream();

        await new CatalogExporter(db.Factory).ExportAsync(output);

        Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Should().Equal(
            "Charles,de Gaulle,Memoirs,b",
            "Daniel,Defoe,Robinson Crusoe,A",
            "Daniel,Defoe,Robinson Crusoe,b",
            "Charles,Dickens,bleak House,b",
            "Charles,Dickens,Oliver Twist,b");
    }

    [ProviderFact]
    public async Task ExportAsync_EmptyCatalog_WritesTheHeaderOnly()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var output = new MemoryStream();

        var summary = await new CatalogExporter(db.Factory).ExportAsync(output);

        summary.Should().Be(new ExportSummary(0, 0, 0));
        Encoding.UTF8.GetString(output.ToArray()).Should().Be("first_name,last_name,title,publisher\n");
    }

    [ProviderFact]
    public async Task ExportAsync_BookWithoutPublisherAndAuthorWithoutBooks_AreLeftOutAndCounted()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await new CatalogImporter(db.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        await CatalogDump.ExecuteAsync(db, """
            INSERT INTO author (first_name, last_name) VALUES ('Ursula', 'Le Guin'), ('Jane', 'Austen');
            INSERT INTO book (author_id, title) SELECT author_id, 'Emma' FROM author WHERE last_name = 'Austen';
            """);
        using var output = new MemoryStream();

        var summary = await new CatalogExporter(db.Factory).ExportAsync(output);

        summary.Should().Be(new ExportSummary(12, BooksWithoutPublisher: 1, AuthorsWithoutBooks: 1));
        Encoding.UTF8.GetString(output.ToArray()).Should().Be(SampleExport.ReplaceLineEndings("\n"));
    }

    [ProviderFact]
    public async Task ExportAsync_Path_WritesTheFileAndLeavesNoTemporaryFile()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await new CatalogImporter(db.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        using var target = TempFile.WithText("old content");

        var summary = await new CatalogExporter(db.Factory).ExportAsync(target.Path);

        summary.RowsWritten.Should().Be(12);
        (await File.ReadAllTextAsync(target.Path)).Should().Be(SampleExport.ReplaceLineEndings("\n"));
        Directory.GetFiles(target.Folder).Should().Equal(target.Path);
    }

    [ProviderFact]
    public async Task ExportAsync_PathInMissingFolder_ThrowsAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var folder = TempFile.NotCreated();
        var path = Path.Combine(folder.Folder, "missing", "out.csv");

        var act = () => new CatalogExporter(db.Factory).ExportAsync(path);

        (await act.Should().ThrowAsync<BookDataException>()).Which.Message.Should().Contain(path);
        Directory.GetFileSystemEntries(folder.Folder).Should().BeEmpty();
    }

    [ProviderFact]
    public async Task ExportAsync_Cancelled_LeavesTheExistingFileAlone()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await new CatalogImporter(db.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        using var target = TempFile.WithText("old content");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => new CatalogExporter(db.Factory).ExportAsync(target.Path, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await File.ReadAllTextAsync(target.Path)).Should().Be("old content");
        Directory.GetFiles(target.Folder).Should().Equal(target.Path);
    }

    [ProviderFact]
    public void Ctor_NullFactory_Throws()
    {
        var act = () => new CatalogExporter(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("connectionFactory");
    }
}
