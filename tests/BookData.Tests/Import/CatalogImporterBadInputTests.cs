using System.Globalization;
using System.Text;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

/// <summary>
/// Every bad input ends the import with one error naming the file, the line and the field, and leaves
/// the database exactly as it was: both a catalog that already has data and an empty one (where the
/// import sets secondary indexes aside, so the rollback must bring them back).
/// </summary>
public abstract class CatalogImporterBadInputTests
{
    private const string Header = "first_name,last_name,title,publisher\n";

    public static TheoryData<bool> Catalogs => new() { true, false };

    /// <summary>The provider the tests run against.</summary>
    protected abstract BookDataProvider Provider { get; }

    [ProviderTheory]
    [MemberData(nameof(Catalogs))]
    public async Task ImportAsync_MissingHeaderColumn_NamesTheColumnAndWritesNothing(bool withData)
    {
        await using var db = await CreateAsync(withData);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText("first_name,last_name,title\nIsaac,Asimov,Foundation\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { SourceName = file.Path, LineNumber = 1L, Field = "publisher" });
        error.Message.Should().StartWith($"{file.Path}, line 1: the header lacks the column publisher");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [MemberData(nameof(Catalogs))]
    public async Task ImportAsync_MissingRequiredField_NamesLineAndFieldAndWritesNothing(bool withData)
    {
        await using var db = await CreateAsync(withData);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Pearl,Buck,\"The Good\nEarth\",Random House\n"
            + "\n"
            + "Tom,Clancy,   ,Berkley\n"
            + "Stephen,King,It,Random House\n", "author_book_publisher.csv");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 6L, Field = "title", Reason = "the title is required and cannot be empty or white space" });
        error.Message.Should().Be($"{file.Path}, line 6: the title is required and cannot be empty or white space.");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [InlineData("Isaac,,Foundation,Random House", "last_name")]
    [InlineData("Isaac,Asimov,Foundation,", "publisher")]
    [InlineData("Isaac,Asimov,Foundation", null)]
    public async Task ImportAsync_EachMissingRequiredField_IsNamed(string row, string? field)
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "Pearl,Buck,The Good Earth,Random House\n" + row + "\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.LineNumber.Should().Be(3);
        error.Field.Should().Be(field, "a row with too few fields is wrong as a whole, a blank value names its column");

        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [MemberData(nameof(Catalogs))]
    public async Task ImportAsync_UnterminatedQuote_NamesTheLineWhereTheRecordStarts(bool withData)
    {
        await using var db = await CreateAsync(withData);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Pearl,Buck,\"The Good Earth,Random House\n"
            + "Tom,Clancy,Patriot Games,Berkley\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 3L, Field = (string?)null });
        error.Message.Should().Be($"{file.Path}, line 3: a quoted value is never closed (unterminated quote).");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_StrayQuoteInUnquotedValue_IsRejected()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "Isaac,Asimov,The 12\" Single,Random House\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Message
            .Should().StartWith($"{file.Path}, line 2: a quote appears inside a value that is not enclosed in quotes");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_UnquotedCommaInValue_IsRejectedAsAWrongFieldCount()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "John,Le Carre,Tinker, Tailor,Berkley\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 2L, Field = (string?)null });
        error.Reason.Should().Be("the row does not have the header's 4 fields; a value that contains a comma must be enclosed in quotes");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [MemberData(nameof(Catalogs))]
    public async Task ImportAsync_BinaryGarbage_IsRejectedAtTheFirstLine(bool withData)
    {
        await using var db = await CreateAsync(withData);
        var before = await CatalogDump.AllRowsAsync(db);
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);
        using var file = TempFile.WithBytes(garbage, "image.png");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.SourceName.Should().Be(file.Path);
        error.LineNumber.Should().Be(1);
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_ControlCharactersInARow_NameTheField()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "Isaac,Asimov,Found\0ation,Random House\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 2L, Field = "title" });
        error.Reason.Should().Be("the title contains the control character U+0000 at character 6, which is not allowed");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_InvalidUtf8_NamesTheField()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        var bytes = Encoding.UTF8.GetBytes(Header + "Isaac,Asimov,Foundation,Random House\nIsaac,Asimov,I Robot,Gnome PRESS\n");
        bytes[Array.LastIndexOf(bytes, (byte)'P')] = 0xFF;
        using var file = TempFile.WithBytes(bytes);

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 3L, Field = "publisher" });
        error.Reason.Should().Be(
            "the publisher is not valid UTF-8 text (byte 0xFF at byte 7 of the value); "
            + "the file must be UTF-8: one saved as Windows-1252 or Latin-1 must be saved again as UTF-8");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [InlineData(";", "semicolons")]
    [InlineData("\t", "tabs")]
    public async Task ImportAsync_HeaderWithAnotherSeparator_SaysTheFileMustBeCommaSeparatedAndWritesNothing(string separator, string named)
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(
            string.Join(separator, "first_name", "last_name", "title", "publisher") + "\n"
            + string.Join(separator, "Isaac", "Asimov", "Foundation", "Gnome Press") + "\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 1L, Field = "first_name" });
        error.Message.Should().EndWith($"its columns seem to be separated by {named}, but the file must be comma-separated.");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_TooLongTitle_StatesTheLimit()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + $"Isaac,Asimov,{new string('x', 501)},Random House\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 2L, Field = "title", Reason = "the title is 501 characters long; the limit is 500" });
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [InlineData("Random\u200BHouse", "invisible format character U+200B at character 7")]
    [InlineData("Random House\u202E", "invisible format character U+202E at character 13")]
    [InlineData("Random\uFEFFHouse", "invisible format character U+FEFF at character 7")]
    [InlineData("\U0001F4DA\u200BPress", "invisible format character U+200B at character 2")]
    public async Task ImportAsync_InvisibleCharacterInAName_NamesLineFieldAndCharacterAndWritesNothing(string publisher, string what)
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "Isaac,Asimov,Foundation,Random House\n" + $"Isaac,Asimov,I Robot,{publisher}\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 3L, Field = "publisher", Reason = $"the publisher contains the {what}, which is not allowed" });
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_InvisibleCharactersInSkipMode_ListsTheRowsAndAddsNoLookAlike()
    {
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Isaac,Asimov,I Robot,Random\u200BHouse\n"
            + "Isaac,Asimov,The Gods Themselves,Random House\u202E\n"
            + "Isaac\u2060,Asimov,Nightfall,Random House\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(3, "publisher", "the publisher contains the invisible format character U+200B at character 7, which is not allowed"),
            new SkippedRow(4, "publisher", "the publisher contains the invisible format character U+202E at character 13, which is not allowed"),
            new SkippedRow(5, "first_name", "the first name contains the invisible format character U+2060 at character 6, which is not allowed"));
        (await CatalogDump.LinksAsync(db)).Should().Equal("Isaac|Asimov|Foundation|Random House");
    }

    [ProviderTheory]
    [MemberData(nameof(Catalogs))]
    public async Task ImportAsync_TitleOf501Emoji_CountsCharactersAsTheDatabaseDoes(bool withData)
    {
        await using var db = await CreateAsync(withData);
        var before = await CatalogDump.AllRowsAsync(db);
        var title = string.Concat(Enumerable.Repeat("\U0001F600", 501));
        using var file = TempFile.WithText(Header + $"Isaac,Asimov,{title},Random House\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 2L, Field = "title", Reason = "the title is 501 characters long; the limit is 500" });
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [InlineData("")]
    [InlineData("\n\n\r\n")]
    public async Task ImportAsync_EmptyFile_AsksForTheHeader(string text)
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(text);

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.LineNumber.Should().Be(1);
        error.Message.Should().Be($"{file.Path}, line 1: the input is empty; it must start with the header first_name,last_name,title,publisher.");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_DuplicateHeaderColumn_IsRejected()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText("first_name,last_name,title,Title,publisher\nIsaac,Asimov,Foundation,Foundation,Random House\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        (await act.Should().ThrowAsync<BookDataImportException>()).Which
            .Should().BeEquivalentTo(new { LineNumber = 1L, Field = "title", Reason = "the header names the column title twice" });
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_FileThatDoesNotExist_NamesTheFile()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var missing = TempFile.NotCreated("missing.csv");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(missing.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { SourceName = missing.Path, LineNumber = (long?)null, Field = (string?)null });
        error.Message.Should().Be($"{missing.Path}: the file does not exist.");
        error.InnerException.Should().BeOfType<FileNotFoundException>();
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_PathIsAFolder_SaysSoAndChangesNothing()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        var folder = Directory.CreateTempSubdirectory("bookdata-import-folder-").FullName;
        try
        {
            var act = () => new CatalogImporter(db.Factory).ImportAsync(folder);

            var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
            error.Message.Should().Be($"{folder}: it is a folder, not a file.");
            (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [ProviderFact]
    public async Task ImportAsync_StreamWithSourceName_UsesTheNameInErrors()
    {
        await using var db = await CreateAsync(withData: false);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + "Isaac,,Foundation,Random House\n"));

        var act = () => new CatalogImporter(db.Factory).ImportAsync(stream, new ImportOptions { SourceName = "upload.csv" });

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Message
            .Should().Be("upload.csv, line 2: the last name is required and cannot be empty or white space.");
        (await db.CountAsync("author")).Should().Be(0);
    }

    [ProviderFact]
    public async Task ImportAsync_BadRowAfterManyGoodOnes_WritesNothing()
    {
        await using var db = await CreateAsync(withData: false);
        var text = new StringBuilder(Header);
        for (var i = 0; i < 3000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"First{i},Last{i},Title {i},Publisher {i % 7}\n");
        }

        text.Append("Bad,Row,,Nowhere\n");
        using var file = TempFile.WithText(text.ToString());

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.LineNumber.Should().Be(3002);
        (await db.CountAsync("author")).Should().Be(0);
        (await db.CountAsync("book_publisher")).Should().Be(0);
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithQuoteNeverClosed_ImportsTheRowsAfterIt()
    {
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "X,Y,\"Dr. Strangelove, or How I Learned,P\n"
            + "Pearl,Buck,The Good Earth,Random House\n"
            + "\n"
            + "Tom,Clancy,Patriot Games,Berkley\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(3, null, "a quoted value is never closed (unterminated quote)") { LastLineNumber = 6 });
        summary.Should().BeEquivalentTo(new { RowsRead = 4L, RowsImported = 3L, LinesRead = 6L, LinksAdded = 3L });
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Isaac|Asimov|Foundation|Random House",
            "Pearl|Buck|The Good Earth|Random House",
            "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithStrayQuoteClosedRowsLater_ImportsTheRowsInBetween()
    {
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(Header
            + "X,Y,\"Dr. Strangelove, or How I Learned,P\n"
            + "Pearl,Buck,The Good Earth,Random House\n"
            + "Tom,Clancy,Patriot Games,Berkley\n"
            + "John,Le Carre,\"Tinker, Tailor\",Berkley\n"
            + "Isaac,Asimov,Foundation,Random House\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(2, null, "text follows the closing quote of a quoted value") { LastLineNumber = 5 });
        summary.Should().BeEquivalentTo(new { RowsRead = 5L, RowsImported = 4L, LinesRead = 6L });
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Isaac|Asimov|Foundation|Random House",
            "John|Le Carre|Tinker, Tailor|Berkley",
            "Pearl|Buck|The Good Earth|Random House",
            "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithQuoteRunningOverThousandsOfRows_ImportsThemAll()
    {
        // The quoted value grows past the longest field any column accepts long before a later quote or the end.
        await using var db = await CreateAsync(withData: false);
        var text = new StringBuilder(Header).Append("X,Y,\"Dr. Strangelove, or How I Learned,P\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"First{i},Last{i},Title {i},Publisher {i % 7}\n");
        }

        using var file = TempFile.WithText(text.ToString());

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().ContainSingle().Which.Should().BeEquivalentTo(new { LineNumber = 2L, Field = "title" });
        summary.SkippedRows[0].Reason.Should().StartWith("the title value is quoted and runs on past 8,192 bytes (on to line ");
        summary.SkippedRows[0].LastLineNumber.Should().BeGreaterThan(2);
        summary.Should().BeEquivalentTo(new { RowsRead = 3001L, RowsImported = 3000L, LinesRead = 3002L, BooksAdded = 3000L, LinksAdded = 3000L });
        (await db.CountAsync("book_publisher")).Should().Be(3000);
    }

    [ProviderFact]
    public async Task ImportAsync_QuoteRunningOverThousandsOfRows_FailsNamingItsLineAndWritesNothing()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        var text = new StringBuilder(Header).Append("Isaac,Asimov,I Robot,Gnome Press\n").Append("X,Y,\"Dr. Strangelove,P\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"First{i},Last{i},Title {i},Publisher {i % 7}\n");
        }

        using var file = TempFile.WithText(text.ToString());

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 3L, Field = "title" });
        error.Message.Should().StartWith($"{file.Path}, line 3: the title value is quoted and runs on past 8,192 bytes");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [MemberData(nameof(Catalogs))]
    public async Task ImportAsync_HeaderRepeatedMidFile_FailsNamingItsLineAndWritesNothing(bool withData)
    {
        await using var db = await CreateAsync(withData);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "Isaac,Asimov,Foundation,Random House\n" + "First_Name, Last_Name ,TITLE,publisher\r\n" + "Tom,Clancy,Patriot Games,Berkley\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 3L, Field = (string?)null });
        error.Reason.Should().Be("the row repeats the header first_name,last_name,title,publisher (were two files joined?); it is not a book");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    public static TheoryData<string, ImportErrorMode> OtherHeaders => new()
    {
        { "last_name,first_name,title,publisher", ImportErrorMode.Fail },
        { "last_name,first_name,title,publisher", ImportErrorMode.Skip },
        { "first_name,last_name,title,publisher,isbn", ImportErrorMode.Skip },
        { "isbn,Publisher,TITLE,last_name,first_name", ImportErrorMode.Skip },
        { "\uFEFFtitle,publisher,first_name,last_name", ImportErrorMode.Skip },
    };

    [ProviderTheory]
    [MemberData(nameof(OtherHeaders))]
    public async Task ImportAsync_AnotherFilesHeaderMidFile_EndsTheImportNamingBothHeadersEvenInSkipMode(string secondHeader, ImportErrorMode onError)
    {
        // Leaving the row out would read the rows after it with the first header's columns.
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "Stephen,King,The Stand,Random House\n" + secondHeader + "\n" + "Tolkien,John,The Hobbit,Allen & Unwin\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = onError });

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 3L, Field = (string?)null });
        error.Reason.Should().StartWith($"the row is another header ({secondHeader.TrimStart('\uFEFF')}), not the file's header ({Header.TrimEnd()}): its columns are in another order or beside other fields, so the rows after it would be read with the wrong columns");
        error.Reason.Should().EndWith("if the row is a book whose values are the column names, enclose each of its values in quotes");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithJoinedFilesInOtherColumnOrders_WritesNothingRatherThanSwapColumns()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(
            "first_name,last_name,title,publisher\nAnn,Lee,Book One,Penguin\n"
            + "title,publisher,first_name,last_name\nThe Stand,Doubleday,Stephen,King\nIt,Viking,Stephen,King\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Message.Should().StartWith(
            $"{file.Path}, line 3: the row is another header (title,publisher,first_name,last_name), not the file's header (first_name,last_name,title,publisher)");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [InlineData("\uFEFF\"title\",\"publisher\",\"first_name\",\"last_name\"", ImportErrorMode.Skip)]
    [InlineData("\uFEFF\"title\",\"publisher\",\"first_name\",\"last_name\"", ImportErrorMode.Fail)]
    public async Task ImportAsync_QuotedHeaderAfterAByteOrderMarkInAnotherColumnOrderMidFile_EndsTheImport(string secondHeader, ImportErrorMode onError)
    {
        // A joined file whose header is quoted and starts with its byte order mark: neither a stray quote to skip
        // nor a book whose values are the column names (no book's row starts with the mark), but another header.
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Header + "Stephen,King,The Stand,Random House\n" + secondHeader + "\n" + "The Hobbit,Allen & Unwin,John,Tolkien\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = onError });

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Message.Should().StartWith(
            $"{file.Path}, line 3: the row is another header (title,publisher,first_name,last_name), not the file's header (first_name,last_name,title,publisher)");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task ImportAsync_SkipModeWithQuotedHeaderAfterAByteOrderMarkMidFile_SkipsItAsTheHeaderNotABook(int bytesPerRead)
    {
        // The same columns in the same order, quoted, are a book whose values are the column names; after a byte
        // order mark, which starts no book's row, they are a joined file's header. Read a few bytes at a time, the
        // mark and the quote arrive apart.
        await using var db = await CreateAsync(withData: false);
        using var stream = new FewBytesAtATimeStream(
            Encoding.UTF8.GetBytes(Header + "Ann,Lee,Book One,Penguin\n\uFEFF\"first_name\",\"last_name\",\"title\",\"publisher\"\nTom,Clancy,Patriot Games,Berkley\n"),
            bytesPerRead);

        var summary = await new CatalogImporter(db.Factory).ImportAsync(stream, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(3, null, "the row repeats the header first_name,last_name,title,publisher (were two files joined?); it is not a book"));
        (await CatalogDump.LinksAsync(db)).Should().Equal("Ann|Lee|Book One|Penguin", "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderTheory]
    [InlineData("first_name\t,last_name,title,publisher", "first_name\t,last_name,title,publisher")]
    [InlineData("first_name\u00A0,last_name,title,publisher", "first_name\u00A0,last_name,title,publisher")]
    [InlineData("first_name,last_name,title,publisher", "\tfirst_name\u2003,last_name ,TITLE,\u00A0publisher")]
    [InlineData("first_name,last_name,title,publisher", "\uFEFFfirst_name,last_name,title,publisher")]
    [InlineData("first_name,last_name,title,publisher", "\"first_name\",last_name,title,publisher")]
    [InlineData("\"first_name\",\"last_name\",\"title\",\"publisher\"", "first_name,last_name,title,publisher")]
    public async Task ImportAsync_SkipModeWithHeaderRepeatedPaddedOrQuotedOtherwise_SkipsItAsTheHeader(string header, string repeated)
    {
        // One rule decides whether a field names a column, for the header and for its repeat: white space
        // (as values are trimmed) and a joined file's byte order mark around the name do not matter.
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(header + "\nAnn,Lee,Book One,Penguin\n" + repeated + "\nTom,Clancy,Patriot Games,Berkley\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(3, null, "the row repeats the header first_name,last_name,title,publisher (were two files joined?); it is not a book"));
        (await CatalogDump.LinksAsync(db)).Should().Equal("Ann|Lee|Book One|Penguin", "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_RowNamingTheColumnsBesideAnExtraColumn_EndsTheImportUnlessQuoted()
    {
        // With an extra column, a row that names the four columns elsewhere is another header, not silently a
        // skipped row; quoted, as the export quotes such values, it is a book.
        await using var db = await CreateAsync(withData: false);
        const string header = "first_name,last_name,title,publisher,note\n";
        using var bare = TempFile.WithText(header + "Ann,Lee,Book One,Penguin,x\nBob,first_name,last_name,title,publisher\n");
        using var quoted = TempFile.WithText(header + "Ann,Lee,Book One,Penguin,x\nBob,\"first_name\",\"last_name\",\"title\",\"publisher\"\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(bare.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Message.Should().StartWith(
            $"{bare.Path}, line 3: the row is another header (Bob,first_name,last_name,title,publisher), not the file's header (first_name,last_name,title,publisher,note)");
        (await CatalogDump.LinksAsync(db)).Should().BeEmpty();

        var summary = await new CatalogImporter(db.Factory).ImportAsync(quoted.Path);

        summary.LinksAdded.Should().Be(2);
        (await CatalogDump.LinksAsync(db)).Should().Equal("Ann|Lee|Book One|Penguin", "Bob|first_name|last_name|title");
    }

    [ProviderFact]
    public async Task ImportAsync_QuotedHeaderRepeatedQuotedMidFile_FailsNamingItsLine()
    {
        await using var db = await CreateAsync(withData: false);
        const string quotedHeader = "\"first_name\",\"last_name\",\"title\",\"publisher\"\n";
        using var file = TempFile.WithText(quotedHeader + "Isaac,Asimov,Foundation,Random House\n" + quotedHeader);

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Should().BeEquivalentTo(new { LineNumber = 3L, Field = (string?)null });
        (await CatalogDump.LinksAsync(db)).Should().BeEmpty();
    }

    [ProviderFact]
    public async Task ImportAsync_RowOfTheColumnNamesQuotedUnlikeTheHeader_IsABook()
    {
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(Header + "\"first_name\",\"last_name\",\"title\",\"publisher\"\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.BooksAdded.Should().Be(1);
        (await CatalogDump.LinksAsync(db)).Should().Equal("first_name|last_name|title|publisher");
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithHeaderRepeatedMidFile_ListsItAndImportsNoBookTitledTitle()
    {
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(Header + "Isaac,Asimov,Foundation,Random House\n" + Header + "Tom,Clancy,Patriot Games,Berkley\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(3, null, "the row repeats the header first_name,last_name,title,publisher (were two files joined?); it is not a book"));
        summary.Should().BeEquivalentTo(new { RowsRead = 3L, RowsImported = 2L, LinesRead = 4L });
        (await CatalogDump.LinksAsync(db)).Should().Equal("Isaac|Asimov|Foundation|Random House", "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithBadMultiLineRecord_ReadsItsSecondLineAgain()
    {
        // A well-formed record that spans lines but is rejected is left out from its first line only.
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(Header
            + "Tom,Clancy,\"Patriot\n"
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Games\",\n"
            + "Pearl,Buck,The Good Earth,Random House\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(2, "publisher", "the publisher is required and cannot be empty or white space") { LastLineNumber = 4 },
            new SkippedRow(4, null, "a quote appears inside a value that is not enclosed in quotes; enclose the value in quotes and double the quotes inside it"));
        summary.Should().BeEquivalentTo(new { RowsRead = 4L, RowsImported = 2L, LinesRead = 5L });
        (await CatalogDump.LinksAsync(db)).Should().Equal("Isaac|Asimov|Foundation|Random House", "Pearl|Buck|The Good Earth|Random House");
    }

    [ProviderTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_GiantField_FailsNamingLineAndColumnAndWritesNothing(bool quoted)
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        var giant = new string('x', 3 * 1024 * 1024);
        using var file = TempFile.WithText(Header + "Isaac,Asimov,I Robot,Gnome Press\n" + (quoted ? $"Isaac,Asimov,\"{giant}\",Gnome Press\n" : $"Isaac,Asimov,{giant},Gnome Press\n"));

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.Should().BeEquivalentTo(new { LineNumber = 3L, Field = "title" });
        error.Reason.Should().Be(quoted
            ? "the title value is quoted and runs on past 8,192 bytes, longer than any column accepts; its closing quote is probably missing"
            : "the title value is longer than 8,192 bytes, longer than any column accepts");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithGiantFields_SkipsEachAndImportsTheRest()
    {
        await using var db = await CreateAsync(withData: false);
        var giant = new string('x', 3 * 1024 * 1024);
        using var file = TempFile.WithText("first_name,last_name,title,notes,publisher\n"
            + $"Isaac,Asimov,\"{giant}\",,Gnome Press\n"
            + "Isaac,Asimov,Foundation,,Random House\n"
            + $"Tom,Clancy,Patriot Games,{giant},Berkley\n"
            + "Pearl,Buck,The Good Earth,,Random House\n"
            + new string(',', 2 * 1024 * 1024) + "\n"
            + "Tom,Clancy,Patriot Games,,Berkley\n"
            + $"Tom,Clancy,{giant}");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(
            new SkippedRow(2, "title", "the title value is quoted and runs on past 8,192 bytes, longer than any column accepts; its closing quote is probably missing"),
            new SkippedRow(4, "notes", "the notes value is longer than 8,192 bytes, longer than any column accepts"),
            new SkippedRow(6, null, "the row is longer than 1,048,576 bytes"),
            new SkippedRow(8, "title", "the title value is longer than 8,192 bytes, longer than any column accepts"));
        summary.Should().BeEquivalentTo(new { RowsRead = 7L, RowsImported = 3L, LinesRead = 8L });
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Isaac|Asimov|Foundation|Random House",
            "Pearl|Buck|The Good Earth|Random House",
            "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_ValueOfTheLongestAcceptedLengthInAnyForm_IsImported()
    {
        // A title of 250 characters outside the Basic Multilingual Plane (500 UTF-16 units, 1,000 bytes of UTF-8)
        // padded with 6,000 spaces, and one of 500 quotes (1,002 raw bytes): both within the raw field limit.
        await using var db = await CreateAsync(withData: false);
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 250));
        var quotes = new string('"', 500);
        using var file = TempFile.WithText(Header
            + $"Isaac,Asimov,{new string(' ', 3000)}{emoji}{new string(' ', 3000)},Random House\n"
            + $"Isaac,Asimov,\"{quotes.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Random House\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 2L, BooksAdded = 2L, LinesRead = 3L });
        (await CatalogDump.LinksAsync(db)).Should().BeEquivalentTo($"Isaac|Asimov|{emoji}|Random House", $"Isaac|Asimov|{quotes}|Random House");
    }

    [ProviderFact]
    public async Task ImportAsync_Utf16File_SaysItMustBeUtf8AndWritesNothing()
    {
        await using var db = await CreateAsync(withData: true);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithBytes([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Header + "Isaac,Asimov,Foundation,Random House\n")]);

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Should().BeEquivalentTo(new
        {
            LineNumber = 1L,
            Reason = "the input is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8",
        });
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderTheory]
    [InlineData("first_name,last_name,title,publisher\nIsaac,Asimov,Foundation,Random House\n", 2)]
    [InlineData("first_name,last_name,title,publisher\r\nIsaac,Asimov,Foundation,Random House", 2)]
    [InlineData("\n\nfirst_name,last_name,title,publisher\n\nIsaac,Asimov,\"Found\r\n\nation\",Random House\n\n", 8)]
    [InlineData("first_name,last_name,title,publisher\rIsaac,Asimov,Foundation,Random House\r\r", 3)]
    public async Task ImportAsync_AnyLineEndings_CountsEveryPhysicalLine(string text, long lines)
    {
        await using var db = await CreateAsync(withData: false);
        using var file = TempFile.WithText(text);

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path);

        summary.Should().BeEquivalentTo(new { RowsRead = 1L, LinesRead = lines, LinksAdded = 1L });
    }

    private async Task<TestDatabase> CreateAsync(bool withData)
    {
        var db = await TestDatabase.CreateAsync(Provider);
        if (withData)
        {
            await new CatalogImporter(db.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        }

        return db;
    }

    /// <summary>A stream that hands over at most a few bytes a read, as a pipe or a slow network might.</summary>
    private sealed class FewBytesAtATimeStream(byte[] bytes, int bytesPerRead) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, bytesPerRead), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);
    }
}
