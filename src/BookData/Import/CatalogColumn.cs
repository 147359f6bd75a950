namespace BookData.Import;

/// <summary>One column of the catalog CSV format.</summary>
/// <param name="Name">The header name, for example <c>last_name</c>.</param>
/// <param name="Label">The name in error messages, for example <c>last name</c>.</param>
/// <param name="MaxLength">The longest normalized value.</param>
/// <param name="Required">Whether an empty value is bad input.</param>
internal sealed record CatalogColumn(string Name, string Label, int MaxLength, bool Required);
