namespace BookData.Web.Api;

/// <summary>A page of a paged list as a client asked for it, already checked by <see cref="Paging"/>.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page, 1 to <see cref="Paging.MaxPageSize"/>.</param>
public readonly record struct PageRequest(int Page, int PageSize);
