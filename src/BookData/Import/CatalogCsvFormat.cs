using BookData.Text;

namespace BookData.Import;

/// <summary>The catalog's flat file: one row per book–publisher pair, with these four columns.</summary>
internal static class CatalogCsvFormat
{
    public static readonly CatalogColumn FirstName = new("first_name", "first name", CatalogText.MaxNameLength, Required: false);

    public static readonly CatalogColumn LastName = new("last_name", "last name", CatalogText.MaxNameLength, Required: true);

    public static readonly CatalogColumn Title = new("title", "title", CatalogText.MaxTitleLength, Required: true);

    public static readonly CatalogColumn Publisher = new("publisher", "publisher", CatalogText.MaxPublisherNameLength, Required: true);

    /// <summary>The columns in the order the exporter writes them.</summary>
    public static readonly IReadOnlyList<CatalogColumn> Columns = [FirstName, LastName, Title, Publisher];

    /// <summary>The header line the exporter writes: <c>first_name,last_name,title,publisher</c>.</summary>
    public static readonly string Header = string.Join(',', Columns.Select(column => column.Name));

    /// <summary>
    /// Whether a book's four values are the four column names, in any order (ignoring the case of ASCII letters):
    /// written as they are, its row would read as the header repeated, which the import refuses, so the exporter
    /// quotes each value.
    /// </summary>
    public static bool NamesTheColumns(string firstName, string lastName, string title, string publisher)
    {
        string[] values = [firstName, lastName, title, publisher];
        return Columns.All(column => values.Any(value => IsName(value, column)));
    }

    private static bool IsName(string value, CatalogColumn column) =>
        string.Equals(value.Trim(' '), column.Name, StringComparison.OrdinalIgnoreCase) && System.Text.Ascii.IsValid(value);
}
