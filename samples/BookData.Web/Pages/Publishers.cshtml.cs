using BookData.Reports;
using BookData.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>
/// Publishers with their book and author counts, sorted by <c>?sort=name|books|authors</c> and
/// <c>?order=asc|desc</c> (default: most books first); ties go by name. Any other value of either is answered
/// with 400 and a message naming the parameter, as the API does (see <see cref="Sorting"/>).
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

    /// <summary>What is wrong with <c>sort</c> or <c>order</c>; <see langword="null"/> when both are valid.</summary>
    public string? SortError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Sorting.TryReadSort(Sort, ["books", "name", "authors"], out var column, out var error)
            || !Sorting.TryReadOrder(Order, out var ascending, out error))
        {
            SortError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        SortColumn = column;
        Ascending = ascending ?? SortColumn == "name";

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
