namespace BookData.Import;

/// <summary>A row that an import with <see cref="ImportErrorMode.Skip"/> left out.</summary>
/// <param name="LineNumber">The 1-based physical line where the row starts (the header is line 1).</param>
/// <param name="Field">The CSV column at fault, for example <c>title</c>, or <see langword="null"/> when the row as a whole is (bad quoting, a wrong number of fields).</param>
/// <param name="Reason">What is wrong, for example "the title is required and cannot be empty or white space".</param>
/// <remarks>
/// Only the line <see cref="LineNumber"/> is left out. When the row's record ran on over several lines (a quoted
/// value with line breaks, or a stray quote that opened one), <see cref="LastLineNumber"/> says how far, and the
/// import went on reading from the line after <see cref="LineNumber"/>: the rows on those lines are imported,
/// or listed on their own when they are bad too.
/// </remarks>
public sealed record SkippedRow(long LineNumber, string? Field, string Reason)
{
    private readonly long lastLineNumber;

    /// <summary>
    /// The physical line where the row's record ended, or where reading it stopped when its CSV is bad (a quote
    /// never closed, a value too long); <see cref="LineNumber"/> for a row on one line, the default.
    /// </summary>
    public long LastLineNumber
    {
        get => Math.Max(lastLineNumber, LineNumber);
        init => lastLineNumber = value;
    }
}
