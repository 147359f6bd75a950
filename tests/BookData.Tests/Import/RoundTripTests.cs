using System.Globalization;
using System.Text;
using BookData.Export;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

/// <summary>import → export → import → export gives the same catalog and the same bytes.</summary>
public abstract class RoundTripTests
{
    /// <summary>The provider the tests run against.</summary>
    protected abstract BookDataProvider Provider { get; }

    [ProviderFact]
    public async Task ImportExportImportExport_SampleFile_IsByteIdentical()
    {
        var (first, second) = await RoundTripAsync(await File.ReadAllBytesAsync(CatalogImporterTests.SamplePath));

        second.Should().Equal(first);
    }

    [ProviderFact]
    public async Task ImportExportImportExport_AwkwardValues_IsByteIdentical()
    {
        var text = new StringBuilder("\uFEFFpublisher,title,last_name,first_name,notes\r\n");
        text.Append("\"Comma, Inc.\",\"She said \"\"no\"\"\",O'Brien,Jane,x\r\n");
        text.Append("Penguin Classics,The Republic,Plato,,\r\n");
        text.Append("  Éditions  du   Seuil,\"Two\r\nLines\",Zola,Émile,\r\n");
        text.Append("éditions du seuil,germinal,ZOLA,émile,\r\n");
        text.Append("=Formula Press,-Minus,+Plus,@At,\r\n");
        text.Append("Berkley,\"  Leading, trailing  \",Le Carre,John,\r\n");
        for (var i = 0; i < 200; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Publisher {i % 7},Title {i % 31},Last {i % 13},First {i % 5},\r\n");
        }

        var (first, second) = await RoundTripAsync(Encoding.UTF8.GetBytes(text.ToString()));

        second.Should().Equal(first);
        Encoding.UTF8.GetString(first).Should().Contain(",Plato,The Republic,Penguin Classics\n");
    }

    [ProviderFact]
    public async Task ImportExportImportExport_BooksWhoseValuesAreTheColumnNames_AreQuotedAndKept()
    {
        // Added one by one (a file cannot hold them unquoted: that is the header again), then exported.
        await using var source = await TestDatabase.CreateAsync(Provider);
        var books = new BookData.Books.BookRepository(source.Factory);
        await books.AddBookAsync(BookData.Authors.AuthorName.Create("first_name", "last_name"), "title", "publisher");
        await books.AddBookAsync(BookData.Authors.AuthorName.Create("FIRST_NAME", "Last_Name"), "Title ", "PUBLISHER");
        await books.AddBookAsync(BookData.Authors.AuthorName.Create("Stephen", "King"), "It", "Viking");
        await books.AddBookAsync(BookData.Authors.AuthorName.Create("Title", "Publisher"), "First_Name", "last_name");
        using var exported = new MemoryStream();
        await new CatalogExporter(source.Factory).ExportAsync(exported);

        var (first, second) = await RoundTripAsync(exported.ToArray());

        second.Should().Equal(first);
        Encoding.UTF8.GetString(first).Should().Be(
            "first_name,last_name,title,publisher\n"
            + "Stephen,King,It,Viking\n"
            + "\"first_name\",\"last_name\",\"title\",\"publisher\"\n"
            + "\"Title\",\"Publisher\",\"First_Name\",\"last_name\"\n");
    }

    [ProviderFact]
    public async Task ImportOfExport_GivesTheSameCatalog()
    {
        await using var source = await TestDatabase.CreateAsync(Provider);
        await using var copy = await TestDatabase.CreateAsync(Provider);
        await new CatalogImporter(source.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        using var exported = new MemoryStream();
        await new CatalogExporter(source.Factory).ExportAsync(exported);
        exported.Position = 0;

        await new CatalogImporter(copy.Factory).ImportAsync(exported);

        (await CatalogDump.LinksAsync(copy)).Should().Equal(await CatalogDump.LinksAsync(source));
    }

    private async Task<(byte[] First, byte[] Second)> RoundTripAsync(byte[] input)
    {
        await using var db1 = await TestDatabase.CreateAsync(Provider);
        await using var db2 = await TestDatabase.CreateAsync(Provider);

        await new CatalogImporter(db1.Factory).ImportAsync(new MemoryStream(input));
        using var first = new MemoryStream();
        await new CatalogExporter(db1.Factory).ExportAsync(first);

        await new CatalogImporter(db2.Factory).ImportAsync(new MemoryStream(first.ToArray()));
        using var second = new MemoryStream();
        await new CatalogExporter(db2.Factory).ExportAsync(second);

        return (first.ToArray(), second.ToArray());
    }
}
