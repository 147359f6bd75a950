namespace BookData.Web.Api;

/// <summary>
/// The one rule for <c>order</c> (and the publishers page's <c>sort</c>) on every endpoint and page that sorts:
/// <c>order</c> is <c>asc</c> or <c>desc</c> (any case; default: each list's own), <c>sort</c> one of the
/// list's columns. Anything else is rejected with <c>400</c> naming the parameter, as <see cref="Paging"/> does,
/// never silently replaced by the default.
/// </summary>
public static class Sorting
{
    /// <summary>Reads <c>order</c>.</summary>
    /// <param name="order">The <c>order</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="ascending">
    /// <see langword="true"/> for <c>asc</c>, <see langword="false"/> for <c>desc</c>, <see langword="null"/> when absent.
    /// </param>
    /// <param name="error">What is wrong, when the value is not valid.</param>
    /// <returns><see langword="true"/> when the value is absent or valid.</returns>
    public static bool TryReadOrder(string? order, out bool? ascending, out string error)
    {
        error = "";
        ascending = null;
        if (string.IsNullOrEmpty(order))
        {
            return true;
        }

        if (string.Equals(order, "asc", StringComparison.OrdinalIgnoreCase) || string.Equals(order, "desc", StringComparison.OrdinalIgnoreCase))
        {
            ascending = string.Equals(order, "asc", StringComparison.OrdinalIgnoreCase);
            return true;
        }

        error = $"The order '{Paging.Shorten(order)}' is not known; use 'asc' or 'desc'.";
        return false;
    }

    /// <summary>Reads <c>sort</c>, one of <paramref name="columns"/>.</summary>
    /// <param name="sort">The <c>sort</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="columns">The columns the list can be sorted by; the first is the default.</param>
    /// <param name="column">The column, in lower case.</param>
    /// <param name="error">What is wrong, when the value is not valid.</param>
    /// <returns><see langword="true"/> when the value is absent or one of the columns.</returns>
    public static bool TryReadSort(string? sort, IReadOnlyList<string> columns, out string column, out string error)
    {
        ArgumentNullException.ThrowIfNull(columns);
        error = "";
        column = columns[0];
        if (string.IsNullOrEmpty(sort))
        {
            return true;
        }

        foreach (var candidate in columns)
        {
            if (string.Equals(sort, candidate, StringComparison.OrdinalIgnoreCase))
            {
                column = candidate;
                return true;
            }
        }

        error = $"The sort '{Paging.Shorten(sort)}' is not known; use {string.Join(", ", columns.Select(name => $"'{name}'"))}.";
        return false;
    }
}
