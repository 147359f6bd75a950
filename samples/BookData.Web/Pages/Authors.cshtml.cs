using BookData.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>The author → book → publisher tree, read in one query.</summary>
public sealed class AuthorsModel(CatalogReports reports) : PageModel
{
    public IReadOnlyList<AuthorWithBooks> Authors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Authors = await reports.GetHierarchyAsync(cancellationToken);
}
