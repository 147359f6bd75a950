using BookData.Text;
using CsvHelper;

namespace BookData.Benchmarks.Catalog;

/// <summary>
/// One CSV record of the import, read by header name and normalized with <see cref="CatalogText"/> as BookData
/// normalizes, for the raw ADO.NET and EF Core importers. Keys join their parts with a character no name may contain.
/// </summary>
public sealed record ImportCsvRow(string FirstName, string LastName, string Title, string Publisher)
{
    /// <summary>The author's identity: last and first name.</summary>
    public string AuthorKey => $"{LastName}\0{FirstName}";

    public static ImportCsvRow Read(CsvReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return new ImportCsvRow(
            CatalogText.Optional(csv.GetString("first_name"), "first name", CatalogText.MaxNameLength),
            CatalogText.Required(csv.GetString("last_name"), "last name", CatalogText.MaxNameLength),
            CatalogText.Required(csv.GetString("title"), "title", CatalogText.MaxTitleLength),
            CatalogText.Required(csv.GetString("publisher"), "publisher", CatalogText.MaxPublisherNameLength));
    }

    /// <summary>The book's identity: its author and title.</summary>
    public string BookKey(long authorId) => $"{authorId}\0{Title}";
}
