using BookData.Reports;

namespace BookData.Web.Tests.Support;

/// <summary>Reads what is stored, straight from the database file (starting the app first, so it is migrated).</summary>
public static class Catalog
{
    public static Task<CatalogCounts> CountsAsync(CatalogAppFactory factory)
    {
        factory.StartServer();
        return new CatalogReports(factory.OpenDatabase()).GetCountsAsync();
    }

    public static async Task<bool> HasTitleAsync(CatalogAppFactory factory, string title)
    {
        factory.StartServer();
        var page = await new Books.BookRepository(factory.OpenDatabase()).SearchByTitleAsync(title, 1, 10);
        return page.Items.Any(book => book.Title == title);
    }
}
