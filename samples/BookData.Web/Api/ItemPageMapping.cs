namespace BookData.Web.Api;

/// <summary>Turns the library's <see cref="Page{T}"/> into the API's <see cref="ItemPage{T}"/>.</summary>
public static class ItemPageMapping
{
    /// <summary>Maps a library page onto the envelope.</summary>
    /// <typeparam name="TSource">The library's item type.</typeparam>
    /// <typeparam name="TItem">The API's item type.</typeparam>
    /// <param name="page">The library's page.</param>
    /// <param name="map">Turns a library item into an API item.</param>
    /// <returns>The envelope.</returns>
    public static ItemPage<TItem> ToItemPage<TSource, TItem>(this Page<TSource> page, Func<TSource, TItem> map)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(map);
        return new ItemPage<TItem>(page.Items.Select(map).ToArray(), page.PageNumber, page.PageSize, page.TotalCount, page.TotalPages);
    }
}
