using BookData.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>
/// Publishers with their book and author counts, sorted by <c>?sort=name|books|authors</c> and
/// <c>?order=asc|desc</c> (default: most books first); ties go by name. Unknown values fall back to the default.
/// </summary>
public sealed class PublishersModel(CatalogReports reports) : PageModel
{
    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [FromQuery(Name = "order")]
    public string? Order { get; set; }

    public string SortColumn { get; private set; } = "books";

    public bool Ascending { get; private set; }

    public IReadOnlyList<PublisherRow> Publishers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SortColumn = Sort?.ToLowerInvariant() switch
        {
            "name" => "name",
            "authors" => "authors",
            _ => "books",
        };
        Ascending = Order?.ToLowerInvariant() switch
        {
            "asc" => true,
            "desc" => false,
            _ => SortColumn == "name",
        };

        var books = await reports.BooksPerPublisherAsync(SortOrder.Descending, cancellationToken);
        var authors = (await reports.AuthorsPerPublisherAsync(SortOrder.Descending, cancellationToken))
            .ToDictionary(row => row.Publisher, row => row.TotalAuthors, StringComparer.Ordinal);
        var rows = books.Select(row => new PublisherRow(row.Publisher, row.TotalBooks, authors.GetValueOrDefault(row.Publisher)));

        Func<PublisherRow, long> key = SortColumn == "authors" ? row => row.Authors : row => row.Books;
        var sorted = SortColumn == "name"
            ? (Ascending
                ? rows.OrderBy(row => row.Name, StringComparer.OrdinalIgnoreCase)
                : rows.OrderByDescending(row => row.Name, StringComparer.OrdinalIgnoreCase))
            : (Ascending ? rows.OrderBy(key) : rows.OrderByDescending(key))
                .ThenBy(row => row.Name, StringComparer.OrdinalIgnoreCase);
        Publishers = sorted.ToArray();
    }

    /// <summary>The order a column's header link asks for: the other direction when it is the current column.</summary>
    public string NextOrder(string column) =>
        column == SortColumn ? (Ascending ? "desc" : "asc") : (column == "name" ? "asc" : "desc");

    /// <summary>The <c>aria-sort</c> value of a column header.</summary>
    public string AriaSort(string column) =>
        column != SortColumn ? "none" : Ascending ? "ascending" : "descending";
}
