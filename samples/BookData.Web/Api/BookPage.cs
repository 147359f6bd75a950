namespace BookData.Web.Api;

/// <summary>One page of books whose titles match a search.</summary>
/// <param name="Items">The books on this page, by title.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The largest number of books on a page.</param>
/// <param name="TotalCount">How many books match in all.</param>
/// <param name="TotalPages">How many pages there are.</param>
public sealed record BookPage(IReadOnlyList<BookItem> Items, int Page, int PageSize, long TotalCount, long TotalPages);
