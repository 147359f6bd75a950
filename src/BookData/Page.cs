namespace BookData;

/// <summary>One page of a longer, stably ordered list.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page, in order.</param>
/// <param name="PageNumber">The page number, starting at 1.</param>
/// <param name="PageSize">The most items a page holds.</param>
/// <param name="TotalCount">How many items all pages hold together.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalCount) : IPage
{
    /// <summary>The largest page size any list accepts: 1000.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The number of pages (0 for an empty list).</summary>
    public long TotalPages => (TotalCount + PageSize - 1) / PageSize;

    /// <summary><see langword="true"/> when a page follows this one.</summary>
    public bool HasNextPage => PageNumber < TotalPages;

    /// <inheritdoc/>
    int IPage.ItemCount => Items.Count;

    /// <summary>Checks paging arguments.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the size outside 1..<see cref="MaxPageSize"/>.</exception>
    internal static void Validate(int pageNumber, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
    }

    /// <summary>The number of rows to skip for a page.</summary>
    internal static long Offset(int pageNumber, int pageSize) => (long)(pageNumber - 1) * pageSize;
}
