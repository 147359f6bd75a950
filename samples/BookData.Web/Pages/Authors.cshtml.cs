using BookData.Reports;
using BookData.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>
/// The author → book → publisher tree, <see cref="PageSize"/> authors a page (<c>?page=</c>), each page read in
/// one query. A page that is not a whole number from 1 is answered with <c>400</c> and says so.
/// </summary>
public sealed class AuthorsModel(CatalogReports reports) : PageModel
{
    /// <summary>Authors on one page: 20.</summary>
    public const int PageSize = 20;

    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    public Page<AuthorWithBooks> Authors { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>Why the page asked for cannot be shown, or <see langword="null"/>.</summary>
    public string? PageError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(PageText, out var pageNumber, out var error))
        {
            PageError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Authors = await reports.GetHierarchyPageAsync(pageNumber, PageSize, cancellationToken);
    }

    /// <summary>
    /// The link to another page. Written by hand: in Razor Pages the route value <c>page</c> names the page
    /// itself, so <c>asp-route-page</c> cannot carry a page number.
    /// </summary>
    public string PageLink(long pageNumber) =>
        Url.Content("~/authors") + QueryString.Create("page", pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
