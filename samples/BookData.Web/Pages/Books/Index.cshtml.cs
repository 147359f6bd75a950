using BookData.Books;
using BookData.Web.Api;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages.Books;

/// <summary>
/// Books whose title contains <c>?search=</c> (all books without it), by title, <see cref="PageSize"/> a page
/// (<c>?page=</c>). A page that is not a whole number from 1 is answered with <c>400</c> and says so.
/// </summary>
public sealed class IndexModel(BookRepository books) : PageModel
{
    /// <summary>Books on one page: 20.</summary>
    public const int PageSize = 20;

    [FromQuery(Name = "search")]
    public string? Search { get; set; }

    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    public Page<BookSummary> Results { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>Why the page asked for cannot be shown, or <see langword="null"/>.</summary>
    public string? PageError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = Search?.Trim();
        if (!Paging.TryReadPage(PageText, out var pageNumber, out var error))
        {
            PageError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Results = await books.SearchByTitleAsync(Search ?? "", pageNumber, PageSize, cancellationToken);
    }

    /// <summary>
    /// The link to another page of the same search. Written by hand: in Razor Pages the route value <c>page</c>
    /// names the page itself, so <c>asp-route-page</c> cannot carry a page number.
    /// </summary>
    public string PageLink(long pageNumber)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(Search))
        {
            query.Add("search", Search);
        }

        query.Add("page", pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Url.Content("~/books") + query.ToQueryString();
    }
}
