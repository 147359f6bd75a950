namespace BookData.Web.Api;

/// <summary>
/// The envelope of every paged answer: <c>{"items":[…],"page":n,"pageSize":n,"totalCount":n,"totalPages":n}</c>.
/// A page past the last has no items and the same totals.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page, in the list's order.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The largest number of items on a page.</param>
/// <param name="TotalCount">How many items the whole list holds.</param>
/// <param name="TotalPages">How many pages there are (0 for an empty list).</param>
public sealed record ItemPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount, long TotalPages);
