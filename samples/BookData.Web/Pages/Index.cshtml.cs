using BookData.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>The overview: the catalog's counts and the two publisher reports, most first.</summary>
public sealed class IndexModel(CatalogReports reports) : PageModel
{
    public CatalogCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);

    public IReadOnlyList<PublisherBookCount> BooksPerPublisher { get; private set; } = [];

    public IReadOnlyList<PublisherAuthorCount> AuthorsPerPublisher { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await reports.GetCountsAsync(cancellationToken);
        BooksPerPublisher = await reports.BooksPerPublisherAsync(SortOrder.Descending, cancellationToken);
        AuthorsPerPublisher = await reports.AuthorsPerPublisherAsync(SortOrder.Descending, cancellationToken);
    }
}
