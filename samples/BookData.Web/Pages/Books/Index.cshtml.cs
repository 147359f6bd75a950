using BookData.Books;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages.Books;

/// <summary>Books whose title contains <c>?search=</c> (all books without it), by title, <see cref="PageSize"/> a page (<c>?page=</c>).</summary>
public sealed class IndexModel(BookRepository books) : PageModel
{
    /// <summary>Books on one page: 20.</summary>
    public const int PageSize = 20;

    [FromQuery(Name = "search")]
    public string? Search { get; set; }

    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    public Page<BookSummary> Results { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pageNumber = int.TryParse(PageText, out var parsed) && parsed > 0 ? parsed : 1;
        Search = Search?.Trim();
        Results = await books.SearchByTitleAsync(Search ?? "", pageNumber, PageSize, cancellationToken);
    }
}
