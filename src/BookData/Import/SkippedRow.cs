namespace BookData.Import;

/// <summary>A row that an import with <see cref="ImportErrorMode.Skip"/> left out.</summary>
/// <param name="LineNumber">The 1-based physical line where the row starts (the header is line 1).</param>
/// <param name="Field">The CSV column at fault, for example <c>title</c>, or <see langword="null"/> when the row as a whole is (bad quoting, a wrong number of fields).</param>
/// <param name="Reason">What is wrong, for example "the title is required and cannot be empty or white space".</param>
public sealed record SkippedRow(long LineNumber, string? Field, string Reason);
