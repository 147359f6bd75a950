using System.Globalization;

namespace BookData.Web.Api;

/// <summary>
/// The one rule for <c>page</c> and <c>pageSize</c> on every paged endpoint and page: <c>page</c> is a whole
/// number from 1 (default 1), <c>pageSize</c> a whole number from 1 to <see cref="MaxPageSize"/> (default
/// <see cref="DefaultPageSize"/>). Anything else is rejected with <c>400</c> naming the parameter, never
/// clamped. A page past the last is not an error: it is empty and still tells the totals.
/// </summary>
public static class Paging
{
    /// <summary>The page size when none is asked for: 20.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page size served: 100. It bounds what one request reads and holds in memory.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Reads <c>page</c> and <c>pageSize</c> from the query string's text.</summary>
    /// <param name="page">The <c>page</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="pageSize">The <c>pageSize</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="request">The page asked for, when both are valid.</param>
    /// <param name="errors">What is wrong, by parameter name (<c>page</c>, <c>pageSize</c>); empty when both are valid.</param>
    /// <returns><see langword="true"/> when both are valid.</returns>
    public static bool TryRead(string? page, string? pageSize, out PageRequest request, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        if (!TryReadPage(page, out var number, out var pageError))
        {
            errors["page"] = [pageError];
        }

        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize)
            && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"The page size '{Shorten(pageSize)}' is not valid; it must be a whole number from 1 to {MaxPageSize}."];
        }

        request = new PageRequest(number, size);
        return errors.Count == 0;
    }

    /// <summary>Reads <c>page</c> alone, for the HTML pages, whose page size is fixed.</summary>
    /// <param name="page">The <c>page</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="number">The page number, 1 when absent.</param>
    /// <param name="error">What is wrong with it, or an empty string.</param>
    /// <returns><see langword="true"/> when it is valid.</returns>
    public static bool TryReadPage(string? page, out int number, out string error)
    {
        number = 1;
        error = "";
        if (string.IsNullOrEmpty(page))
        {
            return true;
        }

        if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1)
        {
            return true;
        }

        number = 1;
        error = $"The page '{Shorten(page)}' is not valid; it must be a whole number from 1.";
        return false;
    }

    // A client's text is echoed back only in part: enough to recognise it, never a whole request.
    /// <summary>A value as quoted in an error: at most 20 characters, then an ellipsis.</summary>
    /// <param name="value">The value the client sent.</param>
    /// <returns>The value, shortened.</returns>
    internal static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
